"""Izplačila → Poračun / Preplačila: the reason of a line was only in the Razlog column,
cut at 1024 × 700 (»dodan znesek od 1. 1…«), whole only in a tooltip, which the
keyboard never shows (QA59). The chosen line's reason stands whole under the list, as
Roki shows a reminder's details; not on the other tabs, nor under an empty list."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_db  # noqa: F401 (fixtures)
from _fixtures_b import payments_view as view  # noqa: F401 (the screen under test)
from _fixtures_b import show_month as choose
from PySide6.QtCore import Qt

from rejnistvo.services import rates as rate_service

OCT, NOV = date(2026, 10, 1), date(2026, 11, 1)


def test_the_chosen_lines_reason_stands_whole_under_the_list(qtbot, view):  # noqa: F811
    choose(qtbot, view, OCT)
    assert view.close_month()
    view.tabs.setCurrentIndex(1)
    assert not view.reason_area.isVisibleTo(view)  # an empty list: its note says why
    rate_service.add_rate(view.ctx.db, "2026-10-01", "600.00", "500.00", "test: nižja")
    choose(qtbot, view, NOV)
    view.tabs.setCurrentIndex(0)
    assert not view.reason_area.isVisibleTo(view)  # Izplačilo: its kind says the rest
    view.tabs.setCurrentIndex(2)  # Preplačila, by the keyboard: Tab to the list
    assert view.reason_line.text() == "Izberite vrstico: tu bo njen razlog v celoti."
    assert not view.reason_line.isEnabled()  # grey: a hint, not a reason
    view.over_table.setFocus()
    assert view.reason_line.isEnabled()
    assert view.reason_area.isVisibleTo(view)
    assert view.reason_line.text() == (
        "Marija Rejnik – Luka Otrok, oktober 2026: dodan znesek od 1. 10. 2026 (oskrbnina 600,00 namesto 638,00 €)"
    )
    view.tabs.setCurrentIndex(1)
    view.diff_table.setFocus()
    qtbot.keyClick(view.diff_table, Qt.Key.Key_Home)
    assert view.reason_line.text().endswith(
        "dodan znesek od 1. 10. 2026 (plačilo dela 500,00 namesto 460,00 €)"
    )
    view.tabs.setCurrentIndex(0)
    assert not view.reason_area.isVisibleTo(view)
