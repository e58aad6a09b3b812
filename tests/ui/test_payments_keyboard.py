"""Izplačila at 1024 × 700 and by keyboard alone: Enter presses the focused button, Tab
goes top to bottom, a closed month's status never widens the page, the amounts and
*Skupaj* are in view beside the screen list, and *Za mesec* sorts by time."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_db  # noqa: F401 (fixtures)
from _fixtures_b import payments_view as view  # noqa: F401 (the screen under test)
from _fixtures_b import show_month as choose
from PySide6.QtCore import Qt

from rejnistvo.services import rates as rate_service
from rejnistvo.ui.models.table import SORT_ROLE

TODAY = date(2026, 12, 10)
#: what the screen has beside the screen list in a 1024 px window (820 px page, the
#: table's frame and scroll bar)
TABLE_AT_1024 = 780


def test_enter_on_the_focused_button_presses_it(qtbot, view):  # noqa: F811
    choose(qtbot, view, date(2026, 10, 1))
    view.close_button.setFocus()
    qtbot.keyClick(view.close_button, Qt.Key.Key_Return)
    asked = view.ctx.interaction.asked
    assert [a[1] for a in asked] == ["Zaključi mesec"] and "1.098,00 €" in asked[0][2]
    assert view.run.status == "closed"


def tab_path(qtbot, view, start, steps: int) -> list:  # noqa: F811
    start.setFocus()
    path = []
    for _ in range(steps):
        qtbot.keyClick(view.focusWidget() or start, Qt.Key.Key_Tab)
        path.append(view.focusWidget())
    return path


def test_tab_goes_top_to_bottom_through_the_tab_shown(qtbot, view):  # noqa: F811
    choose(qtbot, view, date(2026, 10, 1))
    bar, pdf = view.tabs.tabBar(), view.export_buttons["pdf"]
    # Ponovno odpri is disabled; the tabs' bar, then the table under it, then the exports
    path = tab_path(qtbot, view, view.close_button, 4)
    assert path == [bar, view.paid_table, pdf, view.export_buttons["xlsx"]]
    view.tabs.setCurrentIndex(2)  # Preplačila: its table, then its button when enabled
    assert tab_path(qtbot, view, bar, 2) == [view.over_table, pdf]
    assert view.month_combo in tab_path(qtbot, view, pdf, 6)  # round, no trap


def test_a_closed_months_status_does_not_widen_the_page(qtbot, view):  # noqa: F811
    view.ctx.user_name = "Marjetka Kovačič Novak"  # the status names who closed the month
    choose(qtbot, view, date(2026, 10, 1))
    assert view.close_month()
    assert "Zaključen" in view.status.text()
    view.layout().activate()  # the sizes of the texts shown now
    # it stood beside the buttons: the page became wider than a 1024 px window's
    assert view.minimumSizeHint().width() <= 820
    assert view.layout().minimumSize().width() <= 820


def test_a_long_totals_line_does_not_widen_the_page(qtbot, view):  # noqa: F811
    """QA10: at 20,000 placements »Skupaj za izplačilo: 20.195.467,90 € · preplačila …«
    beside the exports made the page wider than the window (SEPA and Ponovno odpri cut)."""
    from dataclasses import replace
    from decimal import Decimal

    choose(qtbot, view, date(2026, 10, 1))
    view.shown = replace(
        view.shown,
        total=Decimal("20195467.90"),
        overpaid=Decimal("848099.91"),
        undone=Decimal("123456.78"),
    )
    view._show_status()
    # three parts, each kept on one line (»848.099,91« ended a line, »€« stood alone)
    parts = view.total_label.text().split(" · ")
    assert len(parts) == 3 and not any(" " in part for part in parts)
    assert parts[1] == "preplačila (niso odšteta): 848.099,91 €".replace(" ", "\u00a0")
    view.layout().activate()
    assert view.minimumSizeHint().width() <= 820
    assert view.layout().minimumSize().width() <= 820
    view.resize(820, 600)
    qtbot.wait(10)
    for button in (view.export_buttons["sepa"], view.reopen_button):
        assert button.geometry().right() < 820 and button.width() >= button.sizeHint().width()


def test_a_disabled_button_says_why(qtbot, view):  # noqa: F811
    """QA10: »Vpiši poravnavo« was greyed out with no word why while the month was open
    (Qt shows a disabled button's tooltip)."""
    choose(qtbot, view, date(2026, 10, 1))
    assert not view.settle_button.isEnabled()
    assert "ko je mesec zaključen" in view.settle_button.toolTip()
    assert not view.reopen_button.isEnabled() and "ni zaključen" in view.reopen_button.toolTip()
    assert view.close_month()
    assert not view.settle_button.isEnabled()  # closed without overpayments
    assert "ni preplačil" in view.settle_button.toolTip()
    assert view.reopen_button.isEnabled() and view.reopen_button.toolTip()
    choose(qtbot, view, date(2026, 11, 1))
    assert view.close_month()
    choose(qtbot, view, date(2026, 10, 1))
    assert not view.reopen_button.isEnabled()
    assert "le zadnji zaključeni mesec (november 2026)" in view.reopen_button.toolTip()


def _width_up_to(table, header_text: str) -> int:
    model = table.model()
    header = table.horizontalHeader()
    for column in range(model.columnCount()):
        if model.headerData(column, Qt.Orientation.Horizontal) == header_text:
            return sum(header.sectionSize(c) for c in range(column + 1))
    raise AssertionError(header_text)


def test_the_amounts_and_the_total_are_in_view_at_1024(qtbot, view):  # noqa: F811
    paid = view.paid_table.model()
    headers = [paid.headerData(c, Qt.Orientation.Horizontal) for c in range(paid.columnCount())]
    # the unit (centre) the lines are ordered by (QA70), then SPEC 3.6's order: who, the
    # contract, days, factor, the amounts, the total
    assert headers[:4] == ["Enota\n(center)", "Rejnik/ica", "Otrok", "Pogodba"]
    assert headers.index("Skupaj") < headers.index("Center")
    view.resize(820, 600)  # the page beside the screen list in a 1024 px window
    qtbot.wait(10)
    assert _width_up_to(view.paid_table, "Skupaj") <= TABLE_AT_1024
    for table in (view.diff_table, view.over_table):
        # a difference: the month it is for and how much, before its parts and reason
        assert _width_up_to(table, "Skupaj") <= TABLE_AT_1024 - 200
        assert _width_up_to(table, "Za mesec") < _width_up_to(table, "Skupaj")


def test_za_mesec_sorts_by_time_not_by_the_months_name(qtbot, view):  # noqa: F811
    for month in (date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)):
        choose(qtbot, view, month)
        assert view.close_month()
    rate_service.add_rate(view.ctx.db, "2026-03-01", "655.23", "472.42", "test: 2026")
    view.ctx.bus.records_changed.emit("rates")
    choose(qtbot, view, date(2026, 12, 1))
    proxy = view.diff_table.model()
    column = next(
        c
        for c in range(proxy.columnCount())
        if proxy.headerData(c, Qt.Orientation.Horizontal) == "Za mesec"
    )
    view.diff_table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    shown = [proxy.index(r, column).data() for r in range(proxy.rowCount())]
    # by name it was »november, oktober, september«
    assert shown == ["september 2026", "oktober 2026", "november 2026"]
    assert proxy.index(0, column).data(SORT_ROLE) is not None


