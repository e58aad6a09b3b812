"""SPEC 3.1 and 6 to the letter, for what no earlier test tried: a rate of 0.00 (a month
with no amount in force is an error, never computed as zero) and dates written in another
script's digits."""

from __future__ import annotations

import io
import json
import sys
from datetime import date

import pytest

from rejnistvo.cli import main
from rejnistvo.rules.errors import InputError
from rejnistvo.rules.one_off import parse_birth_grants
from rejnistvo.rules.periods import parse_date, parse_month
from rejnistvo.rules.rates import parse_rate_rows


def calc_refused(monkeypatch, capsys, document) -> str:
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(document)))
    code = main(["calc"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "") and err.count("\n") == 1
    return err


# -- a rate of 0.00 -----------------------------------------------------------------------


@pytest.mark.parametrize("key", ["board", "fee"])
def test_a_request_rate_of_zero_is_refused(monkeypatch, capsys, key):
    rate = {"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00", key: "0.00"}
    document = {"placement": [{"from": "2026-03-10", "to": None}], "months": ["2026-03"]}
    err = calc_refused(monkeypatch, capsys, {**document, "rates": [rate]})
    # it answered a total of 805.20 less the component: a payment computed from nothing
    assert err.startswith(f"rates[0].{key}: znesek 0,00 EUR ni znesek v veljavi")


def test_a_birth_grant_of_zero_is_refused():
    with pytest.raises(InputError) as refused:
        parse_birth_grants([{"valid_from": "2025-11-01", "amount": "0"}])
    assert refused.value.field == "birth_grant[0].amount"


def test_rates_add_of_zero_names_the_option(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    database = tmp_path / "r.db"
    assert main(["demo", "--db", str(database)]) == 0
    capsys.readouterr()
    argv = ["rates", "--db", str(database), "--add", "--from", "2027-03-01", "--board", "0"]
    code = main([*argv, "--fee", "472.42", "--source", "objava"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.startswith("--board: znesek 0,00 EUR ni znesek v veljavi")


# -- digits of another script ---------------------------------------------------------------


def test_a_date_in_full_width_digits_is_not_a_date_rather_than_a_day_missing():
    with pytest.raises(InputError) as refused:
        parse_date("２０２６-03-10", "from")
    # it said »datum ne obstaja: marec 2026 ima 31 dni« of the 10th of March
    assert "ni veljaven datum" in refused.value.message
    assert "ne obstaja" not in refused.value.message


def test_a_month_in_arabic_indic_digits_is_not_taken():
    with pytest.raises(InputError):
        parse_month("٢٠٢٦-03", "months[0]")


def test_ascii_dates_still_read():
    assert parse_date(" 2028-02-29 ", "from") == date(2028, 2, 29)
    assert parse_rate_rows([{"valid_from": "2025-11-01", "board": "1.00", "fee": "0.01"}])
