"""Slovenian display formats for the window: the printed documents' formats
(``rejnistvo.printing.formats``: dates "2. 3. 2026", amounts "1.234,56"), also taking the
ISO strings and empty values a table cell may hold; and the search key ``fold``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rejnistvo.printing.formats import fmt_amount, fmt_date, fmt_percent
from rejnistvo.rules.text import fold

__all__ = ["fold", "format_amount", "format_date", "format_percent"]


def format_date(value: date | str | None) -> str:
    """2026-03-02 → "2. 3. 2026"; None → ""; an ISO string is parsed first."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return fmt_date(value)


def format_amount(value: Decimal | str | int | None) -> str:
    """Decimal("1234.5") → "1.234,50" (half-up to cents); None → ""."""
    if value is None or value == "":
        return ""
    return fmt_amount(Decimal(str(value)))


format_percent = fmt_percent
