"""EMŠO, the 13-digit personal number, checked with python-stdnum (`stdnum.si.emso`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.periods import format_date

EARLIEST_BIRTH = date(1900, 1, 1)  # nobody alive and in a case file was born earlier
_ASCII_DIGITS = frozenset("0123456789")


@dataclass(frozen=True, slots=True)
class EmsoInfo:
    """What an EMŠO says about its holder."""

    birth_date: date
    sex: str  # "M" or "F"


def check_emso(value: object, field: str = "emso", *, today: date) -> EmsoInfo:
    """The birth date and sex an EMŠO encodes; InputError with the reason if it is invalid.

    Beyond stdnum's checks (length, date, checksum): only the ASCII digits 0–9 (stdnum
    would read Arabic-Indic or full-width digits as digits), and a birth date from
    1 January 1900 to `today` (the caller's day: the window's clock, never a hidden
    system clock): a number with a future birth date or an older one has a typing error
    even when its checksum holds."""
    if not isinstance(value, str):
        raise InputError(field, "EMŠO mora biti besedilo iz 13 števk.")
    # Checked on what was typed: stdnum's compact() folds full-width digits to ASCII.
    if any(c not in _ASCII_DIGITS for c in value if not c.isspace()):
        raise InputError(field, "EMŠO sme vsebovati le števke 0–9 (brez drugih znakov).")
    # stdnum when a number is checked, not when the store loads (the window's start)
    from stdnum.exceptions import (
        InvalidChecksum,
        InvalidComponent,
        InvalidFormat,
        InvalidLength,
    )
    from stdnum.si import emso as _emso

    number = _emso.compact(value)
    try:
        number = _emso.validate(number)
    except InvalidLength:
        raise InputError(
            field, f"EMŠO mora imeti natanko 13 števk (vnesenih znakov: {len(number)})."
        ) from None
    except InvalidFormat:
        raise InputError(field, "EMŠO sme vsebovati le števke 0–9.") from None
    except InvalidComponent:
        raise InputError(field, "prvih 7 števk EMŠO (DDMMLLL) ni veljaven datum rojstva.") from None
    except InvalidChecksum:
        raise InputError(
            field,
            "kontrolna števka EMŠO (zadnja) se ne ujema; preverite, ali je EMŠO pravilno prepisan.",
        ) from None
    birth = _emso.get_birth_date(number)
    if birth > today:
        raise InputError(
            field,
            f"datum rojstva v EMŠO ({format_date(birth)}) je v prihodnosti; prvih 7 števk "
            "(DDMMLLL) mora biti datum rojstva do danes.",
        )
    if birth < EARLIEST_BIRTH:
        raise InputError(
            field,
            f"datum rojstva v EMŠO ({format_date(birth)}) je pred letom 1900; preverite "
            "prvih 7 števk (DDMMLLL).",
        )
    return EmsoInfo(birth_date=birth, sex=_emso.get_gender(number))
