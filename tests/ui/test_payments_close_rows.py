"""Izplačila → Zaključi mesec: the closed month is shown from the rows the screen already
had for the same run (``ShownRun.closed_as``), not made again for each line — and those
rows are exactly what the ledger holds: a fresh read of the closed month gives the same
records, line ids, settlements and sums, tab by tab."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_db  # noqa: F401 (fixture)
from PySide6.QtCore import Qt
from test_ui_payments import choose, rows, view  # noqa: F401 (fixture)

from rejnistvo.services import payment_run as service
from rejnistvo.services import rates as rate_service
from rejnistvo.services.payment_run import closing
from rejnistvo.store import save_record
from rejnistvo.ui.views.payments_table import shown_run

OCT, NOV, DEC = date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)


def _arrears_overpayment_and_one_off(view) -> None:  # noqa: F811
    """October and November closed, then a backdated rate (October's arrears) and a
    lower row from November (its overpayment), and a one-off payment in December."""
    db, clock = view.ctx.db, view.ctx.clock
    for month in (OCT, NOV):
        service.close_month(db, month, clock)
    rate_service.add_rate(db, "2026-03-01", "655.23", "472.42", "test: 2026")
    rate_service.add_rate(db, "2026-11-01", "600.00", "400.00", "test: lower")
    ids = db.b_ids
    save_record(
        db,
        "one_off_payments",
        {"carer_id": ids["carer"], "placement_id": ids["placement"], "kind": "first_placement",
         "amount": "430.00", "date": "2026-12-03"},
    )  # fmt: skip
    view.ctx.bus.records_changed.emit("rates")


def _records(model) -> list[dict]:
    return [dict(record) for record in rows(model)]


def test_the_closed_month_keeps_the_rows_on_screen_and_they_are_the_ledgers(qtbot, view):  # noqa: F811
    _arrears_overpayment_and_one_off(view)
    choose(qtbot, view, DEC)
    models = (view.paid_model, view.diff_model, view.over_model, view.totals_model)
    assert [model.rowCount() for model in models] == [2, 1, 1, 4]
    before = [rows(model) for model in models]
    # lines painted before the close are made without bases (the screen's run)
    assert all(record["line_id"] is None for record in before[0])
    view.paid_table.selectRow(1)

    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)

    assert view.run.status == "closed" and "Zaključen" in view.status.text()
    # the same records (none made again) and the same place in the table
    assert all(
        a is b for model, old in zip(models, before, strict=True)
        for a, b in zip(rows(model), old, strict=True)
    )  # fmt: skip
    assert view.paid_table.currentIndex().row() == 1
    # … which are the ledger's: the closed month read afresh gives the same records
    fresh = shown_run(service.payment_run(view.ctx.db, DEC, view.ctx.clock))
    assert _records(view.paid_model) == [dict(r) for r in fresh.paid]
    assert _records(view.diff_model) == [dict(r) for r in fresh.arrears]
    assert _records(view.over_model) == [dict(r) for r in fresh.overpayments]
    assert rows(view.totals_model) == fresh.totals
    assert (view.shown.total, view.shown.overpaid) == (fresh.total, fresh.overpaid)
    assert all(record["line_id"] is not None for record in _records(view.paid_model))
    # the lines keep their bases as the ledger does (the exports of the closed month)
    assert [line.inputs for line in view.run.lines] == [line.inputs for line in fresh.run.lines]


def test_a_close_that_computed_again_shows_its_own_rows(qtbot, view, monkeypatch):  # noqa: F811
    choose(qtbot, view, OCT)
    before = rows(view.paid_model)
    taken = closing._still_current
    monkeypatch.setattr(closing, "_still_current", lambda *a: None)  # as after a write
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(closing, "_still_current", taken)
    assert view.run.status == "closed"
    (record,) = rows(view.paid_model)
    assert record is not before[0] and record.lines is view.run.lines
    assert record["line_id"] == view.run.lines[0].line_id is not None
