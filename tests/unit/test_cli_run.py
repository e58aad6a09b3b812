"""Headless `run` (SPEC 6, 3.6): run, --close, a backdated `rates --add`, arrears line by
line recomputable with `calc` from each line's `inputs`; refusals with exit 2."""

import io
import json
from decimal import Decimal

import pytest

from rejnistvo.cli import main
from rejnistvo.store import open_db, save_record

IBAN = "SI56191000000123438"


@pytest.fixture
def db_path(tmp_path, own_rates):
    path = tmp_path / "run.sqlite3"
    with open_db(path) as db:
        own_rates(db)
        for key, start, end in (("A", "2026-01-01", None), ("B", "2026-09-10", "2026-10-20")):
            carer = save_record(
                db, "carers", {"name": f"Rejnica {key}", "centre_id": 1, "iban": IBAN}
            )
            child = save_record(db, "children", {"name": f"Otrok {key}", "centre_id": 1})
            save_record(
                db,
                "placements",
                {"contract_no": f"1220-{key}/2026", "carer_id": carer, "child_id": child,
                 "child_centre_id": 1,
                 "periods": [{"kind": "contract", "from_date": start, "to_date": end}]},
            )  # fmt: skip
        db.table("settings").upsert({"key": "centre_iban", "value": IBAN}, pk="key")
        db.table("settings").upsert({"key": "centre_name", "value": "CSD Test"}, pk="key")
    return path


def run_json(capsys, *args):
    assert main(["run", *args]) == 0
    return json.loads(capsys.readouterr().out)


def calc(monkeypatch, capsys, request):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(request)))
    assert main(["calc"]) == 0
    return json.loads(capsys.readouterr().out)


def test_run_close_backdated_rate_then_arrears_recomputable_with_calc(db_path, capsys, monkeypatch):
    db = str(db_path)
    sep = run_json(capsys, "--db", db, "--month", "2026-09")
    assert sep["status"] == "open" and sep["total"] == "1866.60"
    closed = run_json(capsys, "--db", db, "--month", "2026-09", "--close")
    assert closed["status"] == "closed" and closed["lines"] == sep["lines"]
    assert main(["rates", "--db", db, "--add", "--from", "2026-03-01", "--board", "655.23",
                 "--fee", "472.42", "--source", "test: 2026"]) == 0  # fmt: skip
    capsys.readouterr()
    oct_ = run_json(capsys, "--db", db, "--month", "2026-10")
    arrears = [line for line in oct_["lines"] if line["kind"] == "arrears"]
    assert {line["contract"] for line in arrears} == {"1220-A/2026", "1220-B/2026"}
    paid = {line["contract"]: line for line in closed["lines"]}
    for line in arrears:
        assert line["for_month"] == "2026-09"
        assert "dodan znesek od 1. 3. 2026" in line["reason"]
        today = calc(monkeypatch, capsys, line["inputs"])
        assert Decimal(line["total"]) == Decimal(today["total"]) - Decimal(
            paid[line["contract"]]["total"]
        )
    for line in oct_["lines"]:
        if line["kind"] == "month":
            assert calc(monkeypatch, capsys, line["inputs"])["total"] == line["total"]
    assert Decimal(oct_["total"]) == sum(Decimal(line["total"]) for line in oct_["lines"])
    # The closed month still prints exactly as paid; its warning says the indexation
    # missing then was entered since, no longer asking for it (QA23).
    again = run_json(capsys, "--db", db, "--month", "2026-09")
    assert {**again, "warnings": closed["warnings"]} == closed
    assert [w[:60] for w in again["warnings"]] == [
        "Ob zaključku uskladitev zneskov od 1. 3. 2026 še ni bila vne"
    ]


def test_lower_row_gives_overpayments_not_deducted(db_path, capsys):
    db = str(db_path)
    run_json(capsys, "--db", db, "--month", "2026-09", "--close")
    assert main(["rates", "--db", db, "--add", "--from", "2026-09-01", "--board", "600.00",
                 "--fee", "450.00", "--source", "test: nižje"]) == 0  # fmt: skip
    capsys.readouterr()
    oct_ = run_json(capsys, "--db", db, "--month", "2026-10")
    over = [line for line in oct_["lines"] if line["kind"] == "overpayment"]
    assert over and all(Decimal(line["total"]) < 0 for line in over)
    months = sum(Decimal(line["total"]) for line in oct_["lines"] if line["kind"] == "month")
    assert Decimal(oct_["total"]) == months


