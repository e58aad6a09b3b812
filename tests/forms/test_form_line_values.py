"""A form line's segments are values: the layout memo (FormLine.wrap) keys on them, so two
equal segments must hash alike and none may change after it was laid out."""

from __future__ import annotations

import pytest

from rejnistvo.printing.marks import Seg, choice, field, text


def test_segments_are_immutable_values() -> None:
    a, b = field("Žiga Čebašek", 80, caption="(ime)"), field("Žiga Čebašek", 80, caption="(ime)")
    assert a == b and hash(a) == hash(b) and a is not b
    assert a != field("Žiga Čebašek", 81, caption="(ime)")
    assert choice("25%", True) != choice("25%", False)
    assert len({text("x"), text("x"), text("y")}) == 2
    with pytest.raises(AttributeError):
        a.text = "drugo"  # type: ignore[misc]
    assert (a.kind, a.text, a.caption, a.chosen) == ("field", "Žiga Čebašek", "(ime)", False)
    assert Seg("tab").width == 0.0 and Seg("tab").text == ""
