"""A weekend-only placement's month in the payment run: a full month paid 491,42 with
factor 1 (board 75 %, the contract's share of the fee) looked like an error to whoever
checked the run — nothing on the screen, the PDF, the CSV or the XLSX said why. The
month's line now gives the reason, the closed month keeps it as paid, and a month closed
before a placement became weekend-only stays as it was paid."""

from __future__ import annotations

import csv
import json

from _payment_fixtures import D

from rejnistvo.cli import main
from rejnistvo.services import payment_exports as exports
from rejnistvo.services import payment_run as service
from rejnistvo.services.payment_run.run import run_steps
from rejnistvo.store import save_record
from tests.services.test_payment_run_steps import drain

SEP, OCT = D("2026-09-01"), D("2026-10-01")
MARK = "le ob koncih tedna in počitnicah: oskrbnina 75\u00a0%, plačilo dela 40\u00a0% po pogodbi"


def _weekend_only(db, placement_id: int) -> None:
    save_record(db, "placements", {"id": placement_id, "part_time": True, "fee_share": "0.40"})


def _line(run, contract: str):
    (line,) = [x for x in run.lines if x.contract == contract and x.kind == "month"]
    return line


def test_the_months_line_says_why_it_is_less(run_db, clock, tmp_path):
    service.close_month(run_db, SEP, clock)  # paid in full: stays unmarked
    _weekend_only(run_db, run_db.ids["A"])
    run = service.payment_run(run_db, OCT, clock)
    assert _line(run, "1220-A/2026").reason == MARK
    assert _line(run, "1220-B/2026").reason == ""  # a full-time placement: nothing
    # the screen's run, made without bases, says the same
    _seen, screen = drain(run_steps(run_db, OCT, with_basis=False))
    assert _line(screen, "1220-A/2026").reason == MARK

    rows = exports.write_csv(run, tmp_path / "run.csv").read_text(encoding="utf-8-sig")
    assert any(MARK in row for row in csv.reader(rows.splitlines(), delimiter=";"))

    service.close_month(run_db, OCT, clock)
    closed = service.payment_run(run_db, OCT, clock)
    assert closed.status == "closed" and _line(closed, "1220-A/2026").reason == MARK
    _seen, closed_screen = drain(run_steps(run_db, OCT, with_basis=False))
    assert _line(closed_screen, "1220-A/2026").reason == MARK
    # September was paid full-time: as it was paid, no mark (the difference is arrears)
    assert _line(service.payment_run(run_db, SEP, clock), "1220-A/2026").reason == ""


def test_run_json_gives_the_reason_and_the_share(run_db, clock, capsys, tmp_path):
    _weekend_only(run_db, run_db.ids["A"])
    path = run_db.conn.execute("PRAGMA database_list").fetchone()[2]
    run_db.close()
    assert main(["run", "--db", path, "--month", "2026-09"]) == 0
    lines = json.loads(capsys.readouterr().out)["lines"]
    (line,) = [x for x in lines if x["contract"] == "1220-A/2026" and x["kind"] == "month"]
    assert line["reason"] == MARK and line["inputs"]["part_time_fee_share"] == "0.40"
