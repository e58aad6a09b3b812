"""one_off.py: catalogue, birth grant table, suggested amounts, once per carer (SPEC 3.1)."""

import json
from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.rules.errors import InputError, MissingRateError
from rejnistvo.rules.one_off import (
    AmountBasis,
    BirthGrant,
    BirthGrantTable,
    check_once_per_carer,
    load_birth_grants,
    one_off_kinds,
    parse_birth_grants,
    parse_kinds,
    suggested_amount,
)
from rejnistvo.rules.rates import Rate, RateTable, load_rate_table

RATES = RateTable(
    [
        Rate(date(2025, 11, 1), Decimal("638.00"), Decimal("460.00")),
        Rate(date(2026, 3, 1), Decimal("655.23"), Decimal("472.42")),
    ]
)
GRANTS = BirthGrantTable(
    [
        BirthGrant(date(2025, 11, 1), Decimal("430.00")),
        BirthGrant(date(2026, 1, 1), Decimal("441.61")),
    ]
)


def test_shipped_catalogue_has_one_birth_grant_kind_and_three_base_fee_kinds():
    kinds = one_off_kinds()
    bases = [k.basis for k in kinds.values()]
    assert bases.count(AmountBasis.BIRTH_GRANT) == 1
    assert bases.count(AmountBasis.BASE_FEE) == 3
    first = kinds["first_placement"]
    assert first.once_per_carer and "prvi namestitvi" in first.name
    assert all(k.name for k in kinds.values())


def test_shipped_birth_grant_is_430_from_november_2025():
    grants = load_birth_grants()
    assert grants.grant_on(date(2025, 11, 1)).amount == Decimal("430.00")
    assert grants.grant_on(date(2025, 12, 31)).amount == Decimal("430.00")
    assert grants.rows[0].source


def test_first_placement_is_the_birth_grant_in_force_on_the_day():
    assert suggested_amount("first_placement", date(2025, 12, 31), RATES, GRANTS) == Decimal(
        "430.00"
    )
    assert suggested_amount("first_placement", date(2026, 1, 1), RATES, GRANTS) == Decimal("441.61")


@pytest.mark.parametrize("kind", ["primary_school", "secondary_school", "leaving_care"])
def test_other_kinds_are_the_base_fee_in_force_on_the_day(kind):
    assert suggested_amount(kind, date(2026, 2, 28), RATES, GRANTS) == Decimal("460.00")
    assert suggested_amount(kind, date(2026, 3, 1), RATES, GRANTS) == Decimal("472.42")


def test_shipped_tables_give_430_and_460():
    rates, grants = load_rate_table(), load_birth_grants()
    day = date(2025, 12, 15)  # before any indexation row (1 March) is added
    assert suggested_amount("first_placement", day, rates, grants) == Decimal("430.00")
    assert suggested_amount("primary_school", day, rates, grants) == Decimal("460.00")


def test_missing_birth_grant_is_an_error_naming_the_date_never_zero():
    with pytest.raises(MissingRateError) as info:
        suggested_amount("first_placement", date(2025, 10, 31), RATES, GRANTS)
    assert "31. 10. 2025" in info.value.message
    assert "Nastavitve → Zneski rejnine" in info.value.message


def test_missing_base_fee_names_the_month():
    with pytest.raises(MissingRateError) as info:
        suggested_amount("leaving_care", date(2025, 10, 31), RATES, GRANTS)
    assert "oktober 2025" in info.value.message


def test_unknown_kind_is_refused_naming_the_allowed():
    with pytest.raises(InputError) as info:
        suggested_amount("bonus", date(2026, 1, 1), RATES, GRANTS)
    assert info.value.field == "kind" and "first_placement" in info.value.message


def test_first_placement_only_once_per_carer():
    check_once_per_carer("first_placement", [])
    check_once_per_carer("first_placement", ["primary_school"])
    with pytest.raises(InputError) as info:
        check_once_per_carer("first_placement", ["primary_school", "first_placement"])
    assert info.value.field == "kind"
    assert "le enkrat" in info.value.message


def test_base_fee_kinds_may_repeat():
    check_once_per_carer("primary_school", ["primary_school", "first_placement"])


def test_catalogue_is_data(tmp_path):
    path = tmp_path / "kinds.json"
    path.write_text(
        json.dumps({"items": [{"key": "x", "name": "Posebno", "amount": "base_fee"}]}),
        encoding="utf-8",
    )
    kinds = one_off_kinds(path)
    assert suggested_amount("x", date(2026, 1, 1), RATES, GRANTS, kinds) == Decimal("460.00")
    assert not kinds["x"].once_per_carer


@pytest.mark.parametrize(
    ("obj", "field"),
    [
        ({"items": []}, "one_off_kinds.items"),
        ({"items": [{"key": "a", "name": "A", "amount": "half"}]}, "one_off_kinds.items[0].amount"),
        ({"items": [{"key": "a", "name": "A"}]}, "one_off_kinds.items[0].amount"),
        (
            {"items": [{"key": "a", "name": "A", "amount": "base_fee"}] * 2},
            "one_off_kinds.items[1].key",
        ),
        (
            {"items": [{"key": "a", "name": "A", "amount": "base_fee", "x": 1}]},
            "one_off_kinds.items[0].x",
        ),
    ],
)
def test_bad_catalogue_refused(obj, field):
    with pytest.raises(InputError) as info:
        parse_kinds(obj)
    assert info.value.field == field


@pytest.mark.parametrize(
    "obj",
    [
        [],
        [{"valid_from": "2025-11-01", "amount": "-1.00"}],
        [{"valid_from": "2025-11-01", "amount": "430.001"}],
        [{"valid_from": "2025-13-01", "amount": "430.00"}],
        [{"valid_from": "2025-11-01", "amount": 430.0}],
        [
            {"valid_from": "2025-11-01", "amount": "430"},
            {"valid_from": "2025-11-01", "amount": "1"},
        ],
    ],
)
def test_bad_birth_grant_rows_refused(obj):
    with pytest.raises(InputError):
        parse_birth_grants(obj)
