"""Izračun: the payment sheet of a stored placement and the what-if calculator (SPEC 3.2
worked examples), which never writes anything."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from _fixtures_b import b_ctx, b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel

from rejnistvo.rules.periods import Period
from rejnistvo.store import save_record
from rejnistvo.ui.views.calc_view import CalcView


def pin_rates(db) -> None:
    """The SPEC 3.2 examples' table (638,00 / 460,00 from 1. 11. 2025) and nothing else:
    never the rows shipped in resources/."""
    from rejnistvo.store import delete_record, list_records

    for row in list_records(db, "rates"):
        delete_record(db, "rates", row["id"])
    save_record(
        db,
        "rates",
        {
            "valid_from": date(2025, 11, 1),
            "board": Decimal("638.00"),
            "fee": Decimal("460.00"),
            "source": "ZIRD, novela 2025 (preizkusna tabela)",
        },
    )


def make_view(qtbot, ctx) -> CalcView:
    from rejnistvo.clock import FixedClock

    pin_rates(ctx.db)
    ctx.clock = FixedClock(date(2026, 3, 2))
    return show_view(qtbot, CalcView(ctx))


def audit_count(db) -> int:
    return db.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def test_payment_sheet_of_a_stored_placement(qtbot, qtmodeltester, b_ctx):  # noqa: F811
    ids = b_ctx.db.b_ids
    save_record(
        b_ctx.db,
        "board_increases",
        {
            "placement_id": ids["placement"],
            "percent": 25,
            "from_date": date(2026, 1, 1),
            "to_date": date(2026, 6, 30),
            "categories": [{"category": "health"}],
        },
    )
    view = make_view(qtbot, b_ctx)
    view.show_placement(ids["placement"])
    view.sheet_range.set_value(Period(date(2026, 1, 1), date(2026, 3, 31)))
    qtbot.mouseClick(view.sheet_button, Qt.MouseButton.LeftButton)
    assert view.sheet_error.text() == ""
    assert view.sheet_model.rowCount() == 3
    first = view.sheet_payments[0]
    assert first.board == Decimal("797.50") and first.board_increase == Decimal("159.50")
    assert first.fee == Decimal("460.00") and first.total == Decimal("1257.50")
    assert view.sheet_model.index(0, 4).data() == "797,50"
    assert "3.772,50" in view.sheet_totals.text()
    qtmodeltester.check(view.sheet_model)

    view.print_document()
    assert b_ctx.interaction.errors == []
    assert view.last_document.startswith(b"%PDF")
    qtbot.addWidget(view.preview)
    # The file name says what it is and whose; saved in Documents unless told otherwise.
    name = view.preview.suggested_name
    assert name.startswith("plačilni list ") and name.endswith(" 2026-01 do 2026-03.pdf")
    assert view.preview.kind == "payment_sheet"


def test_whatif_follows_the_typing_and_stores_nothing(qtbot, qtmodeltester, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    before = audit_count(b_ctx.db)
    view.tabs.setCurrentIndex(1)
    row = view.whatif_placement.rows[0]
    row.period.set_value(None)
    qtbot.keyClicks(row.period.start_edit.edit, "10. 3. 2026")
    view.whatif_range.set_value(Period(date(2026, 3, 1), date(2026, 3, 31)))
    view.compute_whatif()
    # SPEC 3.2: 22 days of March → 22/30 of each component.
    payment = view.whatif_payments[0]
    assert (payment.days_placed, payment.board, payment.fee, payment.total) == (
        22,
        Decimal("467.87"),
        Decimal("337.33"),
        Decimal("805.20"),
    )
    assert view.whatif_model.index(0, 3).data() == "22/30"  # P/30, not reduced
    explained = view.whatif_explain.text()
    assert "638,00" in explained and "460,00" in explained  # full rate …
    assert "preizkusna tabela" in explained  # … and its source
    assert "P/30 = 22/30" in explained and "zaokrožen na cent" in explained

    # A fee uplift from 16 March on a whole month (last example of SPEC 3.2).
    row.period.set_value(Period(date(2026, 1, 1), None))
    uplift = view.whatif_uplifts.add_row()
    uplift.percent.setCurrentIndex(uplift.percent.findData(25))
    qtbot.keyClicks(uplift.period.start_edit.edit, "16. 3. 2026")
    view.compute_whatif()
    assert view.whatif_payments[0].fee == Decimal("519.35")
    assert view.whatif_payments[0].total == Decimal("1157.35")
    qtmodeltester.check(view.whatif_model)
    assert audit_count(b_ctx.db) == before


def test_whatif_wrong_value_shows_reason_and_keeps_text(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    increase = view.whatif_increases.add_row()
    qtbot.keyClicks(increase.period.start_edit.edit, "1. 5. 2026")
    qtbot.keyClicks(increase.period.end_edit.edit, "1. 4. 2026")
    assert view.compute_whatif() is False
    assert "pred začetkom" in increase.period.error_text()
    assert increase.period.end_edit.text() == "1. 4. 2026"
    assert view.whatif_model.rowCount() == 0
    # said once, beside the row: not a second time under the list (Kaj če showed it twice)
    assert view.whatif_increases.error.text() == ""

    # Overlapping increases are named beside their list.
    increase.period.set_value(Period(date(2026, 1, 1), date(2026, 6, 30)))
    second = view.whatif_increases.add_row()
    second.period.set_value(Period(date(2026, 3, 1), date(2026, 8, 31)))
    assert view.compute_whatif() is False
    assert "prekrivajo" in view.whatif_increases.error.text()

    # Part-time placement needs the contract's share of the fee.
    view.whatif_increases._remove(second)
    box = view.part_time_box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert view.compute_whatif() is False
    assert "delež" in view.fee_share_error.text()
    qtbot.keyClicks(view.fee_share_edit, "0,40")
    assert view.compute_whatif() is True
    march = next(p for p in view.whatif_payments if p.month == date(2026, 3, 1))
    assert march.part_time


def test_missing_rate_names_the_month(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    view.whatif_placement.rows[0].period.set_value(Period(date(2024, 1, 1), None))
    view.whatif_range.set_value(Period(date(2024, 1, 1), date(2024, 2, 28)))
    assert view.compute_whatif() is False
    assert "januar 2024" in view.whatif_error.text()


def test_whatif_prints_its_own_sheet(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    view.tabs.setCurrentIndex(1)
    view.whatif_placement.rows[0].period.set_value(Period(date(2026, 3, 10), None))
    view.whatif_range.set_value(Period(date(2026, 3, 1), date(2026, 4, 30)))
    view.print_document()
    assert b_ctx.interaction.errors == []
    assert view.last_document.startswith(b"%PDF")
    qtbot.addWidget(view.preview)
    assert view.preview.suggested_name == "informativni izračun 2026-03-02.pdf"


def test_choice_model_passes_modeltester_and_finds_by_value(qtbot, qtmodeltester, b_ctx):  # noqa: F811
    from rejnistvo.ui.widgets.choice_combo import ChoiceModel

    model = ChoiceModel()
    model.set_choices([("RP-1 – Luka Otrok – Marija Rejnik", 7), ("RP-2 – Ana – Boris", 9)])
    qtmodeltester.check(model)
    view = make_view(qtbot, b_ctx)
    combo = view.placement_combo
    assert (
        combo.findData(b_ctx.db.b_ids["placement"])
        == 0
        == view.placement_model.index_of(b_ctx.db.b_ids["placement"])
    )
    assert "Luka Otrok" in combo.itemText(0)


def test_missing_indexation_is_one_red_line_under_the_totals(qtbot, b_ctx):  # noqa: F811
    # The tests' table holds only the 2025 row: March 2026 lacks its indexation (SPEC 3.1).
    view = make_view(qtbot, b_ctx)
    view.whatif_placement.rows[0].period.set_value(Period(date(2026, 1, 1), None))
    view.whatif_range.set_value(Period(date(2026, 1, 1), date(2026, 2, 1)))
    assert view.compute_whatif() is True
    stale = view.findChild(QLabel, "whatifTotalsStale")
    assert stale is None or stale.isHidden()
    view.whatif_range.set_value(Period(date(2026, 2, 1), date(2026, 3, 1)))
    assert view.compute_whatif() is True
    stale = view.findChild(QLabel, "whatifTotalsStale")
    assert not stale.isHidden() and "1. 3. 2026" in stale.text()
    assert "\n" not in stale.text()
    # the months it concerns, not only the last; € as everywhere on the screens
    assert "meseci februar 2026 – marec 2026" not in stale.text()  # February is not stale
    assert "mesec marec 2026 je izračunan" in stale.text()
    assert "638,00 €" in stale.text() and "EUR" not in stale.text()
    view.whatif_range.set_value(Period(date(2026, 2, 1), date(2026, 4, 1)))
    assert view.compute_whatif() is True
    assert "meseca marec 2026 – april 2026 sta izračunana" in stale.text()


def test_kaj_ce_removed_period_comes_back_with_ctrl_z(qtbot, b_ctx):  # noqa: F811
    from PySide6.QtWidgets import QApplication

    view = make_view(qtbot, b_ctx)
    view.tabs.setCurrentIndex(1)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    row = view.whatif_placement.rows[0]
    row.period.set_value(Period(date(2026, 1, 1), date(2026, 6, 30)))
    view.compute_whatif()
    total = view.whatif_totals.text()
    assert total
    row.remove_button.setFocus()
    qtbot.keyClick(row.remove_button, Qt.Key.Key_Space)
    assert view.whatif_placement.rows == []
    assert view.whatif_totals.text() == ""  # recomputed at once
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    (back,) = view.whatif_placement.rows
    assert back.period.value() == Period(date(2026, 1, 1), date(2026, 6, 30))
    assert view.whatif_totals.text() == total


def test_placement_picker_holds_a_page_and_finds_the_rest_by_typing(qtbot, ctx):
    """The picker asks the store as one types; it never holds every placement."""
    from rejnistvo.rules.periods import first_of_month, last_of_month
    from rejnistvo.services.placement_search import find_placements, first_placed_in

    everyone = find_placements(ctx.db, "", limit=1000)
    assert len(everyone) > 12
    view = CalcView(ctx)
    view.placement_combo.limit = 5
    show_view(qtbot, view)
    combo = view.placement_combo
    assert combo.count() == 5  # the first page, in the list's order …
    # … and its first one with a child placed this month shown, its months computed: the
    # first one had ended before the file's first amounts, and the screen opened on a red
    # »ni vnesenega zneska« (QA51)
    today = ctx.clock.today()
    current = first_placed_in(
        ctx.db, [p["id"] for p in everyone[:5]], first_of_month(today), last_of_month(today)
    )
    assert current is not None and current != everyone[0]["id"]
    assert combo.currentData() == current
    assert view.sheet_payments and not view.sheet_error.text()

    last = everyone[-1]  # far beyond the page
    view.activateWindow()
    view.focus_search()  # Ctrl+F: the picker, its text selected to be typed over
    qtbot.waitUntil(combo.hasFocus)
    line = combo.lineEdit()
    assert line.selectedText() == line.text() != ""
    qtbot.keyClicks(line, last["contract_no"])
    popup = combo.completer().popup()
    qtbot.waitUntil(lambda: popup.isVisible() and combo.offered.rowCount() == 1)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert combo.currentData() == last["id"]
    assert last["contract_no"] in combo.currentText()
    assert combo.count() <= 1 + combo.limit

    # A text that finds nothing stays as typed when the keyboard leaves (never lost);
    # the box says why and the chosen placement stays chosen.
    line.selectAll()
    qtbot.keyClicks(line, "zzz-nobody")
    assert line.text() == "zzz-nobody" and combo.offered.rowCount() == 0
    qtbot.wait(2 * combo.PAUSE_MS)  # the store's answer (nothing) comes in
    assert line.text() == "zzz-nobody"
    view.activateWindow()  # the offscreen popup took the activation
    qtbot.waitUntil(view.isActiveWindow)
    view.sheet_button.setFocus()
    qtbot.waitUntil(lambda: combo.pending_text() != "")
    assert line.text() == "zzz-nobody" and "ne ustreza nobeni namestitvi" in combo.toolTip()
    assert combo.currentData() == last["id"]
    # said under the field, and gone once a placement is chosen
    assert "»zzz-nobody« ne ustreza nobeni namestitvi" in view.placement_error.text()
    assert view.placement_error.isVisibleTo(view)
    view.show_placement(everyone[0]["id"])
    assert view.placement_error.text() == "" and not view.placement_error.isVisibleTo(view)
    assert line.text() == combo.itemText(combo.currentIndex())


def test_placement_opened_from_another_screen_beyond_the_page(qtbot, ctx):
    from rejnistvo.services.placement_search import find_placements

    everyone = find_placements(ctx.db, "", limit=1000)
    view = CalcView(ctx)
    view.placement_combo.limit = 3
    show_view(qtbot, view)
    target = everyone[-2]
    view.show_placement(target["id"])
    assert view.placement_combo.currentData() == target["id"]
    assert view.tabs.currentIndex() == 0 and view.sheet_error.text() == ""
    # a refresh (another screen saved something) keeps it chosen
    view.refresh()
    assert view.placement_combo.currentData() == target["id"]
    assert view.placement_combo.count() <= 1 + 3


def test_kaj_ce_is_built_when_first_shown(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    assert not view._whatif_built  # the first opening pays for the payment sheet only
    view.tabs.setCurrentIndex(1)
    assert view._whatif_built and view.tabs.currentIndex() == 1
    assert view.tabs.currentWidget().isAncestorOf(view.whatif_table)
    assert view.tabs.tabText(1).startswith("Kaj če")
    assert [row.period.value().start for row in view.whatif_placement.rows] == [date(2026, 1, 1)]
    # a Kaj če widget asked for before the tab is shown builds it too
    other = make_view(qtbot, b_ctx)
    assert other.whatif_range.value() == Period(date(2026, 1, 1), date(2026, 12, 31))
    assert other._whatif_built and other.tabs.currentIndex() == 0
