"""Slovenian display formats (CLDR sl, as babel gives them): dates "2. 3. 2026", amounts "1.234,56"."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

LOCALE = "sl_SI"
_CENT = Decimal("0.01")
# Slovenian number symbols (CLDR sl: group ".", decimal ","), swapped in one pass.
_TO_SLOVENIAN = str.maketrans({",": ".", ".": ","})


def format_date(value: date | str | None) -> str:
    """2026-03-02 → "2. 3. 2026"; None → ""; an ISO string is parsed first."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    # CLDR "d. M. y" for sl; written out because babel parses the pattern on every call
    # (7.6 µs against 0.3 µs), and lists format tens of thousands of dates.
    return f"{value.day}. {value.month}. {value.year}"


def format_amount(value: Decimal | str | int | None) -> str:
    """Decimal("1234.5") → "1.234,50"; None → ""."""
    if value is None or value == "":
        return ""
    # Rounded half-up first: Decimal's own format() would round half-even.
    cents = Decimal(str(value)).quantize(_CENT, rounding=ROUND_HALF_UP)
    return f"{cents:,.2f}".translate(_TO_SLOVENIAN)


def format_percent(value: int | None) -> str:
    return "" if value is None else f"{value} %"


def fold(text: str) -> str:
    """Case- and diacritic-insensitive key for searching: "Čebašek" → "cebasek"."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # one regex pass, not a Python call per character: 20,000 rows are folded at a time
    return _COMBINING.sub("", decomposed).replace("đ", "d")


#: the combining diacritical mark blocks (what NFKD splits off č, š, ž, é, ü …)
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
