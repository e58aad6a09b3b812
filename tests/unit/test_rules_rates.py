"""rates.py: the shipped table, effective dating, a missing month never becomes zero."""

from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.rules.errors import InputError, MissingRateError
from rejnistvo.rules.months import month_payment
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate, RateTable, load_rate_table, parse_rate_rows


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
        load_rate_table().rate_on(date(2025, 10, 31))
    assert "oktober 2025" in str(caught.value)
    assert "Nastavitve → Tabela zneskov" in str(caught.value)


def test_month_with_placed_days_and_no_rate_is_an_error_not_zero():
    with pytest.raises(MissingRateError) as caught:
        month_payment(date(2025, 10, 1), [Period(date(2025, 10, 20))], load_rate_table())
    assert "oktober 2025" in caught.value.message


def test_month_partly_without_rate_is_an_error():
    with pytest.raises(MissingRateError) as caught:
        month_payment(date(2025, 10, 1), [Period(date(2025, 9, 1))], load_rate_table())
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
