"""A number sent in quotes ("25", "3") is told as text to write without quotes: the old
message said »25« is not allowed while 25 and 50 are, which reads as nonsense."""

from __future__ import annotations

import copy

import pytest

from forms.data import parse_r4
from rejnistvo.rules.errors import InputError


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(proposed_percent="25"), "proposed_percent"),
        (lambda d: d["decision"].update(percent="25"), "decision.percent"),
        (lambda d: d["decision"].update(subgroup="3"), "decision.subgroup"),
    ],
)
def test_quoted_number_is_said_to_be_text(r4_data, change, field):
    data = copy.deepcopy(r4_data)
    change(data)
    with pytest.raises(InputError) as info:
        parse_r4(data)
    assert info.value.field == field
    assert "besedilo" in info.value.message and "brez narekovajev" in info.value.message
