"""QA51: a one-off payment entered after its month was closed is paid with the next
run, and its line said »… z dne 15. 3. 2027, vpisano po zaključku tega meseca«: in the
April run the clerk reads »this month« as April, still open. Its note (»račun šole«, a
decision number) was left out, though a one-off line of its own month shows it. The
reason now names the month whose run was closed, then the note."""

from _payment_fixtures import D

from rejnistvo.services import payment_run as service
from rejnistvo.store import get_record, save_record

SEP, OCT = D("2026-09-01"), D("2026-10-01")


def _one_off(run_db, note: str | None) -> None:
    carer = get_record(run_db, "placements", run_db.ids["A"])["carer_id"]
    save_record(
        run_db,
        "one_off_payments",
        {"carer_id": carer, "placement_id": run_db.ids["A"], "kind": "primary_school",
         "amount": "460.00", "date": "2026-09-20", "note": note},
    )  # fmt: skip


def _reason(run_db, clock) -> str:
    run = service.payment_run(run_db, OCT, clock)
    ((reason, for_month),) = [(x.reason, x.for_month) for x in run.lines if x.kind == "one_off"]
    assert for_month == SEP
    return reason


def test_a_late_one_off_names_the_closed_month_not_this_one(run_db, clock):
    service.close_month(run_db, SEP, clock)
    _one_off(run_db, None)
    reason = _reason(run_db, clock)
    assert reason == (
        "enkratno izplačilo ob vstopu otroka v osnovno šolo z dne 20. 9. 2026, "
        "vpisano po zaključku izplačila za september 2026"
    )
    assert "tega meseca" not in reason


def test_a_late_one_off_keeps_its_note(run_db, clock):
    service.close_month(run_db, SEP, clock)
    _one_off(run_db, "sklep 1220-5/2026")
    assert _reason(run_db, clock).endswith("za september 2026; sklep 1220-5/2026")
