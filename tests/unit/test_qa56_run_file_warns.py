"""`run --format csv|xlsx|pdf|sepa --out FILE` said only »… zapisano v …« on the terminal
(QA56): the run's warnings (SPEC 3.1: the 1 March indexation not entered) were in the file
alone, so a month could be written — or closed with `--close` — on old amounts without the
user seeing it. JSON on standard output carries them in "warnings"; a file now also has
them said on standard error, one »Opozorilo: …« line each (exit status 0)."""

import json

import pytest

from rejnistvo.cli import main
from rejnistvo.store import open_db, save_record

IBAN = "SI56191000000123438"


@pytest.fixture
def db_path(tmp_path, own_rates):
    path = tmp_path / "run.sqlite3"
    with open_db(path) as db:
        own_rates(db)  # 638.00 / 460.00 from 1. 11. 2025: no row of 1. 3. 2026
        carer = save_record(db, "carers", {"name": "Rejnica A", "centre_id": 1, "iban": IBAN})
        child = save_record(db, "children", {"name": "Otrok A", "centre_id": 1})
        save_record(
            db,
            "placements",
            {
                "contract_no": "1220-A/2026",
                "carer_id": carer,
                "child_id": child,
                "child_centre_id": 1,
                "periods": [{"kind": "contract", "from_date": "2026-01-01", "to_date": None}],
            },
        )
    return path


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_a_file_written_says_the_runs_warnings(db_path, capsys, tmp_path, fmt):
    assert main(["run", "--db", str(db_path), "--month", "2026-09", "--format", "json"]) == 0
    warnings = json.loads(capsys.readouterr().out)["warnings"]
    assert len(warnings) == 1 and warnings[0].startswith("Uskladitev zneskov od 1. 3. 2026")
    out = tmp_path / f"run.{fmt}"
    argv = ["run", "--db", str(db_path), "--month", "2026-09", "--format", fmt]
    assert main([*argv, "--out", str(out)]) == 0
    said, warned = capsys.readouterr().err.splitlines()
    assert said == f"Izplačilo za september 2026 zapisano v »{out}«."
    assert warned == f"Opozorilo: {warnings[0]}"


def test_a_month_without_warnings_says_only_where_it_went(db_path, capsys, tmp_path):
    with open_db(db_path) as db:
        save_record(
            db,
            "rates",
            {"valid_from": "2026-03-01", "board": "655.23", "fee": "472.42", "source": "test"},
        )
    out = tmp_path / "run.csv"
    argv = ["run", "--db", str(db_path), "--month", "2026-09", "--format", "csv"]
    assert main([*argv, "--out", str(out)]) == 0
    assert capsys.readouterr().err == f"Izplačilo za september 2026 zapisano v »{out}«.\n"
