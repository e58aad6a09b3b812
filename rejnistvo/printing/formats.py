"""Slovenian formats for printed documents: dates "2. 3. 2026", amounts "1.234,56"."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from rejnistvo.rules.periods import MONTH_NAMES

if TYPE_CHECKING:
    from rejnistvo.rules.plural import count_phrase, plural


def __getattr__(name: str) -> Any:
    # count_phrase and plural are re-exported on first use: they bring Babel's plural
    # rules, which a form that counts nothing need not load in a `print`
    if name in ("count_phrase", "plural"):
        from rejnistvo.rules import plural as module

        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "count_phrase",
    "fmt_amount",
    "fmt_count",
    "fmt_date",
    "fmt_eur",
    "fmt_factor",
    "fmt_month",
    "fmt_percent",
    "plural",
]

CENT = Decimal("0.01")


def fmt_date(value: date | None) -> str:
    """2. 3. 2026 (day and month without leading zeros, as Slovenian documents write them)."""
    if value is None:
        return ""
    # babel's "d. M. yyyy" spelt out: babel parses the pattern on every call (28× slower),
    # and Roki or a list formats thousands of dates at a time
    return f"{value.day}. {value.month}. {value.year:04d}"


def fmt_month(value: date) -> str:
    """marec 2026: babel's "LLLL yyyy" for sl_SI spelt out with the rules' month names
    (the same text; babel's Slovenian calendar data took 40–70 ms to load at the first
    sheet or refund call a process printed)."""
    return f"{MONTH_NAMES[value.month - 1]} {value.year:04d}"


def fmt_amount(value: Decimal | int | None) -> str:
    """1.234,56 — rounded half-up to cents first, so the print equals the stored figure."""
    if value is None:
        return ""
    cents = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    # babel's "#,##0.00" for sl_SI spelt out (the same text, without its per-call parsing)
    return f"{cents:,.2f}".translate(_SLOVENIAN_SEPARATORS)


_SLOVENIAN_SEPARATORS = str.maketrans({",": ".", ".": ","})


def fmt_count(count: int) -> str:
    """14629 → "14.629": babel's ``format_decimal(count, locale="sl")`` spelt out the way
    ``fmt_amount`` spells out its amounts (the same text; babel's Slovenian locale data
    takes ~70 ms to load, and Roki counts its reminders right after the first paint)."""
    return f"{count:,}".replace(",", ".")


def fmt_eur(value: Decimal | int | None) -> str:
    """1.234,56 EUR."""
    return "" if value is None else f"{fmt_amount(value)} EUR"


def fmt_percent(value: int | None) -> str:
    """25 %."""
    return "" if value is None else f"{value} %"


def fmt_factor(value: Fraction | int, days_placed: int | None = None) -> str:
    """Coverage factor (SPEC 3.2) as the reader checks it: "1" or "22/30" (days placed over
    30, not reduced to 11/15), never a rounded decimal."""
    frac = Fraction(value)
    if frac == 0:  # no day placed: "0", as the run prints it, not "0/30"
        return "0"
    if frac == 1:
        return "1"
    if days_placed is not None:
        return f"{days_placed}/30"
    return f"{frac.numerator}/{frac.denominator}"
