"""Bank accounts (SPEC 3.6): an IBAN checked with python-stdnum, stored without spaces.

stdnum is imported when there is an IBAN to check or format: it loads the ssl module
(~60 ms), and an empty IBAN field on a screen's first opening needs none of it."""

from __future__ import annotations

from functools import lru_cache

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

    # stdnum checks the mod-97 digits first, so "SI56" or a pasted "…438x" was refused as
    # "the check digits do not match"; the shape and the country's length are said first.
    reason = _shape_problem(stdnum_iban.compact(shown))
    if reason is not None:
        raise InputError(
            field,
            f"IBAN »{shown}« {reason}. Vpišite celoten IBAN z oznako države, npr. »{EXAMPLE}«.",
        )
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


def _shape_problem(compact: str) -> str | None:
    """What is wrong with the IBAN's characters, country prefix or length, before its
    check digits are worth checking; None when only the digits can be wrong."""
    import re

    from stdnum import numdb

    if not re.fullmatch(r"[A-Z0-9]*", compact):
        return "vsebuje nedovoljene znake (dovoljene so črke, števke in presledki)"
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}.*", compact):
        return "se mora začeti z oznako države in dvema kontrolnima števkama (npr. SI56)"
    country = numdb.get("iban").info(compact)[0][1]
    if not country:
        return f"ima neznano oznako države »{compact[:2]}«"
    # The national part's layout, e.g. "5!n8!n2!n": its lengths add up to the BBAN's.
    expected = 4 + sum(int(n) for n in re.findall(r"(\d+)!?[nac]", country.get("bban", "")))
    if len(compact) != expected:
        return (
            f"ima {_characters(len(compact))} (brez presledkov); IBAN države {compact[:2]} "
            f"jih ima {expected}"
        )
    return None


def _characters(count: int) -> str:
    """ "ima 1 znak, 2 znaka, 4 znake, 20 znakov" (the accusative after "ima")."""
    from rejnistvo.rules.plural import plural_category

    forms = {"one": "znak", "two": "znaka", "few": "znake"}
    return f"{count} {forms.get(plural_category(count), 'znakov')}"


def format_iban(value: str | None) -> str:
    """Groups of four for reading and printing; empty for none."""
    if not value:
        return ""
    from stdnum import iban as stdnum_iban

    return str(stdnum_iban.format(value))


@lru_cache(maxsize=65536)
def plausible_iban(value: str | None) -> bool:
    """Whether `value` can be a bank account: the shape (country, two check digits, 11
    to 30 letters or digits) and the mod-97 check digits (stdnum's ISO 7064 check),
    without python-stdnum's per-country layouts — a payment run asks it of every carer
    (20,000: ~70 ms, where ``check_iban`` takes ~0.5 s; the next run asks the same:
    remembered). Every IBAN ``check_iban`` accepts is plausible; the program stores only
    those (the carer form checks it)."""
    if not value:
        return False
    compact = "".join(value.split()).replace("-", "").upper()
    if not (15 <= len(compact) <= 34 and compact.isalnum() and compact.isascii()):
        return False
    if not (compact[:2].isalpha() and compact[2:4].isdigit()):
        return False
    from stdnum.iso7064 import mod_97_10

    return bool(mod_97_10.is_valid(compact[4:] + compact[:4]))
