"""Slovenian display formats for the window: the printed documents' formats
(``rejnistvo.printing.formats``: dates "2. 3. 2026", amounts "1.234,56"), also taking the
ISO strings and empty values a table cell may hold; counts "14.629" and "3 primeri";
and the search key ``fold``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rejnistvo.printing.formats import fmt_amount, fmt_count, fmt_date, fmt_percent
from rejnistvo.rules.text import fold

__all__ = ["count_text", "fold", "format_amount", "format_count", "format_date", "format_percent"]


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
format_count = fmt_count


def count_text(count: int, noun: str) -> str:
    """`count_text(14629, "primer")` → "14.629 primerov": the noun in the form that goes
    with the number (1 primer, 2 primera, 3–4 primeri, 5+ primerov)."""
    from rejnistvo.rules.plural import plural  # babel's plural rule: not at start

    return f"{format_count(count)} {plural(count, noun)}"
