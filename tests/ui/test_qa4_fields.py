"""QA4 (round 9): a long value loaded into a field shows its beginning (the rate row's
source showed "…preverite ga z zneski, ki jih je objavilo ministrstvo." — its end — and
the clerk could not see which row's source it was)."""

from __future__ import annotations

from rejnistvo.ui.widgets import TextEdit

LONG = (
    "Uskladitev transferjev s 1. 3. 2026 za 2,7 % (ZUTPG): znesek iz leta 2025 × 1,027, "
    "zaokrožen na cent, izračunan s programom iz objavljenega odstotka; preverite ga z "
    "zneski, ki jih je objavilo ministrstvo."
)


def test_a_loaded_long_text_shows_its_beginning(qtbot):
    field = TextEdit("source")
    qtbot.addWidget(field)
    field.resize(300, 40)
    field.show()
    field.set_value(LONG)
    assert field.edit.cursorPosition() == 0
    assert field.text() == LONG
