"""Izplačila: a tab without lines said nothing (QA59: Poračun and Preplačila of a month
with no arrears were only column headers over white space, and the clerk could not tell
»nothing to recompute« from a run not shown or a tab that failed). An empty tab says so
in words for its month, whether open or closed, and why; a tab with lines shows none."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_db  # noqa: F401 (fixtures)
from _fixtures_b import payments_view as view  # noqa: F401 (the screen under test)
from _fixtures_b import show_month as choose

from rejnistvo.services import rates as rate_service

OCT, NOV = date(2026, 10, 1), date(2026, 11, 1)


def shown_note(screen, name: str) -> str:
    """The words an empty tab shows, "" when it shows none."""
    note = screen.empty_notes[name]
    return note.text() if note.isVisibleTo(screen) else ""


def test_empty_arrears_and_overpayments_say_so(qtbot, view):  # noqa: F811
    choose(qtbot, view, OCT)
    view.tabs.setCurrentIndex(1)
    assert shown_note(view, "arrears") == (
        "Za oktober 2026 ni poračunov: pred tem mesecem ni zaključenega meseca, ki bi ga "
        "bilo treba poračunati."
    )
    view.tabs.setCurrentIndex(2)
    assert shown_note(view, "overpayments").startswith("Za oktober 2026 ni preplačil")
    view.tabs.setCurrentIndex(0)
    assert view.paid_model.rowCount() and shown_note(view, "paid") == ""

    assert view.close_month()
    view.tabs.setCurrentIndex(1)
    assert shown_note(view, "arrears") == "V izplačilu za oktober 2026 ni bilo poračunov."
    view.tabs.setCurrentIndex(2)
    assert shown_note(view, "overpayments") == "V izplačilu za oktober 2026 ni bilo preplačil."

    choose(qtbot, view, NOV)
    view.tabs.setCurrentIndex(1)
    assert shown_note(view, "arrears") == (
        "Za november 2026 ni poračunov: zaključeni meseci po današnjih podatkih ne dajo "
        "več, kot je bilo izplačano."
    )


def test_a_tab_with_lines_shows_no_note_and_a_note_fits_the_table(qtbot, view):  # noqa: F811
    choose(qtbot, view, OCT)
    assert view.close_month()
    rate_service.add_rate(view.ctx.db, "2026-10-01", "700.00", "500.00", "test: višji")
    choose(qtbot, view, NOV)
    view.tabs.setCurrentIndex(1)
    assert view.diff_model.rowCount() == 1
    assert shown_note(view, "arrears") == ""
    # while a month is being computed no tab says it is empty
    view.load_run()
    assert all(shown_note(view, name) == "" for name in view.empty_notes)
    qtbot.waitUntil(lambda: not view.is_busy(), timeout=20000)
    view.tabs.setCurrentIndex(2)
    note = view.empty_notes["overpayments"]
    assert note.isVisibleTo(view)
    assert note.geometry().right() < view.over_table.viewport().width()
