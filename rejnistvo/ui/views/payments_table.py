"""Izplačila: the columns of the run's tables and its lines as table records."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from rejnistvo.rules.payment_run import KIND_LABELS
from rejnistvo.rules.periods import month_name
from rejnistvo.ui.models import Column


def _tr(text: str) -> str:
    return QCoreApplication.translate("PaymentsView", text)


def line_columns(with_reason: bool) -> list[Column]:
    columns = [
        Column("centre", _tr("Center")),
        Column("unit", _tr("Enota")),
        Column("carer", _tr("Rejnik/ica")),
        Column("iban", _tr("IBAN")),
        Column("child", _tr("Otrok")),
        Column("contract", _tr("Pogodba")),
        Column("kind", _tr("Vrsta")),
        Column("for_month", _tr("Za mesec")),
        Column("days", _tr("Dni"), align_right=True),
        Column("factor", _tr("Faktor")),
        Column("board", _tr("Oskrbnina"), align_right=True),
        Column("board_increase", _tr("Zvišanje oskrbnine"), align_right=True),
        Column("fee", _tr("Plačilo dela"), align_right=True),
        Column("fee_uplift", _tr("Zvišanje plačila dela"), align_right=True),
        Column("total", _tr("Skupaj"), align_right=True),
    ]
    if with_reason:
        columns.append(Column("reason", _tr("Razlog")))
    return columns


def total_columns() -> list[Column]:
    return [
        Column("level", _tr("Raven")),
        Column("name", _tr("Center / enota")),
        Column("total", _tr("Skupaj za izplačilo"), align_right=True),
    ]


def line_record(index: int, line: Any) -> dict[str, Any]:
    """A RunLine as a table record (id = its place in the run)."""
    a = line.amounts
    reason = line.reason + (f" ({line.settlement})" if line.settlement else "")
    return {
        "id": index,
        "line_id": line.line_id,
        "centre": line.centre,
        "unit": line.unit,
        "carer": line.carer,
        "iban": line.iban or "",
        "child": line.child,
        "contract": line.contract,
        "kind": KIND_LABELS[line.kind],
        "for_month": month_name(line.for_month),
        "days": line.days,
        "factor": line.factor,
        "board": a.board,
        "board_increase": a.board_increase,
        "fee": a.fee,
        "fee_uplift": a.fee_uplift,
        "total": a.total,
        "reason": reason,
        "settled": bool(line.settlement),
    }


def total_records(run: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for level, label in (("unit", _tr("enota")), ("centre", _tr("center"))):
        for name, amount in run.totals_by(level):
            rows.append({"id": len(rows), "level": label, "name": name, "total": amount})
    rows.append({"id": len(rows), "level": _tr("skupaj"), "name": "", "total": run.total})
    return rows
