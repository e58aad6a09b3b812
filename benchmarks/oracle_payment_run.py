"""Same-results check for speed work on the payment run (SPEC 3.6): sha1 of what the
benchmark's runs give, to compare before and after a change.

Run: python benchmarks/oracle_payment_run.py BASE   (BASE: a file made as in
bench_payment_run.py up to May 2027 closed; it is copied, never written). Prints one
line a case: the sha1 of ``run_document`` as JSON (sorted keys), the line count, and
the CPU and wall seconds. Cases: the run of June 2027 with nothing changed, after a
future rate row, after the backdated correction of the 2026 row (with and without
bases), closing it (the closed run and the ledger rows it wrote, raw and with each
basis decoded, so a change in how a basis is written shows whether its content is
the same; the basis as text wherever the file keeps it), and opening the closed month
(with and without bases); then, on a copy of its own, the same close from the run the
Izplačila screen made (``close_screen``, ``line_ids_screen``, ``ledger_rows_screen``:
equal to ``close``, ``line_ids``, ``ledger_rows``). Slow (the sha1s
of 270,000-line documents): minutes, not seconds.

Run it with the old code (e.g. ``git archive OLD rejnistvo resources forms`` unpacked
into a folder, then ``PYTHONPATH=folder``) and the new: the sha1s must be equal.
"""

from __future__ import annotations

import gc
import hashlib
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from rejnistvo.clock import FixedClock
from rejnistvo.services import payment_run
from rejnistvo.services import rates as rate_service
from rejnistvo.store import open_db

CLOCK = FixedClock(date(2027, 6, 15))
JUNE = date(2027, 6, 1)


# The ledger's columns up to the basis, as the first schema had them: the rows of a file
# that keeps each basis once (m010) compare with those of one that does not.
_LEDGER_COLUMNS = ", ".join(
    f"l.{c}"
    for c in (
        "id run_id kind for_month placement_id one_off_id carer_id carer_name child_name "
        "contract_no iban centre_id centre_name unit_id unit_name days factor board "
        "board_increase fee fee_uplift total reason"
    ).split()
)


def _basis(db: Any) -> str:
    """The line's basis text, wherever the file keeps it."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'payment_bases'").fetchone():
        return "coalesce((SELECT b.text FROM payment_bases b WHERE b.id = l.basis_id), l.basis)"
    return "l.basis"


def sha(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(text.encode()).hexdigest()


def timed(function: Callable[[], Any]) -> tuple[Any, float, float]:
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    result = function()
    return result, time.process_time() - cpu, time.perf_counter() - wall


def _correct_2026_row(db: Any) -> None:
    """The backdated correction of the 1 March 2026 rate row (arrears in every month)."""
    row = next(r for r in rate_service.list_rates(db) if r.valid_from == date(2026, 3, 1))
    rate_service.correct_rate(
        db, row.id, row.version, "2026-03-01", "656.00", "473.00", "oracle: correction"
    )


def _june_ledger_rows(db: Any) -> list[Any]:
    """The ledger rows June 2027's close wrote, in id order, with their bases."""
    run_id = db.execute("SELECT id FROM payment_runs WHERE month = '2027-06-01'").fetchone()
    return list(
        db.execute(
            f"SELECT {_LEDGER_COLUMNS}, {_basis(db)} FROM payment_lines l "
            "WHERE l.run_id = ? ORDER BY l.id",
            [run_id[0]],
        ).fetchall()
    )


def main(base: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "oracle.sqlite3"
        shutil.copyfile(base, path)
        with open_db(path) as db:

            def run(with_basis: bool = True) -> payment_run.PaymentRun:
                return payment_run.payment_run(db, JUNE, CLOCK, with_basis=with_basis)

            def show(case: str, made: payment_run.PaymentRun, cpu: float, wall: float) -> None:
                document = sha(payment_run.run_document(made))
                print(f"{case} {document} {len(made.lines)} CPU {cpu:.2f} wall {wall:.2f}")

            show("nothing", *timed(run))
            rate_service.add_rate(db, "2028-03-01", "700.00", "500.00", "oracle: future row")
            show("future", *timed(run))
            _correct_2026_row(db)
            show("correction", *timed(run))
            show("correction_without_bases", *timed(lambda: run(False)))
            closed, cpu, wall = timed(lambda: payment_run.close_month(db, JUNE, CLOCK))
            show("close", closed, cpu, wall)
            print("line_ids", sha([line.line_id for line in closed.lines]))
            del closed
            rows = _june_ledger_rows(db)
            print("ledger_rows", sha([list(r) for r in rows]), len(rows))
            decoded = [[*r[:-1], None if r[-1] is None else json.loads(r[-1])] for r in rows]
            print("ledger_decoded", sha(decoded), len(rows))
            del rows, decoded
            show("open", *timed(run))
            show("open_without_bases", *timed(lambda: run(False)))
    _from_the_screen(base)


def _from_the_screen(base: Path) -> None:
    """The same close as the Izplačila screen makes it, on a copy of its own: the run
    made without bases first, then ``close_month`` given it with its ``data_stamp``
    (code without that argument computes). Its lines and ledger rows must be those of
    the close above (same sha1s)."""
    import inspect

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "oracle.sqlite3"
        shutil.copyfile(base, path)
        with open_db(path) as db:
            rate_service.add_rate(db, "2028-03-01", "700.00", "500.00", "oracle: future row")
            _correct_2026_row(db)
            arguments: dict[str, Any] = {}
            if "computed" in inspect.signature(payment_run.close_month).parameters:
                screen = payment_run.payment_run(db, JUNE, CLOCK, with_basis=False)
                arguments = {"computed": screen, "stamp": payment_run.data_stamp(db)}
            closed, cpu, wall = timed(lambda: payment_run.close_month(db, JUNE, CLOCK, **arguments))
            document = sha(payment_run.run_document(closed))
            print(f"close_screen {document} {len(closed.lines)} CPU {cpu:.2f} wall {wall:.2f}")
            print("line_ids_screen", sha([line.line_id for line in closed.lines]))
            del closed
            rows = _june_ledger_rows(db)
            print("ledger_rows_screen", sha([list(r) for r in rows]), len(rows))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
