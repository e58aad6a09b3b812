"""Validated input fields (each shows its own error beside it and keeps what was typed)
and the keyboard habits every screen shares (widgets/keyboard.py).

The names are loaded when first used (PEP 562): the first screen (*Roki*) needs only
``widgets.tables``, and importing the fields would load the EMŠO and amount checks
before the window shows its rows."""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "AmountEdit": "fields",
    "DateEdit": "fields",
    "EmsoEdit": "fields",
    "FieldError": "fields",
    "FormValidator": "fields",
    "PeriodEdit": "fields",
    "TextEdit": "fields",
    "ValidatedField": "fields",
    "parse_amount_text": "fields",
    "parse_date_text": "fields",
    "EditTable": "keyboard",
    "PlainTextField": "keyboard",
    "guard_wheel": "keyboard",
    "make_searchable": "keyboard",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
