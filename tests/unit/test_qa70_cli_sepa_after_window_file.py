"""`run --format sepa` keeps its documented behaviour (the whole month's file; refused,
naming the carers, when one lacks an IBAN), and now says on standard error when the
window has made a bank file of that month already (QA70): sent beside it, the bank would
pay the carers twice."""

from __future__ import annotations

from test_cli15_close_sepa_once import CARERS, MONTH, database  # noqa: F401 (fixture)

from rejnistvo.cli import main
from rejnistvo.clock import FixedClock
from rejnistvo.rules.periods import parse_month
from rejnistvo.services import payment_run, payment_sepa
from rejnistvo.store import open_db, save_record


def test_the_command_warns_of_the_windows_file(database, tmp_path, capsys):  # noqa: F811
    first = tmp_path / "prva.xml"
    argv = ["run", "--db", str(database), "--month", MONTH, "--close", "--format", "sepa"]
    assert main([*argv, "--out", str(first)]) == 0
    assert "datoteka SEPA že izvožena" not in capsys.readouterr().err
    clock = FixedClock(parse_month(MONTH, "month").replace(day=28))
    with open_db(database) as db:
        run = payment_run.payment_run(db, parse_month(MONTH, "month"), clock)
        plan = payment_sepa.sepa_plan(db, run)
        payment_sepa.write_sepa_file(db, run, plan, tmp_path / "okno.xml", clock.today(), clock)
    again = tmp_path / "znova.xml"
    argv = ["run", "--db", str(database), "--month", MONTH, "--format", "sepa"]
    assert main([*argv, "--out", str(again)]) == 0
    err = capsys.readouterr().err
    assert "Opozorilo: Za september 2026 je datoteka SEPA že izvožena: – datoteka " in err
    assert "2 nakazili" in err and "plačani dvakrat" in err
    assert again.read_bytes().count(b"<CdtTrfTxInf>") == len(CARERS)


def test_a_carer_without_an_iban_still_refuses_the_commands_file(database, tmp_path, capsys):  # noqa: F811
    with open_db(database) as db:
        carer = db.execute("SELECT id FROM carers ORDER BY id").fetchone()[0]
        save_record(db, "carers", {"id": carer, "iban": None})
    out = tmp_path / "s.xml"
    argv = ["run", "--db", str(database), "--month", MONTH, "--format", "sepa"]
    assert main([*argv, "--out", str(out)]) == 2
    assert "--format: rejniki brez veljavnega IBAN: Ana Žagar" in capsys.readouterr().err
    assert not out.exists()
