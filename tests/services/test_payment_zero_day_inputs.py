"""A difference whose month has no day placed today (the placement ended before it):
SPEC 6's ``inputs`` recompute it with ``calc`` like any arrears line (QA10: ``null``)."""

from __future__ import annotations

from _payment_fixtures import D

from rejnistvo.services import payment_run as service
from rejnistvo.store import get_record, save_record

SEP, OCT, NOV = D("2026-09-01"), D("2026-10-01"), D("2026-11-01")


def _end_c(run_db, to_date: str) -> None:
    c = run_db.ids["C"]
    placement = get_record(run_db, "placements", c)
    periods = placement["periods"]
    periods[0]["to_date"] = D(to_date)
    save_record(
        run_db, "placements", {"id": c, "version": placement["version"], "periods": periods}
    )


def test_a_month_with_no_day_left_has_the_inputs_of_today(run_db, clock):
    for month in (SEP, OCT):
        service.close_month(run_db, month, clock)
    _end_c(run_db, "2026-09-30")  # October was paid; C ended before it began
    for run in (service.payment_run(run_db, NOV, clock), service.close_month(run_db, NOV, clock)):
        (over,) = [x for x in run.lines if x.kind == "overpayment" and x.for_month == OCT]
        assert over.days == 0
        inputs = service.line_document(over)["inputs"]
        assert inputs is not None and inputs["months"] == ["2026-10"] and inputs["rates"]
        # today's periods, none reaching into October: calc gives 0 days, 0,00
        assert [p["to"] for p in inputs["placement"]] == ["2026-09-30"]
    assert _calc(inputs)["total"] == "0.00"  # today's result; the line is it minus what was paid


def _calc(inputs):
    import json
    import subprocess
    import sys
    from pathlib import Path

    main = Path(__file__).resolve().parents[2] / "main.py"
    done = subprocess.run(
        [sys.executable, str(main), "calc"],
        input=json.dumps(inputs, default=str),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
