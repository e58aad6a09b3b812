"""money.py and periods.py: exact amounts, strict parsing, inclusive periods."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.money import format_amount, parse_amount, round2
from rejnistvo.rules.periods import (
    Period,
    check_no_overlap,
    check_within,
    format_date,
    parse_date,
    parse_month,
    parse_period,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1.005"), Decimal("1.01")),
        (Decimal("2.675"), Decimal("2.68")),
        (Decimal("1.004999"), Decimal("1.00")),
        (Fraction(1, 200), Decimal("0.01")),
        (Fraction(1, 201), Decimal("0.00")),
        (5, Decimal("5.00")),
    ],
)
def test_round2_is_half_up(value, expected):
    result = round2(value)
    assert result == expected
    assert result.as_tuple().exponent == -2


def test_round2_refuses_float():
    with pytest.raises(TypeError):
        round2(1.5)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120.00", "120.00"),
        ("7", "7.00"),
        (12, "12.00"),
        (Decimal("0.5"), "0.50"),
        (" 3.1 ", "3.10"),
    ],
)
def test_parse_amount_accepts(value, expected):
    assert parse_amount(value, "amount") == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (1.5, "plavajočo"),
        ("-1.00", "negativen"),
        (Decimal("-0.01"), "negativen"),
        ("1.234", "dve decimalki"),
        ("1,5", "ni znesek"),
        ("abc", "ni znesek"),
        ("NaN", "ni znesek"),
        (None, "manjka"),
        (True, "manjka"),
        ([], "pričakovan"),
    ],
)
def test_parse_amount_refuses(value, reason):
    with pytest.raises(InputError) as caught:
        parse_amount(value, "finding.unjustified")
    assert caught.value.field == "finding.unjustified"
    assert reason in caught.value.message


def test_format_amount_is_slovenian():
    assert format_amount(Decimal("1234.5")) == "1.234,50"
    assert format_amount(Decimal("0.07")) == "0,07"


def test_parse_date_and_month():
    assert parse_date("2026-03-02", "d") == date(2026, 3, 2)
    assert parse_date(date(2026, 3, 2), "d") == date(2026, 3, 2)
    assert parse_month("2026-03", "m") == date(2026, 3, 1)
    for bad in ("2026-02-30", "2.3.2026", "", None, 20260302):
        with pytest.raises(InputError) as caught:
            parse_date(bad, "call_date")
        assert caught.value.field == "call_date"
    for bad in ("2026-13", "2026-3", "2026-03-01", None):
        with pytest.raises(InputError):
            parse_month(bad, "months[0]")


@pytest.mark.parametrize(
    "text, why",
    [
        ("2026-13", "mesec je število od 1 do 12"),
        ("2026-00", "mesec je število od 1 do 12"),
        ("0000-05", "leto mora biti vsaj 1"),
    ],
)
def test_a_month_that_does_not_exist_says_why_and_the_form(text, why):
    with pytest.raises(InputError) as caught:
        parse_month(text, "months[0]")
    assert caught.value.message == (
        f"»{text}« ni veljaven mesec: {why}; pričakovan je mesec v obliki LLLL-MM, npr. 2026-03."
    )


def test_a_month_in_another_form_names_the_form_only():
    with pytest.raises(InputError) as caught:
        parse_month("3.2026", "months[0]")
    assert caught.value.message == (
        "»3.2026« ni veljaven mesec; pričakovan je mesec v obliki LLLL-MM, npr. 2026-03."
    )


def test_format_date():
    assert format_date(date(2026, 3, 2)) == "2. 3. 2026"


def test_parse_period_open_and_closed():
    assert parse_period({"from": "2026-03-10", "to": None}, "p") == Period(date(2026, 3, 10))
    assert parse_period({"from": "2026-03-10"}, "p").end is None
    closed = parse_period({"from": "2026-01-01", "to": "2026-01-31"}, "p")
    assert closed.days() == 31
    assert closed.contains(date(2026, 1, 31)) and not closed.contains(date(2026, 2, 1))


@pytest.mark.parametrize(
    ("obj", "field"),
    [
        ({"from": "2026-03-10", "to": "2026-03-09"}, "placement[0].to"),
        ({"to": "2026-03-09"}, "placement[0].from"),
        ({"from": "2026-03-10", "until": None}, "placement[0].until"),
        ("2026-03-10", "placement[0]"),
    ],
)
def test_parse_period_refuses(obj, field):
    with pytest.raises(InputError) as caught:
        parse_period(obj, "placement[0]")
    assert caught.value.field == field


def test_period_end_before_start_refused():
    with pytest.raises(InputError):
        Period(date(2026, 3, 2), date(2026, 3, 1))


def test_overlap_refused_but_adjoining_allowed():
    a = Period(date(2026, 1, 1), date(2026, 1, 31))
    check_no_overlap([a, Period(date(2026, 2, 1))], "placement")
    with pytest.raises(InputError) as caught:
        check_no_overlap([a, Period(date(2026, 1, 31))], "placement")
    assert caught.value.field == "placement[1]"


def test_within():
    placement = [Period(date(2026, 1, 1), date(2026, 3, 31)), Period(date(2026, 4, 1))]
    assert Period(date(2026, 3, 1), date(2026, 5, 1)).within(placement)
    assert not Period(date(2025, 12, 31), date(2026, 1, 5)).within(placement)
    assert not Period(date(2026, 3, 1), date(2026, 4, 5)).within(placement[:1])


def test_check_within_placement():
    placement = [Period(date(2026, 1, 1), date(2026, 6, 30))]
    check_within(Period(date(2026, 2, 1), date(2026, 6, 30)), placement, "period")
    with pytest.raises(InputError) as caught:
        check_within(Period(date(2026, 2, 1), date(2026, 7, 1)), placement, "decision.period")
    assert caught.value.field == "decision.period"


def test_fold_is_the_one_search_and_sort_key():
    from rejnistvo.rules.text import fold
    from rejnistvo.services.people import surname_key

    assert fold("Čebašek ŽIGA Đurić") == "cebasek ziga duric"
    assert surname_key("Ana Čuk") == ("c{uk", "ana c{uk")  # sorted after c (QA27)
