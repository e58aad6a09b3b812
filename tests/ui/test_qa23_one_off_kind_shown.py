"""Izplačila → Izplačilo: a one-off payment's row said »enkratno izplačilo« under Vrsta
and nothing else (the tab has no Razlog), so the clerk checking the run before closing
could not tell a first-placement payment from a school one. Its Vrsta now names the
kind and the note (elided at 1024 px, whole in the cell's tooltip) (found by QA23)."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from test_ui_payments import choose, view  # noqa: F401 (fixtures)

from rejnistvo.store import save_record


def test_a_one_off_row_names_its_kind(qtbot, view):  # noqa: F811
    db = view.ctx.db
    save_record(
        db,
        "one_off_payments",
        {"carer_id": db.b_ids["carer"], "placement_id": db.b_ids["placement"],
         "kind": "primary_school", "amount": "460.00", "date": "2026-10-05",
         "note": "šolsko leto 2026/27"},
    )  # fmt: skip
    choose(qtbot, view, date(2026, 10, 1))
    model = view.paid_model
    (row,) = [r for r in range(model.rowCount()) if model.row_record(r)["total"] == 460]
    kind = model.row_record(row)["kind"]
    assert kind == "enkratno izplačilo – ob vstopu otroka v osnovno šolo; šolsko leto 2026/27"
    column = [c.key for c in model._columns].index("kind")
    tip = model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
    assert tip == kind  # the whole text when the cell elides it


def test_a_weekend_only_month_says_why_it_pays_less(qtbot, view):  # noqa: F811
    """A full month of a weekend-only placement (board 75 %, the contract's share of the
    fee) said only »mesec« beside amounts below the rates; its Vrsta now says why."""
    db = view.ctx.db
    placement = db.b_ids["placement"]
    save_record(db, "placements", {"id": placement, "part_time": True, "fee_share": "0.40"})
    choose(qtbot, view, date(2026, 10, 1))
    model = view.paid_model
    contract = db.execute(
        "SELECT contract_no FROM placements WHERE id = ?", [placement]
    ).fetchone()[0]
    kinds = [
        model.row_record(r)["kind"]
        for r in range(model.rowCount())
        if model.row_record(r)["contract"] == contract
    ]
    assert kinds == [
        "mesec – le ob koncih tedna in počitnicah: oskrbnina 75\u00a0%, plačilo dela "
        "40\u00a0% po pogodbi"
    ]
