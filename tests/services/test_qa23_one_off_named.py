"""Izplačila: a one-off payment's line said only »enkratno izplačilo« (Vrsta) and its note,
often none, so the run's PDF, CSV and XLSX showed a bare 472,42 with no word of which
of the four payments of ZIRD 2025 it was (first placement, primary or secondary school,
leaving care); the accounting office books them apart. Its reason now names the kind,
then the note (found by QA23)."""

from decimal import Decimal

from _payment_fixtures import D

from rejnistvo.services import payment_run as service
from rejnistvo.store import get_record, save_record

SEP, OCT = D("2026-09-01"), D("2026-10-01")


def _one_off(run_db, kind: str, amount: str, day: str, note: str | None = None) -> None:
    carer = get_record(run_db, "placements", run_db.ids["A"])["carer_id"]
    save_record(
        run_db,
        "one_off_payments",
        {"carer_id": carer, "placement_id": run_db.ids["A"], "kind": kind, "amount": amount,
         "date": day, "note": note},
    )  # fmt: skip


def _reasons(run) -> list[tuple[Decimal, str]]:
    return [(x.total, x.reason) for x in run.lines if x.kind == "one_off"]


def test_a_one_off_line_names_its_kind_then_the_note(run_db, clock):
    _one_off(run_db, "primary_school", "460.00", "2026-09-01")
    _one_off(run_db, "first_placement", "430.00", "2026-09-03", "prva namestitev pri rejnici")
    assert _reasons(service.payment_run(run_db, SEP, clock)) == [
        (Decimal("460.00"), "ob vstopu otroka v osnovno šolo"),
        (Decimal("430.00"), "ob prvi namestitvi otroka pri rejniku; prva namestitev pri rejnici"),
    ]


def test_one_entered_after_its_month_closed_names_its_kind_too(run_db, clock):
    service.close_month(run_db, SEP, clock)
    _one_off(run_db, "leaving_care", "460.00", "2026-09-20")
    ((_, reason),) = _reasons(service.payment_run(run_db, OCT, clock))
    assert reason == (
        "enkratno izplačilo ob osamosvojitvi otroka (prenehanju rejništva) z dne 20. 9. 2026, "
        "vpisano po zaključku izplačila za september 2026"
    )
