"""Slovenian display formats (babel): dates "2. 3. 2026", amounts "1.234,56"."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal as _babel_decimal

LOCALE = "sl_SI"


def format_date(value: date | str | None) -> str:
    """2026-03-02 → "2. 3. 2026"; None → ""; an ISO string is parsed first."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.date()
    return _babel_date(value, "d. M. y", locale=LOCALE)


def format_amount(value: Decimal | str | int | None) -> str:
    """Decimal("1234.5") → "1.234,50"; None → ""."""
    if value is None or value == "":
        return ""
    return _babel_decimal(Decimal(str(value)), "#,##0.00", locale=LOCALE)


def format_percent(value: int | None) -> str:
    return "" if value is None else f"{value} %"


def fold(text: str) -> str:
    """Case- and diacritic-insensitive key for searching: "Čebašek" → "cebasek"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")
