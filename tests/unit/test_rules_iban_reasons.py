"""An IBAN refused says what is wrong with it: a short or over-long one its length for the
country, stray characters, a missing country prefix; only a well-shaped IBAN gets "the
check digits do not match" (stdnum checks those first, which named the wrong reason)."""

from __future__ import annotations

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.iban import check_iban


@pytest.mark.parametrize(
    "typed, reason",
    [
        ("SI56", "ima 4 znake (brez presledkov); IBAN države SI jih ima 19"),
        ("SI56191000000123438x", "ima 20 znakov (brez presledkov); IBAN države SI jih ima 19"),
        ("SI56 1910 0000 0123 43", "ima 18 znakov"),
        ("SI5", "se mora začeti z oznako države in dvema kontrolnima števkama"),
        ("1910 0000 0123 438", "se mora začeti z oznako države"),
        ("SI56 1910 0000 0123 438!", "vsebuje nedovoljene znake"),
        ("XX56 1910 0000 0123 438", "neznano oznako države »XX«"),
        ("SI56 1910 0000 0123 439", "kontrolni števki se ne ujemata"),
    ],
)
def test_refusal_names_the_real_reason(typed, reason):
    with pytest.raises(InputError) as caught:
        check_iban(typed, "iban")
    assert caught.value.field == "iban"
    assert reason in caught.value.message and f"»{typed}«" in caught.value.message
    if "kontrolni" not in reason:
        assert "kontrolni števki" not in caught.value.message


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("SI56 1910 0000 0123 438", "SI56191000000123438"),
        ("si56-1910-0000-0123-438", "SI56191000000123438"),
        ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
        ("  ", None),
    ],
)
def test_valid_ibans_still_pass(typed, stored):
    assert check_iban(typed) == stored