def test_refused_months_name_the_month_to_run(db_path, capsys):
    db = str(db_path)
    run_json(capsys, "--db", db, "--month", "2026-09", "--close")
    assert main(["run", "--db", db, "--month", "2026-11"]) == 2
    err = capsys.readouterr().err
    assert "2026-10" in err and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("--month: ")
    assert main(["run", "--db", db, "--month", "2026-08"]) == 2
    err = capsys.readouterr().err
    assert "2026-09" in err and err.startswith("--month: ")
    assert main(["run", "--db", db, "--month", "2026-13"]) == 2
    err = capsys.readouterr().err
    assert "LLLL-MM" in err and err.startswith("--month: ")
    assert "mesec je število od 1 do 12" in err


@pytest.mark.parametrize("fmt, magic", [("csv", b"\xef\xbb\xbf"), ("xlsx", b"PK"),
                                        ("pdf", b"%PDF"), ("sepa", b"<?xml")])  # fmt: skip
def test_formats_write_files(db_path, capsys, tmp_path, fmt, magic):
    out = tmp_path / f"run.{fmt}"
    assert main(["run", "--db", str(db_path), "--month", "2026-09", "--format", fmt,
                 "--out", str(out)]) == 0  # fmt: skip
    assert out.read_bytes().startswith(magic)
    # the month as the documents name it, not as it was typed
    assert f"Izplačilo za september 2026 zapisano v »{out}«." in capsys.readouterr().err
    assert main(["run", "--db", str(db_path), "--month", "2026-09", "--format", fmt]) == 2


def test_run_json_is_the_same_json_with_a_line_of_text_for_each_line():
    from datetime import date

    from rejnistvo.cli.io import _default
    from rejnistvo.cli.run_commands import run_json

    line = {
        "placement": 1,
        "child": "Žiga Čuk",
        "total": Decimal("805.20"),
        "inputs": {"placement": [{"from": "2026-03-10", "to": None}], "months": ["2026-03"]},
    }
    document = {"month": "2026-03", "status": "open", "lines": [line, dict(line, placement=2)],
                "total": Decimal("1610.40"), "warnings": ["Uskladitev", "še ena"],
                "day": date(2026, 3, 2)}  # fmt: skip
    text = run_json(document)
    assert json.loads(text) == json.loads(json.dumps(document, default=_default))
    rows = text.splitlines()
    assert rows[0] == "{" and rows[-1] == "}" and text.endswith("}\n")
    assert sum('"placement": 1' in row for row in rows) == 1  # one line of text each
    assert "Žiga Čuk" in text and '"805.20"' in text
    empty = run_json({"month": "2026-03", "lines": [], "warnings": []})
    assert json.loads(empty) == {"month": "2026-03", "lines": [], "warnings": []}


