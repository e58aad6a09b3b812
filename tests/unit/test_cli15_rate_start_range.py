"""`rates --add --from` and `rates --index --from` took 1800-01-01 and 9999-12-01 (and
`calc` then stopped with an internal error on the 9999 row); a year mistyped ahead
(2062 for 2026) silenced every missing indexation until then. A row now starts from
1. 1. 2000 to no more than 10 years past the newest row (as far as `calc` computes past
the newest amounts), never after 1. 12. 2100; the window's Nastavitve → Zneski rejnine
calls the same service."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.cli import main
from rejnistvo.rules.errors import InputError
from rejnistvo.services import rates
from rejnistvo.store import open_db


@pytest.fixture
def db_file(tmp_path, own_rates):
    path = tmp_path / "zneski.sqlite3"
    with open_db(path) as db:
        own_rates(db)  # 638.00 / 460.00 and birth grant 430.00 from 1. 11. 2025
    return path


def _add(db_file, day):
    return ["rates", "--db", str(db_file), "--add", "--from", day, "--board", "700",
            "--fee", "500", "--source", "Ur. l."]  # fmt: skip


def _index(db_file, day):
    return ["rates", "--db", str(db_file), "--index", "2,7", "--from", day,
            "--source", "Ur. l."]  # fmt: skip


@pytest.mark.parametrize("command", [_add, _index])
@pytest.mark.parametrize("day", ["1800-01-01", "1999-12-01", "9999-12-01", "2062-03-01"])
def test_a_start_no_clerk_means_is_refused_naming_from_and_the_range(capsys, db_file, command, day):
    assert main(command(db_file, day)) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith("--from: zneski lahko veljajo od 1. 1. 2000 do 1. 12. 2035 ")
    assert "najnovejšimi zneski, ki veljajo od 1. 11. 2025" in err
    assert main(["rates", "--db", str(db_file)]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1  # nothing written


@pytest.mark.parametrize("day", ["2000-01-01", "2035-12-01"])
def test_the_ends_of_the_range_are_taken(capsys, db_file, day):
    assert main(_add(db_file, day)) == 0
    assert json.loads(capsys.readouterr().out)["valid_from"] == day


def test_the_window_s_correction_and_birth_grants_are_held_to_the_same_range(db_file):
    with open_db(db_file) as db:
        row = rates.add_rate(db, "2026-03-01", "655.23", "472.42", "Ur. l.")
        for day in (date(1800, 1, 1), date(9999, 12, 1)):
            with pytest.raises(InputError) as refused:
                rates.correct_rate(db, row.id, row.version, day, "655.23", "472.42", "Ur. l.")
            assert refused.value.field == "valid_from"
            with pytest.raises(InputError):
                rates.add_birth_grant(db, day, Decimal("441.60"), "Ur. l.")
        # a row corrected is measured against the others: moving the newest one ahead
        # within ten years of the next newest is allowed
        rates.correct_rate(db, row.id, row.version, date(2035, 3, 1), "655.23", "472.42", "x")


def test_calc_with_a_rate_row_in_the_last_years_is_no_internal_error(capsys, tmp_path):
    request = tmp_path / "zahteva.json"
    request.write_text(
        json.dumps(
            {
                "placement": [{"from": "2026-03-01", "to": None}],
                "months": ["2026-03"],
                "rates": [
                    {"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00"},
                    {"valid_from": "9999-12-01", "board": "1.00", "fee": "1.00"},
                ],
            }
        ),
        encoding="utf-8",
    )
    assert main(["calc", "--input", str(request)]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == "1098.00"
