"""QA4 (round 9): Izračun with the keyboard. Enter in a month field computes the sheet of
the months typed (it did nothing: the table kept showing the earlier months under fields
that named others)."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_ctx, b_db  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from test_calc_view import make_view


def retype(qtbot, date_edit, text: str) -> None:
    date_edit.edit.setFocus()
    date_edit.edit.selectAll()
    qtbot.keyClicks(date_edit.edit, text)


def test_enter_in_the_months_computes_the_sheet_of_those_months(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    view.show_placement(b_ctx.db.b_ids["placement"])
    assert view.sheet_payments[0].month == date(2026, 1, 1)
    retype(qtbot, view.sheet_range.start_edit, "1. 4. 2026")
    retype(qtbot, view.sheet_range.end_edit, "31. 5. 2026")
    qtbot.keyClick(view.sheet_range.end_edit.edit, Qt.Key.Key_Return)
    assert [p.month for p in view.sheet_payments] == [date(2026, 4, 1), date(2026, 5, 1)]
    assert view.sheet_model.rowCount() == 2


def test_enter_with_a_wrong_month_shows_the_reason_and_keeps_the_text(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    view.show_placement(b_ctx.db.b_ids["placement"])
    retype(qtbot, view.sheet_range.start_edit, "31. 2. 2026")
    qtbot.keyClick(view.sheet_range.start_edit.edit, Qt.Key.Key_Enter)
    assert "ne obstaja" in view.sheet_range.start_edit.error_text()
    assert view.sheet_range.start_edit.text() == "31. 2. 2026"


def test_enter_on_the_focused_izracunaj_button_computes(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    view.show_placement(b_ctx.db.b_ids["placement"])
    retype(qtbot, view.sheet_range.start_edit, "1. 4. 2026")
    view.sheet_button.setFocus()
    qtbot.keyClick(view.sheet_button, Qt.Key.Key_Return)
    assert view.sheet_payments[0].month == date(2026, 4, 1)


def test_dodaj_obdobje_puts_the_keyboard_into_the_new_row(qtbot, b_ctx):  # noqa: F811
    """Kaj če: the keyboard stayed on *Dodaj obdobje*, so the date typed next pressed the
    button at each space (three new rows for »1. 1. 2026«) and never reached a field."""
    from PySide6.QtWidgets import QApplication

    view = make_view(qtbot, b_ctx)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.tabs.setCurrentIndex(1)
    editor = view.whatif_increases
    editor.add_button.setFocus()
    qtbot.keyClick(editor.add_button, Qt.Key.Key_Space)
    assert len(editor.rows) == 1
    row = editor.rows[0]
    qtbot.waitUntil(lambda: row.isAncestorOf(QApplication.focusWidget()))
    qtbot.waitUntil(row.period.start_edit.edit.isVisible)  # shown by the layout, queued
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # past the percent
    qtbot.keyClicks(QApplication.focusWidget(), "1. 1. 2026")
    assert len(editor.rows) == 1
    assert row.period.start_edit.text() == "1. 1. 2026"


def test_kaj_ce_share_is_typed_as_on_namestitve(qtbot, b_ctx):  # noqa: F811
    """Kaj če refused »40 %« (accepted on Namestitve) as »ni znesek«, called a share an
    amount, and said »1.50 … (npr. 0.40)« with decimal points."""
    view = make_view(qtbot, b_ctx)
    view.tabs.setCurrentIndex(1)
    view.part_time_box.setChecked(True)
    for typed, said in (("abc", "ni delež"), ("150 %", "100 %"), ("-0,1", "100 %")):
        view.fee_share_edit.setText(typed)
        assert view.compute_whatif() is False
        reason = view.fee_share_error.text()
        assert said in reason and "znesek" not in reason and "0.40" not in reason, reason
        assert view.fee_share_edit.text() == typed
    view.fee_share_edit.setText("40 %")
    assert view.compute_whatif() is True
    view.fee_share_edit.setText("0,40")
    assert view.compute_whatif() is True
