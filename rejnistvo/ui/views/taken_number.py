"""The question before a save that gives a record a number another record has (a
contract, a case number): Enter answers Ne, and refused, the reason stays at the field."""

from __future__ import annotations

from typing import Any


def taken_number_confirmed(
    view: Any, field: Any, title: str, taken: str | None, question: str, retype: str
) -> bool:
    """True when the number is free or the user keeps it; else `field` shows `taken` and
    `retype` and has the cursor. `taken`: the service's words of the other record."""
    from rejnistvo.ui.widgets.fields import reveal

    if taken is None or view.ctx.interaction.confirm(title, f"{taken} {question}", risky=True):
        return True
    field.show_error(f"{taken} {retype}")
    reveal(field)
    return False