def test_a_refused_reopening_reason_is_asked_again_with_what_was_typed(qtbot, view):  # noqa: F811
    choose(qtbot, view, date(2026, 10, 1))
    assert view.close_month()
    fake = view.ctx.interaction
    fake.asked.clear()
    fake.answers.extend(["nap", "napaka v znesku"])
    view.reopen_button.setFocus()
    assert view.reopen_month()
    # the button went disabled: the focus stays on the screen, on the month
    assert view.month_combo.hasFocus()
    kinds = [(a[0], a[2]) for a in fake.asked]
    # first what the reopening means for a bank file already sent (closed and exported
    # again, it would pay every carer twice), then the reason
    assert kinds[0][0] == "text" and "banki ne pošljite nove\ncelotne datoteke SEPA" in kinds[0][1]
    assert kinds[0][1].endswith("\n\nRazlog za ponovno odprtje meseca oktober 2026:")
    # the refusal as a sentence (the CLI's field prefix is not there to start it)
    assert kinds[1][0] == "error" and kinds[1][1].startswith("Vpišite razlog")
    assert kinds[2] == ("text", kinds[0][1] + " [nap]")
    qtbot.waitUntil(lambda: not view.is_busy(), timeout=20000)
    assert view.run.status == "open"


def test_a_table_reached_by_tab_selects_its_first_row(qtbot, view):  # noqa: F811
    choose(qtbot, view, date(2026, 10, 1))
    view.tabs.tabBar().setFocus()
    qtbot.keyClick(view.tabs.tabBar(), Qt.Key.Key_Tab)
    assert view.paid_table.hasFocus()
    # the first row is selected at once (↓ selected the second: the first was skipped)
    assert [i.row() for i in view.paid_table.selectionModel().selectedRows()] == [0]


