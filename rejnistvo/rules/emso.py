"""EMŠO, the 13-digit personal number, checked with python-stdnum (`stdnum.si.emso`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.si import emso as _emso

from rejnistvo.rules.errors import InputError


@dataclass(frozen=True, slots=True)
class EmsoInfo:
    birth_date: date
    sex: str  # "M" or "F"


def check_emso(value: object, field: str = "emso") -> EmsoInfo:
    """The birth date and sex an EMŠO encodes; InputError with the reason if it is invalid."""
    if not isinstance(value, str):
        raise InputError(field, "EMŠO mora biti besedilo iz 13 števk.")
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
    return EmsoInfo(birth_date=_emso.get_birth_date(number), sex=_emso.get_gender(number))
