"""QA18: the close question names the run's warnings (a 1 March indexation not entered,
a placement the run left out, a one-off counted as paid outside): the month closes with
them and keeps them, and they stood only in a line above the table that »Zaključim …?«
did not mention, so a clerk confirmed a month paid at last year's amounts unaware."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from _fixtures_b import b_db  # noqa: F401 (fixture)
from PySide6.QtCore import Qt
from test_ui_payments import choose, view  # noqa: F401 (fixture)


def _question(qtbot, view) -> str:  # noqa: F811
    view.ctx.interaction.answers.append(False)
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    kind, _title, text = view.ctx.interaction.asked[-1]
    assert kind == "confirm"
    return str(text)


def test_the_close_question_names_the_missing_indexation(qtbot, view):  # noqa: F811
    choose(qtbot, view, date(2026, 10, 1))
    assert view.run.warnings  # the tests' table has no row of 1 March 2026
    text = _question(qtbot, view)
    assert "Uskladitev zneskov od 1. 3. 2026 ni vnesena" in text
    assert "638,00 €" in text  # as the screen writes amounts
    assert view.ctx.db.execute("SELECT count(*) FROM payment_runs").fetchone()[0] == 0


def test_many_warnings_are_counted_not_all_written(qtbot, view):  # noqa: F811
    choose(qtbot, view, date(2026, 10, 1))
    view.run = replace(view.run, warnings=tuple(f"Opozorilo {k}." for k in range(1, 8)))
    text = _question(qtbot, view)
    assert "Opozorilo 3." in text and "Opozorilo 4." not in text
    assert "in še 4" in text


def test_no_warning_no_word_of_them(qtbot, view):  # noqa: F811
    choose(qtbot, view, date(2026, 10, 1))
    view.run = replace(view.run, warnings=())
    assert "pozoril" not in _question(qtbot, view)


def test_the_warnings_are_counted_in_the_right_number(qtbot, view):  # noqa: F811
    # »Opozorila izplačila (1), zaključeni mesec jih ohrani« was plural for one warning
    choose(qtbot, view, date(2026, 10, 1))
    run = view.run
    for count, said in (
        (1, "1 opozorilo"),
        (2, "2 opozorili"),
        (3, "3 opozorila"),
        (5, "5 opozoril"),
    ):
        view.run = replace(run, warnings=tuple(f"Opozorilo {k}." for k in range(1, count + 1)))
        assert f"Zaključeni mesec ohrani {said} izplačila:" in _question(qtbot, view)
