"""Izplačila → Vpiši poravnavo …: the month of the offset was refused unless typed
»2026-12« (QA59: »januar 2027«, the way the month list and every message name a month,
got »ni veljaven mesec; pričakovan je mesec v obliki LLLL-MM«). The question gives an
example in those words and takes »december 2026«, »12. 2026«, »12/2026« and »2026-12«."""

from __future__ import annotations

from datetime import date

import pytest
from _fixtures_b import b_db  # noqa: F401 (fixture)
from PySide6.QtCore import Qt
from test_payments_settle_confirm import overpayment_shown
from test_ui_payments import ready, rows, view  # noqa: F401 (fixture)

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.periods import parse_typed_month


def test_the_offset_month_is_taken_as_the_program_names_it(qtbot, view):  # noqa: F811
    overpayment_shown(qtbot, view)
    asked = view.ctx.interaction.asked
    view.ctx.interaction.answers.extend(["December 2026", True])
    qtbot.mouseClick(view.settle_button, Qt.MouseButton.LeftButton)
    question = [label for kind, _title, label in asked if kind == "text"][-1]
    assert "(npr. januar 2027)" in question and "LLLL" not in question
    assert "poračunano z izplačilom za december 2026" in asked[-1][2]
    ready(qtbot, view)
    assert rows(view.over_model)[0]["settled"]


def test_the_forms_a_clerk_types():
    for typed in ("januar 2027", " Januar  2027 ", "1. 2027", "01.2027", "1/2027", "2027-01"):
        assert parse_typed_month(typed, "offset_month") == date(2027, 1, 1)
    with pytest.raises(InputError, match="mesec je število od 1 do 12"):
        parse_typed_month("13. 2027", "offset_month")
    with pytest.raises(InputError, match="»januar 2027«, »1. 2027« ali »2027-01«"):
        parse_typed_month("jan 2027", "offset_month")
