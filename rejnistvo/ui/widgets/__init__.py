"""Validated input fields: each shows its own error beside it and keeps what was typed."""

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

__all__ = [
    "AmountEdit",
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
