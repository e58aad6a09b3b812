"""The placement picker (``SearchCombo``) never loses what was typed: a part that finds
several placements, or none, stays in the box when the keyboard leaves it, the box says
why in Slovenian, and the chosen placement stays chosen until one is taken."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from rejnistvo.rules.text import fold
from rejnistvo.ui.widgets.search_combo import SearchCombo

PLACEMENTS = [
    ("12/2026 – Novak Ana (Kos Marija)", 1),
    ("13/2026 – Novak Bor (Kos Marija)", 2),
    ("14/2026 – Žagar Cene (Rep Jože)", 3),
]


def search(text: str, limit: int) -> list[tuple[str, Any]]:
    words = fold(text).split()
    return [item for item in PLACEMENTS if all(w in fold(item[0]) for w in words)][:limit]


def make(qtbot) -> tuple[SearchCombo, QLineEdit, list[str]]:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    combo = SearchCombo(search, window, blank=True, read=lambda v: None)
    after = QLineEdit(window)
    layout.addWidget(combo)
    layout.addWidget(after)
    said: list[str] = []
    combo.pending.connect(said.append)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return combo, after, said


def leave_with(qtbot, combo: SearchCombo, after: QLineEdit, typed: str) -> None:  # type: ignore[no-untyped-def]
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    line = combo.lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, typed)
    after.setFocus()
    qtbot.waitUntil(after.hasFocus)


def test_several_matches_keep_the_text_and_say_choose_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    combo, after, said = make(qtbot)
    leave_with(qtbot, combo, after, "novak")
    assert combo.lineEdit().text() == "novak"  # not emptied
    assert combo.currentData() is None  # nothing chosen, nothing to store
    assert "»novak« ustreza več namestitvam" in said[-1]
    assert "izberite eno s seznama" in said[-1]
    assert combo.pending_text() == said[-1] == combo.toolTip()


def test_one_match_is_taken_and_the_message_goes(qtbot) -> None:  # type: ignore[no-untyped-def]
    combo, after, said = make(qtbot)
    leave_with(qtbot, combo, after, "novak")
    leave_with(qtbot, combo, after, "zagar")
    assert combo.currentData() == 3
    assert combo.lineEdit().text() == PLACEMENTS[2][0]
    assert said[-1] == "" and combo.pending_text() == ""


def test_no_match_keeps_the_text_and_the_chosen_placement(qtbot) -> None:  # type: ignore[no-untyped-def]
    combo, after, said = make(qtbot)
    leave_with(qtbot, combo, after, "bor")
    assert combo.currentData() == 2
    leave_with(qtbot, combo, after, "zzz")
    assert combo.lineEdit().text() == "zzz"
    assert combo.currentData() == 2
    assert "»zzz« ne ustreza nobeni namestitvi" in said[-1]
    assert PLACEMENTS[1][0] in said[-1]  # the one that stays chosen is named


def test_an_emptied_box_is_no_pending_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    combo, after, said = make(qtbot)
    leave_with(qtbot, combo, after, "zzz")
    assert combo.pending_text()
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    combo.lineEdit().clear()
    after.setFocus()
    qtbot.waitUntil(after.hasFocus)
    assert combo.pending_text() == "" and said[-1] == ""


def test_the_search_answer_does_not_write_over_what_is_being_typed(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The store's answer (after the pause) removed the rows above the chosen placement;
    QComboBox then wrote its label over the box: »zzz« became the chosen name mid-word."""
    combo, after, said = make(qtbot)
    combo.load(PLACEMENTS, 3)  # the chosen one is the last row
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    line = combo.lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, "zz")
    combo.search_now()  # what the pause's timer does
    assert line.text() == "zz" and line.cursorPosition() == 2
    assert combo.currentData() == 3


def test_a_choice_made_by_the_program_replaces_a_pending_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A new case begun (the blank chosen again) or the same case loaded again: the box
    shows that choice, not the text typed for the case before."""
    combo, after, said = make(qtbot)
    leave_with(qtbot, combo, after, "novak")
    assert combo.currentIndex() == 0 and combo.pending_text()
    combo.setCurrentIndex(0)
    assert combo.lineEdit().text() == "" and combo.pending_text() == "" and said[-1] == ""
