"""`run --close` as the command line prints it, without doing the work twice: the closed
run's lines take the reason and basis the close worked out for the ledger (no basis
made, no reason worded again), and each line's JSON is made from parts encoded once
(``LineJson``) — the same text, byte for byte, as each line's dict encoded."""

from __future__ import annotations

import json

import pytest
from _payment_fixtures import D, closed_then_changed

from rejnistvo.cli.run_commands import _compact, run_json
from rejnistvo.services import payment_run as service
from rejnistvo.store import get_record, save_record

NOV = D("2026-11-01")


@pytest.fixture
def changed_db(run_db, clock):
    """September and October closed, then a backdated rate (arrears), a shortened
    placement (an overpayment), one-off payments (one in a closed month) and a carer's
    name with quotes and č (escaped as the encoder escapes it)."""
    closed_then_changed(run_db, clock)
    placement = get_record(run_db, "placements", run_db.ids["B"])
    save_record(run_db, "carers", {"id": placement["carer_id"], "name": 'Ana "Čebelica" Novak\\'})
    for day, amount in (("2026-11-03", "430.00"), ("2026-09-20", "120.00")):
        save_record(
            run_db,
            "one_off_payments",
            {"carer_id": placement["carer_id"], "placement_id": run_db.ids["B"],
             "kind": "first_placement", "amount": amount, "date": day},
        )  # fmt: skip
    return run_db


def test_each_lines_json_is_its_dict_encoded(changed_db, clock):
    for run in (
        service.payment_run(changed_db, NOV, clock),
        service.close_month(changed_db, NOV, clock),
        service.payment_run(changed_db, NOV, clock),  # read back from the ledger
    ):
        kinds = {line.kind for line in run.lines}
        assert {"month", "arrears", "overpayment", "one_off"} <= kinds
        texts = service.LineJson(_compact)
        for line in run.lines:
            assert texts(line) == _compact(service.line_document(line))
        assert run_json(service.run_document(run, _compact)) == run_json(service.run_document(run))
        json.loads(run_json(service.run_document(run, _compact)))


def test_the_closed_runs_lines_take_what_the_close_worked_out(changed_db, clock, monkeypatch):
    closed = service.close_month(changed_db, NOV, clock)

    def again(*_args):
        raise AssertionError("a line the close wrote is made again")

    monkeypatch.setattr(service.RunLines, "_parts", again)
    made = list(closed.lines)
    monkeypatch.undo()
    assert any(line.kind == "arrears" for line in made)
    fresh = service.payment_run(changed_db, NOV, clock)  # the ledger read back
    assert [(x.reason, x.inputs, x.line_id) for x in made] == [
        (x.reason, x.inputs, x.line_id) for x in fresh.lines
    ]


def test_every_kind_of_line_and_the_undone_overpayments_are_their_dicts_encoded(run_db):
    """A run with months, arrears, an overpayment given back by a later change (its own
    list, ``overpayments_undone``) and one read back closed: every line, whatever its
    kind, is the same text through ``LineJson`` as its dict encoded, and so is the whole
    document (one field list for both, ``documents.PAYEE_FIELDS`` …)."""
    from test_payment_undone import DEC, LATER, c_ends, overpaid_october

    from rejnistvo.services import rates as rate_service

    overpaid_october(run_db)
    c_ends(run_db, None)  # the end was a mistake: October's overpayment is given back
    rate_service.add_rate(run_db, "2026-03-01", "655.23", "472.42", "test: 2026")
    for run in (
        service.payment_run(run_db, DEC, LATER),
        service.close_month(run_db, DEC, LATER),
        service.payment_run(run_db, DEC, LATER),  # read back from the ledger
    ):
        assert {"month", "arrears", "overpayment_undone"} <= {line.kind for line in run.lines}
        texts = service.LineJson(_compact)
        for line in run.lines:
            assert texts(line) == _compact(service.line_document(line))
        streamed = run_json(service.run_document(run, _compact))
        assert streamed == run_json(service.run_document(run))
        assert json.loads(streamed)["overpayments_undone"]
