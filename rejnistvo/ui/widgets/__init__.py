"""Validated input fields (each shows its own error beside it and keeps what was typed)
and the keyboard habits every screen shares (widgets/keyboard.py)."""

from rejnistvo.ui.widgets.fields import (
    AmountEdit,
    DateEdit,
    EmsoEdit,
    FieldError,
    FormValidator,
    PeriodEdit,
    TextEdit,
    ValidatedField,
    parse_amount_text,
    parse_date_text,
)
from rejnistvo.ui.widgets.keyboard import EditTable, PlainTextField, guard_wheel, make_searchable

__all__ = [
    "AmountEdit",
    "EditTable",
    "PlainTextField",
    "guard_wheel",
    "make_searchable",
    "DateEdit",
    "EmsoEdit",
    "FieldError",
    "FormValidator",
    "PeriodEdit",
    "TextEdit",
    "ValidatedField",
    "parse_amount_text",
    "parse_date_text",
]
