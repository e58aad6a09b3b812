"""Dates and shares as a clerk writes them (»2. 3. 2026«, »40 %«): one reading for the
window's fields (``ui/widgets``) and the import of a spreadsheet (``services``)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.periods import no_such_date

# Digits 0-9 and plain or no-break spaces only: \d and \s also take other scripts' digits
# (»１. ３. ２０２６«) and odd spaces, and such a text was read as a date nobody typed
_GAP = "[ \u00a0]*"
_DATE_SL = re.compile(
    rf"([0-9]{{1,2}}){_GAP}\.{_GAP}([0-9]{{1,2}}){_GAP}\.{_GAP}([0-9]{{4}}){_GAP}\.?"
)
_DATE_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# What a clerk types out of habit, said apart (»ni datum« did not say what was missing):
# a two-digit year, »1.1.27«, and no year at all, »1. 1.« — neither is guessed, since
# »28. 12.« typed on 4. 1. 2027 may mean either year and »1.1.65« a birth in 1965
_DATE_SHORT_YEAR = re.compile(
    rf"([0-9]{{1,2}}){_GAP}\.{_GAP}([0-9]{{1,2}}){_GAP}\.{_GAP}([0-9]{{2}}){_GAP}\.?"
)
_DATE_NO_YEAR = re.compile(rf"([0-9]{{1,2}}){_GAP}\.{_GAP}([0-9]{{1,2}}){_GAP}\.?")
#: no date a clerk types is earlier (EMŠO's births start here too); »0026« is 2026 mistyped
EARLIEST_YEAR = 1900


def parse_date_text(text: str, field: str = "datum") -> date | None:
    """ "2. 3. 2026", "2.3.2026" or "2026-03-02" → date; "" → None; else InputError."""
    typed = text.strip()
    if not typed:
        return None
    m = _DATE_SL.fullmatch(typed)
    if m:
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _DATE_ISO.fullmatch(typed)
        if not m:
            raise InputError(field, _not_a_date(typed))
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    if year < EARLIEST_YEAR:
        raise InputError(
            field,
            f"datum »{typed}« je pred letom {EARLIEST_YEAR}; leto mora biti {EARLIEST_YEAR} "
            "ali pozneje, zapisano s štirimi števkami, npr. 2. 3. 2026.",
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise InputError(field, no_such_date(typed, year, month)) from None


def _not_a_date(typed: str) -> str:
    """Why `typed` is no date, and how to write it."""
    short = _DATE_SHORT_YEAR.fullmatch(typed)
    if short:
        day, month, yy = int(short[1]), int(short[2]), int(short[3])
        try:
            date(2000 + yy, month, day)
        except ValueError:
            example = "2. 3. 2026"
        else:
            example = f"{day}. {month}. {2000 + yy} ali {day}. {month}. {1900 + yy}"
        return f"v »{typed}« ima leto le dve števki; vpišite vse štiri, npr. {example}."
    if _DATE_NO_YEAR.fullmatch(typed):
        return (
            f"v »{typed}« manjka leto; vpišite dan, mesec in leto s štirimi števkami, "
            "npr. 2. 3. 2026."
        )
    return f"»{typed}« ni datum; vpišite ga kot 2. 3. 2026."


def parse_share(typed: str, field: str) -> Decimal | None:
    """A share between 0 and 1, typed as "40 %", "0,40" or "0.4" → Decimal("0.40"); None
    for nothing typed; InputError with the Slovenian reason. (Namestitve and Kaj če.)"""
    text = typed.strip().replace(" ", "")
    if not text:
        return None
    allowed = "Vpišite delež med 0 in 100 %, npr. »40 %« ali »0,40«."
    percent = text.endswith("%")
    raw = text.rstrip("%").replace(",", ".")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise InputError(field, f"»{typed.strip()}« ni delež. {allowed}") from None
    share = number / 100 if percent or number > 1 else number
    if not share.is_finite() or not (0 < share <= 1):
        raise InputError(field, f"Delež mora biti večji od 0 in največ 100 %. {allowed}")
    exponent = share.as_tuple().exponent  # an int: the share is finite
    return share.normalize() if isinstance(exponent, int) and exponent < -4 else share
