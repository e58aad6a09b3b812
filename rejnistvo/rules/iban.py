"""Bank accounts (SPEC 3.6): an IBAN checked with python-stdnum, stored without spaces.

stdnum is imported when there is an IBAN to check or format: it loads the ssl module
(~60 ms), and an empty IBAN field on a screen's first opening needs none of it."""

from __future__ import annotations

from rejnistvo.rules.errors import InputError

EXAMPLE = "SI56 1910 0000 0123 438"


def check_iban(value: object, field: str = "iban") -> str | None:
    """The IBAN in its compact form ("SI56191000000123438"), None for an empty one;
    InputError naming the field and saying what is wrong otherwise."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(field, f"IBAN mora biti besedilo, npr. »{EXAMPLE}«.")
    if not value.strip():
        return None
    shown = value.strip()
    from stdnum import iban as stdnum_iban
    from stdnum.exceptions import (
        InvalidChecksum,
        InvalidComponent,
        InvalidFormat,
        InvalidLength,
    )
    from stdnum.exceptions import ValidationError as StdnumValidationError

    try:
        return str(stdnum_iban.validate(shown))
    except InvalidChecksum:
        reason = "kontrolni števki se ne ujemata (morda je napačno vpisana števka)"
    except InvalidLength:
        reason = "ima napačno število znakov za to državo"
    except InvalidComponent:
        reason = "ima neznano oznako države ali napačen del številke"
    except InvalidFormat:
        reason = "vsebuje nedovoljene znake"
    except StdnumValidationError:
        reason = "ni veljaven"
    raise InputError(
        field,
        f"IBAN »{shown}« {reason}. Vpišite celoten IBAN z oznako države, npr. »{EXAMPLE}«.",
    )


def format_iban(value: str | None) -> str:
    """Groups of four for reading and printing; empty for none."""
    if not value:
        return ""
    from stdnum import iban as stdnum_iban

    return str(stdnum_iban.format(value))
