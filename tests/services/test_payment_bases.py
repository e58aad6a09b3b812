"""Schema step m010: each distinct basis of a ledger line is stored once (SPEC 3.6). An
old file's ledger reads the same after the step; a closing stores only bases it has not
stored before, and every reader gives each line its own basis back."""

from __future__ import annotations

import json
from datetime import date

from _payment_fixtures import D
from sqlite_utils import Database

from rejnistvo.services import payment_run as service
from rejnistvo.services import rates as rate_service
from rejnistvo.store import ledger, open_db
from rejnistvo.store.schema import migrations

SEP, OCT, NOV = D("2026-09-01"), D("2026-10-01"), D("2026-11-01")

BASIS_A = json.dumps({"placement": [{"from": "2026-01-01", "to": None, "document": "Č-1"}]})
BASIS_B = json.dumps({"placement": [], "rates": [{"valid_from": "2025-11-01"}]})


def _old_line(run_id: int, line_id: int, month: str, basis: str | None) -> dict:
    return {
        "id": line_id, "run_id": run_id, "kind": "month", "for_month": month,
        "placement_id": 1, "one_off_id": None, "carer_id": 1, "carer_name": "Špela Žagar",
        "child_name": "Luka", "contract_no": "P-1", "iban": None, "centre_id": None,
        "centre_name": "", "unit_id": None, "unit_name": "", "days": 30, "factor": "1",
        "board": "638.00", "board_increase": "0.00", "fee": "460.00", "fee_uplift": "0.00",
        "total": "1098.00", "reason": "", "basis": basis,
    }  # fmt: skip


def _make_m009_file(path) -> dict[int, str | None]:
    """A file before m010 whose ledger keeps each line's basis text on the line: the
    same text twice, another, none and an empty one. Returns line id -> basis text."""
    db = Database(path)
    migrations.apply(db, stop_before="m010_payment_bases")
    db["carers"].insert({"id": 1, "name": "Špela Žagar", "name_key": "špela žagar"})
    db["children"].insert({"id": 1, "name": "Luka", "name_key": "luka"})
    db["placements"].insert({"id": 1, "contract_no": "P-1", "carer_id": 1, "child_id": 1})
    texts = {1: BASIS_B, 2: BASIS_A, 3: BASIS_B, 4: None, 5: ""}
    for run_id, month in ((1, "2026-01-01"), (2, "2026-02-01")):
        db["payment_runs"].insert(
            {"id": run_id, "month": month, "closed_on": month, "closed_at": month + "T10:00:00",
             "closed_by": "Tina", "total": "1098.00", "overpayments": "0.00", "line_count": 0}
        )  # fmt: skip
    months = {1: "2026-01-01", 2: "2026-01-01", 3: "2026-02-01", 4: "2026-02-01", 5: "2026-02-01"}
    for line_id, text in texts.items():
        run_id = 1 if months[line_id] == "2026-01-01" else 2
        db["payment_lines"].insert(_old_line(run_id, line_id, months[line_id], text))
    db.close()
    return {line_id: text or None for line_id, text in texts.items()}


def test_an_old_files_ledger_reads_the_same_after_m010(tmp_path, clock):
    path = tmp_path / "old.sqlite3"
    texts = _make_m009_file(path)
    with open_db(path) as db:
        # each distinct text once, numbered in the order it was first written
        assert db.execute("SELECT id, text FROM payment_bases ORDER BY id").fetchall() == [
            (1, BASIS_B),
            (2, BASIS_A),
        ]
        assert (
            db.execute("SELECT count(*) FROM payment_lines WHERE basis IS NOT NULL").fetchone()[0]
            == 0
        )
        lines = ledger.run_lines(db, 1) + ledger.run_lines(db, 2)
        assert {line.id: line.basis for line in lines} == texts
        assert ledger.lines_by_id(db, texts)[2].basis_data == json.loads(BASIS_A)
        # what the run compares with: the latest line of each month and its basis
        paid = ledger.paid_months(db, date(2026, 3, 1))
        ids = {month: basis_id for (_, month), (_, _, basis_id) in paid.items()}
        bases = ledger.basis_texts(db, [i for i in ids.values() if i is not None])
        assert {m: bases.get(i) if i else None for m, i in ids.items()} == {
            date(2026, 1, 1): texts[2],
            date(2026, 2, 1): None,  # line 5, the latest, has none
        }
        closed = service.payment_run(db, date(2026, 2, 1), clock)
        assert [(x.line_id, x.basis) for x in closed.lines] == [(i, texts[i]) for i in (3, 4, 5)]


def test_a_closing_stores_each_basis_once_and_lines_read_their_own(run_db, clock):
    service.close_month(run_db, SEP, clock)
    after_sep = run_db.execute("SELECT count(*) FROM payment_bases").fetchone()[0]
    assert after_sep == 3  # one a placement: its months share it
    service.close_month(run_db, OCT, clock)  # nothing changed: October's bases are September's
    assert run_db.execute("SELECT count(*) FROM payment_bases").fetchone()[0] == after_sep
    rate_service.add_rate(run_db, "2026-03-01", "655.23", "472.42", "test: 2026")
    made = service.close_month(run_db, NOV, clock)
    assert any(line.kind == "arrears" for line in made.lines)
    # the lines as written are the lines the close returned, basis and reason alike
    # (a line keeps its basis as the text the ledger got, as a closed month read back)
    written = ledger.run_lines(run_db, ledger.closed_run(run_db, NOV).id)
    assert [(w.id, w.kind, w.for_month, w.amounts, w.reason, w.basis_data) for w in written] == [
        (x.line_id, x.kind, x.for_month, x.amounts, x.reason,
         json.loads(x.basis) if isinstance(x.basis, str) else x.basis)
        for x in made.lines
    ]  # fmt: skip
    opened = service.payment_run(run_db, NOV, clock)
    assert service.run_document(opened) == service.run_document(made)
    assert (
        run_db.execute(
            "SELECT count(*) FROM payment_bases GROUP BY text HAVING count(*) > 1"
        ).fetchall()
        == []
    )


def test_reopening_keeps_the_bases_and_closing_again_finds_them(run_db, clock):
    service.close_month(run_db, SEP, clock)
    first = service.payment_run(run_db, SEP, clock)
    count = run_db.execute("SELECT count(*) FROM payment_bases").fetchone()[0]
    service.reopen_month(run_db, SEP, "popravek vnosa pogodbe", clock)
    service.close_month(run_db, SEP, clock)
    assert run_db.execute("SELECT count(*) FROM payment_bases").fetchone()[0] == count
    again = service.payment_run(run_db, SEP, clock)
    assert service.run_document(again) == service.run_document(first)
