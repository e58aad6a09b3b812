"""QA18: eleven warnings (ten one-offs dated before the ledger, named one by one, and the
count of the rest) took the page's height at 1024 × 700: the table showed three rows and
the totals and the export buttons went below the window, to be scrolled to. The warnings
now take at most a few lines and scroll in their own place; all of them are still there."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from _fixtures_b import b_db  # noqa: F401 (fixture)
from test_ui_payments import choose, view  # noqa: F401 (fixture)

SENTENCE = (
    "Enkratno izplačilo »ob osamosvojitvi otroka (prenehanju rejništva)« (Nataša Pušnik, "
    "pogodba 1220-100/2022) z dne 3. 5. 2026, 472,42 EUR, je datirano pred začetkom knjige "
    "izplačil (prvi zaključeni mesec je oktober 2026): program ga šteje za izplačano zunaj "
    "programa in ga ne izplača. Če ga je treba izplačati, popravite datum na mesec izplačila."
)


def test_many_warnings_leave_the_table_and_the_exports_in_view(qtbot, view):  # noqa: F811
    choose(qtbot, view, date(2026, 10, 1))
    view.resize(810, 650)  # the page at 1024 × 700, beside the list of screens
    warnings = tuple(f"{k}. {SENTENCE}" for k in range(1, 12))
    view.show_run(replace(view.run, warnings=warnings))
    qtbot.wait(20)
    assert view.minimumSizeHint().height() <= 650  # no scrolling of the page
    assert view.tabs.height() >= 360  # rows of the run, not three
    bottom = view.export_buttons["pdf"]
    assert bottom.mapTo(view, bottom.rect().bottomLeft()).y() <= view.height()
    assert all(w.replace("EUR", "€") in view.warnings.text() for w in warnings)
    assert view.warnings.isVisible()


def test_one_warning_is_shown_whole(qtbot, view):  # noqa: F811
    choose(qtbot, view, date(2026, 10, 1))
    view.resize(810, 650)
    view.show_run(replace(view.run, warnings=(SENTENCE,)))
    qtbot.wait(20)
    assert view.warnings.isVisible()
    assert view.warnings_area.height() >= view.warnings.heightForWidth(view.warnings.width())