def test_after_a_settlement_the_settled_line_stays_selected_with_the_focus(qtbot, view):  # noqa: F811
    from test_payments_settle_confirm import overpayment_shown

    overpayment_shown(qtbot, view)
    view.settle_button.setFocus()
    view.ctx.interaction.answers.extend(["2026-12", True])
    qtbot.keyClick(view.settle_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.is_busy(), timeout=20000)
    assert view.over_model.row_record(0)["settled"]
    # the month was read again: the line is still the one selected, and the focus is
    # on it, not on the screen list (the settle button was disabled meanwhile)
    assert view.over_table.hasFocus()
    assert [i.row() for i in view.over_table.selectionModel().selectedRows()] == [0]


def test_the_stale_rate_warning_writes_euros_as_the_screens_do(qtbot, view):  # noqa: F811
    # the tests' table has only the 2025 row: the 1 March 2026 indexation is missing
    choose(qtbot, view, date(2026, 10, 1))
    text = view.warnings.text()
    assert "Uskladitev zneskov od 1. 3. 2026 ni vnesena" in text
    assert "638,00 €" in text and "EUR" not in text
    assert "EUR" in view.run.warnings[0]  # the CLI's and the PDF's sentence keeps it


def test_export_names_say_what_they_are(qtbot, view):  # noqa: F811
    from rejnistvo.store import save_record

    # what the bank file needs, checked before its name is asked for
    db = view.ctx.db
    save_record(db, "carers", {"id": db.b_ids["carer"], "iban": "SI56191000000123438"})
    with db.atomic():
        db.table("settings").upsert(
            {"key": "centre_iban", "value": "SI56020108128219338"}, pk="key"
        )
        db.table("settings").upsert({"key": "centre_name", "value": "CSD Gorenjska"}, pk="key")
    choose(qtbot, view, date(2026, 10, 1))
    for fmt in ("pdf", "sepa"):
        assert not view.export(fmt)  # the file dialog cancelled
    suggested = [a[2] for a in view.ctx.interaction.asked if a[0] == "save_path"]
    assert suggested[0].endswith("izplačilo rejnin 2026-10.pdf")
    assert suggested[1].endswith("izplačilo rejnin 2026-10 SEPA.xml")


def test_the_totals_show_the_centres_and_units_names(qtbot, view):  # noqa: F811
    choose(qtbot, view, date(2026, 10, 1))
    view.resize(820, 660)
    view.tabs.setCurrentIndex(3)
    qtbot.wait(20)
    table = view.totals_table
    header = table.horizontalHeader()
    # the name column takes the width, the amount is as wide as an amount
    assert header.sectionSize(1) > 2 * header.sectionSize(2)
    assert header.length() <= table.viewport().width()
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle


def test_no_empty_error_line_between_the_status_and_a_warning(qtbot, view):  # noqa: F811
    choose(qtbot, view, date(2026, 10, 1))
    assert view.warnings.isVisible() and view.error.isHidden()
    view.load_run()
    view.cancel_load()
    assert view.error.isVisible() and "preklican" in view.error.text()
    choose(qtbot, view, date(2026, 10, 1))
    assert view.error.isHidden()