def test_run_is_read_beside_an_open_window_a_close_is_refused(db_path, capsys, tmp_path):
    # The window holds the file: a run is only read (as `cases` reads), a close writes.
    db = str(db_path)
    with open_db(db_path):
        assert run_json(capsys, "--db", db, "--month", "2026-09")["status"] == "open"
        sepa = tmp_path / "sepa.xml"
        assert main(["run", "--db", db, "--month", "2026-09", "--format", "sepa",
                     "--out", str(sepa)]) == 0  # fmt: skip
        assert sepa.read_bytes().startswith(b"<?xml")
        capsys.readouterr()
        assert main(["run", "--db", db, "--month", "2026-09", "--close"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("--db: ") and "že odprta" in err


CLI_ADVICE = "Dodajte znesek v Nastavitve → Zneski rejnine ali z ukazom »rates --db ZBIRKA --add«."


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_stale_rate_warning_names_the_command_as_calc_does(db_path, capsys, tmp_path, fmt):
    # The tests' rates are from 1 November 2025: September 2026 lacks the 1 March indexation.
    out = tmp_path / f"run.{fmt}"
    if fmt == "json":
        warnings = run_json(capsys, "--db", str(db_path), "--month", "2026-09")["warnings"]
    else:
        assert main(["run", "--db", str(db_path), "--month", "2026-09", "--format", fmt,
                     "--out", str(out)]) == 0  # fmt: skip
        text = out.read_text(encoding="utf-8-sig")
        warnings = [line for line in text.splitlines() if "Uskladitev" in line]
    assert warnings and all(w.rstrip('"').endswith(CLI_ADVICE) for w in warnings)
    assert "1. 3. 2026" in warnings[0]


def test_closed_run_warning_names_the_command(db_path, capsys):
    db = str(db_path)
    closed = run_json(capsys, "--db", db, "--month", "2026-09", "--close")
    assert closed["warnings"][0].endswith(CLI_ADVICE)
    # the stored warning is the window's; the command line reads it with its own advice
    with open_db(db_path) as database:
        stored = json.dumps(list(database.query("SELECT * FROM payment_runs")), ensure_ascii=False)
    assert "rates --db" not in stored


def test_missing_rate_names_the_command_as_calc_does(db_path, capsys):
    # placement A starts on 1 January 2026; a rate in force only from 1 February
    with open_db(db_path) as db:
        db.execute("UPDATE rates SET valid_from = '2026-02-01'")
    assert main(["run", "--db", str(db_path), "--month", "2026-01"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rates: ") and err.count("\n") == 1, err
    assert "januar 2026" in err and err.endswith(CLI_ADVICE + "\n")


def test_an_out_in_no_folder_is_refused_before_the_run_is_computed(db_path, capsys, monkeypatch):
    def not_computed(*args, **kwargs):
        raise AssertionError("the run was computed")

    monkeypatch.setattr("rejnistvo.services.payment_run.payment_run", not_computed)
    for out, why in ((db_path.parent / "ni" / "run.csv", "ne obstaja"), (db_path.parent, "mapa")):
        argv = ["run", "--db", str(db_path), "--month", "2026-09", "--format", "csv"]
        assert main([*argv, "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("--out: ") and why in err and err.count("\n") == 1, err


def test_close_with_an_out_it_cannot_write_leaves_the_month_open(db_path, capsys, monkeypatch):
    def no_permission(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    out = db_path.parent / "run.csv"
    argv = ["run", "--db", str(db_path), "--month", "2026-09"]
    with monkeypatch.context() as patched:
        patched.setattr("tempfile.TemporaryFile", no_permission)
        assert main([*argv, "--close", "--format", "csv", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert (
        err.startswith(f"--out: v mapo »{db_path.parent}« ni mogoče pisati")
        and err.count("\n") == 1
    )
    assert not out.exists()
    assert run_json(capsys, *argv[1:])["status"] == "open"


def test_a_bank_file_says_when_the_bank_pays(db_path, capsys, tmp_path, monkeypatch):
    """As the window says it since c283ce6: exported on Sunday 10. 5. 2026, the bank is
    asked to pay on Monday 11. 5. (the command line said nothing of it)."""
    from datetime import date

    from rejnistvo.clock import SystemClock

    monkeypatch.setattr(SystemClock, "today", lambda self: date(2026, 5, 10))
    out = tmp_path / "sepa.xml"
    assert main(["run", "--db", str(db_path), "--month", "2026-09", "--format", "sepa",
                 "--out", str(out)]) == 0  # fmt: skip
    said, stale, warned = capsys.readouterr().err.splitlines()
    assert said == f"Izplačilo za september 2026 zapisano v »{out}«. Banka ga izvrši 11. 5. 2026."
    # the run's own warning (the tests' table has no row of 1. 3. 2026; QA56)
    assert stale.startswith("Opozorilo: Uskladitev zneskov od 1. 3. 2026 ni vnesena")
    # an open month's file is made, and said to be a proposal (QA51)
    assert warned.startswith("Opozorilo: Izplačilo za september 2026 je predlog")
    assert b"<ReqdExctnDt>2026-05-11</ReqdExctnDt>" in out.read_bytes()
