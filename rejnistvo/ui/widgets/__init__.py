"""Validated input fields (each shows its own error beside it and keeps what was typed)
and the keyboard habits every screen shares (widgets/keyboard.py).

The names are loaded when first used (PEP 562): the first screen (*Roki*) needs only
``widgets.tables``, and importing the fields would load the EMŠO and amount checks
before the window shows its rows."""

from __future__ import annotations

from rejnistvo.lazy_names import lazy_names

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


__getattr__ = lazy_names(__name__, _WHERE)
