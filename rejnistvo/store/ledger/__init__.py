"""The payment ledger (SPEC 3.6; schema steps m005, m010, m013): closed months, their
lines, reopened months, overpayment settlements — and what a payment run reads about
placements. Each distinct basis of a line (what it was computed from, JSON) is stored once
in ``payment_bases`` and named by the line's ``basis_id`` (m010); readers give each line its
text as before. A line is written in parts (m013: ``payment_entries`` naming its payee and
figures, each stored once) and read through the view ``payment_lines``, which has the
columns the table of m005 had.

Typed rows at this boundary (dataclasses; Decimal amounts, dates); every write here
runs inside the caller's ``db.atomic()`` (``rejnistvo.services.payment_run`` owns the
transactions and the audit rows).

One module per job, every name used as ``ledger.<name>``: ``rows`` (the typed rows),
``runs`` (closed months and their lines), ``writer`` (a close's writing), ``paid`` (what
was paid before a month), ``since_close`` (what changed since the last close),
``overpayments`` (settlements, undoings, open overpayments), ``sources`` (the placements
and one-off payments a run pays).
"""

from rejnistvo.store.ledger.overpayments import (
    DeletedOneOffOverpayment,
    OpenOverpayment,
    has_open_overpayments,
    insert_settlement,
    open_deleted_one_off_overpayments,
    open_one_off_overpayments,
    open_overpayments,
    settled_lines_of_run,
    settled_undoings_of_run,
    settlements,
    undoings_of,
    undone_amounts,
    write_undoings,
)
from rejnistvo.store.ledger.paid import (
    PaidOneOff,
    one_off_identities,
    paid_month_steps,
    paid_months,
    paid_one_off_records,
    paid_one_offs,
    paid_placements,
)
from rejnistvo.store.ledger.rows import (
    ClosedRun,
    LedgerLine,
    OneOffSource,
    PaidFigures,
    PaidMonth,
    PlacementSource,
    Settlement,
    paid_amounts,
)
from rejnistvo.store.ledger.runs import (
    basis_texts,
    closed_range,
    closed_run,
    closed_runs,
    data_stamp,
    delete_run,
    first_line_id,
    insert_reopening,
    lines_by_id,
    overpayment_lines,
    run_line_pages,
    run_lines,
    run_month_of_line,
)
from rejnistvo.store.ledger.since_close import (
    SinceClose,
    changes_since_last_close,
    one_offs_written_since_last_close,
)
from rejnistvo.store.ledger.sources import (
    SourceRows,
    make_sources,
    one_off_sources,
    placement_sources,
    read_source_rows,
)
from rejnistvo.store.ledger.writer import (
    CHUNK,
    CLOSE_CACHE_KIB,
    Entry,
    LineRow,
    LineWriter,
    Payee,
    page_cache_for_close,
)

__all__ = [
    "CHUNK",
    "CLOSE_CACHE_KIB",
    "ClosedRun",
    "DeletedOneOffOverpayment",
    "Entry",
    "LedgerLine",
    "LineRow",
    "LineWriter",
    "OneOffSource",
    "OpenOverpayment",
    "PaidFigures",
    "PaidMonth",
    "PaidOneOff",
    "Payee",
    "PlacementSource",
    "Settlement",
    "SinceClose",
    "SourceRows",
    "basis_texts",
    "changes_since_last_close",
    "closed_range",
    "closed_run",
    "closed_runs",
    "data_stamp",
    "delete_run",
    "first_line_id",
    "has_open_overpayments",
    "insert_reopening",
    "insert_settlement",
    "lines_by_id",
    "make_sources",
    "one_off_identities",
    "one_off_sources",
    "one_offs_written_since_last_close",
    "open_deleted_one_off_overpayments",
    "open_one_off_overpayments",
    "open_overpayments",
    "overpayment_lines",
    "page_cache_for_close",
    "paid_amounts",
    "paid_month_steps",
    "paid_months",
    "paid_one_off_records",
    "paid_one_offs",
    "paid_placements",
    "placement_sources",
    "read_source_rows",
    "run_line_pages",
    "run_lines",
    "run_month_of_line",
    "settled_lines_of_run",
    "settled_undoings_of_run",
    "settlements",
    "undoings_of",
    "undone_amounts",
    "write_undoings",
]
