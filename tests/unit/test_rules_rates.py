"""rates.py: the shipped table, effective dating, a missing month never becomes zero."""

from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.rules.errors import InputError, MissingRateError
from rejnistvo.rules.months import month_payment
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate, RateTable, load_rate_table, parse_rate_rows

# Our own table: tests never depend on the rows shipped in resources/ (SPEC 3.1).
ONLY_2025 = RateTable([Rate(date(2025, 11, 1), Decimal("638.00"), Decimal("460.00"), "ZIRD")])


def test_shipped_table_has_the_2025_row_with_its_source():
    table = load_rate_table()
    rate = table.rate_on(date(2025, 11, 1))
    assert rate.valid_from == date(2025, 11, 1)
    assert (rate.board, rate.fee) == (Decimal("638.00"), Decimal("460.00"))
    assert "41/2025" in rate.source
    assert all(r.source for r in table.rows)


def test_rate_in_force_switches_on_valid_from():
    table = RateTable(
        [
            Rate(date(2026, 3, 1), Decimal("655.23"), Decimal("472.42"), "indeks 2026"),
            Rate(date(2025, 11, 1), Decimal("638.00"), Decimal("460.00"), "ZIRD"),
        ]
    )
    assert table.rate_on(date(2026, 2, 28)).board == Decimal("638.00")
    assert table.rate_on(date(2026, 3, 1)).board == Decimal("655.23")


def test_missing_rate_names_the_month_and_where_to_add():
    with pytest.raises(MissingRateError) as caught:
        ONLY_2025.rate_on(date(2025, 10, 31))
    assert "oktober 2025" in str(caught.value)
    assert "Nastavitve → Zneski rejnine" in str(caught.value)


def test_month_with_placed_days_and_no_rate_is_an_error_not_zero():
    with pytest.raises(MissingRateError) as caught:
        month_payment(date(2025, 10, 1), [Period(date(2025, 10, 20))], ONLY_2025)
    assert "oktober 2025" in caught.value.message


def test_month_partly_without_rate_is_an_error():
    with pytest.raises(MissingRateError) as caught:
        month_payment(date(2025, 10, 1), [Period(date(2025, 9, 1))], ONLY_2025)
    assert "oktober 2025" in caught.value.message


def test_parse_rate_rows_refuses_bad_rows():
    with pytest.raises(InputError) as caught:
        parse_rate_rows([{"valid_from": "2026-03-01", "board": "1.001", "fee": "1"}])
    assert caught.value.field == "rates[0].board"
    with pytest.raises(InputError) as caught:
        parse_rate_rows([{"valid_from": "2026-03-01", "board": "1", "fee": "1", "x": 1}])
    assert caught.value.field == "rates[0].x"
    with pytest.raises(InputError):
        parse_rate_rows([])
    with pytest.raises(InputError):
        parse_rate_rows(
            [
                {"valid_from": "2026-03-01", "board": "1", "fee": "1"},
                {"valid_from": "2026-03-01", "board": "2", "fee": "2"},
            ]
        )


def test_rate_with_more_than_two_decimals_is_an_input_error():
    with pytest.raises(InputError) as caught:
        Rate(date(2026, 3, 1), Decimal("655.235"), Decimal("472.42"))
    assert caught.value.field == "rates.board"
    with pytest.raises(InputError):
        Rate(date(2026, 3, 1), Decimal("-1.00"), Decimal("472.42"))


# --- stale rates (SPEC 3.1) ------------------------------------------------------------

from rejnistvo.rules.rates import indexed, missing_indexations  # noqa: E402


def test_no_warning_before_the_first_missing_1_march():
    assert missing_indexations(ONLY_2025, date(2026, 2, 1)) == []
    assert missing_indexations(ONLY_2025, date(2025, 11, 1)) == []


def test_month_containing_a_missing_1_march_is_warned_about_it():
    lines = missing_indexations(ONLY_2025, date(2026, 3, 1))
    assert len(lines) == 1
    assert "1. 3. 2026" in lines[0]
    assert "marec 2026" in lines[0]
    assert "638,00" in lines[0] and "460,00" in lines[0]
    assert "Nastavitve → Zneski rejnine" in lines[0]


def test_one_line_per_missing_indexation():
    lines = missing_indexations(ONLY_2025, date(2028, 3, 15))
    assert [("1. 3. 2026" in x, "1. 3. 2027" in x, "1. 3. 2028" in x) for x in lines] == [
        (True, False, False),
        (False, True, False),
        (False, False, True),
    ]
    assert len(missing_indexations(ONLY_2025, date(2028, 2, 1))) == 2


def test_a_row_from_1_march_covers_that_year_only():
    table = RateTable(
        [*ONLY_2025.rows, Rate(date(2026, 3, 1), Decimal("655.23"), Decimal("472.42"), "2,7 %")]
    )
    assert missing_indexations(table, date(2027, 2, 1)) == []
    (line,) = missing_indexations(table, date(2027, 3, 1))
    assert "1. 3. 2027" in line and "1. 3. 2026" in line and "655,23" in line


def test_a_late_row_after_1_march_covers_that_year():
    # An indexation entered from 1 April still counts for that year's 1 March.
    table = RateTable([Rate(date(2026, 4, 1), Decimal("655.23"), Decimal("472.42"), "")])
    assert missing_indexations(table, date(2026, 12, 1)) == []
    assert len(missing_indexations(table, date(2027, 3, 1))) == 1


def test_empty_table_gives_no_warning():
    assert missing_indexations(RateTable([]), date(2026, 3, 1)) == []


def test_indexed_amounts_are_rounded_half_up_to_the_cent():
    p = Decimal("2.7")
    assert indexed(Decimal("638.00"), p) == Decimal("655.23")
    assert indexed(Decimal("460.00"), p) == Decimal("472.42")
    assert indexed(Decimal("430.00"), p) == Decimal("441.61")
    assert indexed(Decimal("100.00"), Decimal("0.005")) == Decimal("100.01")
