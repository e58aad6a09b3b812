"""The refund's instalments (Pravilnik čl. 28): due dates editable within the rules,
amounts from the refund plan, and a paid mark with the day it was ticked; a paid one's
amount may be corrected to what the carer really paid (the plan then shares the rest),
and its day to the day it was paid."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.refund import Instalment
from rejnistvo.rules.workdays import next_working_day
from rejnistvo.ui.format import format_amount, format_date
from rejnistvo.ui.widgets.fields import parse_amount_text, parse_date_text
from rejnistvo.ui.widgets.rows_model import Index, RowsModel, error_brush

ZERO = Decimal("0.00")


class InstalmentModel(RowsModel):
    """Due date (editable within the rules), amount (editable once paid: what was paid),
    paid mark (a checkbox with the day)."""

    #: a paid mark or a paid amount changed: the rest of the refund is shared again
    payments_changed = Signal()

    def __init__(self, today: Callable[[], date], parent=None) -> None:
        super().__init__(["Zapade", "Znesek (EUR)", "Plačano"], parent)
        # The day a paid mark is ticked comes from the window's clock (tests pin it).
        self.today = today

    def set_instalments(self, rows: Sequence[dict]) -> None:
        self.beginResetModel()
        self._rows = [
            {"due_text": format_date(r["due"]), "amount": r["amount"], "paid_on": r.get("paid_on")}
            for r in rows
        ]
        self.endResetModel()

    def set_amounts(self, amounts: Sequence[Decimal]) -> None:
        """New amounts for the rows as they are (one each): dates and paid marks stay, and
        a paid one's amount too (it is what was paid)."""
        for row, amount in zip(self._rows, amounts, strict=True):
            if not row["paid_on"]:
                row["amount"] = amount
        if self._rows:
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def amount_error(self, row: int) -> str | None:
        """Why a paid amount as typed is no amount (kept as typed, shown in red)."""
        text = self._rows[row].get("amount_text")
        if text is None:
            return None
        try:
            value = parse_amount_text(text, "amount")
        except InputError as error:
            return error.message
        if value is None or value <= 0:
            return "Vpišite plačani znesek obroka, večji od 0,00 EUR."
        return None

    def paid_error(self, row: int) -> str | None:
        """Why a paid day as typed is no day, or one that has not come."""
        text = self._rows[row].get("paid_text")
        if text is None:
            return None
        try:
            day = parse_date_text(text, "paid_on")
        except InputError as error:
            return error.message
        if day is None:
            return "Vpišite dan plačila (ali odstranite oznako plačila)."
        if day > self.today():
            return (
                f"Dan plačila ({format_date(day)}) je v prihodnosti; dovoljen je današnji "
                f"({format_date(self.today())}) ali zgodnejši dan."
            )
        return None

    def due_error(self, row: int) -> str | None:
        try:
            if parse_date_text(self._rows[row]["due_text"], "due") is None:
                return "Vpišite dan zapadlosti."
        except InputError as error:
            return error.message
        return None

    def instalments(self) -> list[Instalment]:
        """Call only when no row has a due_error."""
        return [
            Instalment(parse_date_text(r["due_text"], "due"), r["amount"], r["paid_on"])
            for r in self._rows
        ]

    def records(self) -> list[dict]:
        return [
            {
                "due": parse_date_text(r["due_text"], "due"),
                "amount": r["amount"],
                "paid_on": r["paid_on"],
            }
            for r in self._rows
        ]

    def records_raw(self) -> list[dict[str, Any]]:
        """Rows as kept (the due date as typed)."""
        return [dict(r) for r in self._rows]

    def total(self) -> Decimal:
        return sum((r["amount"] for r in self._rows), ZERO)

    def moved_notes(self) -> list[str]:
        """Why a typed due day shows another one: »Obrok 2: vpisani … (101. člen ZUP).«"""
        return [
            f"Obrok {number}: {_moved_text(r)}"
            for number, r in enumerate(self._rows, start=1)
            if r.get("moved_from")
        ]

    def all_paid(self) -> bool:
        return bool(self._rows) and all(r["paid_on"] for r in self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        column = index.column()
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return r["due_text"]
            error = self.due_error(index.row())
            if role == Qt.ItemDataRole.ForegroundRole and error:
                return error_brush()
            if role == Qt.ItemDataRole.ToolTipRole and error:
                return error
            if role == Qt.ItemDataRole.ToolTipRole and r.get("moved_from"):
                text = _moved_text(r)
                return text[:1].upper() + text[1:]
        elif column == 1:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return r.get("amount_text", format_amount(r["amount"]))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            error = self.amount_error(index.row())
            if role == Qt.ItemDataRole.ForegroundRole and error:
                return error_brush()
            if role == Qt.ItemDataRole.ToolTipRole:
                return error or (
                    "Plačani znesek: vpišite, koliko je rejnik res plačal."
                    if r["paid_on"]
                    else None
                )
        elif column == 2:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if r["paid_on"] else Qt.CheckState.Unchecked
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return r.get("paid_text", format_date(r["paid_on"]) if r["paid_on"] else "")
            error = self.paid_error(index.row())
            if role == Qt.ItemDataRole.ForegroundRole and error:
                return error_brush()
            if role == Qt.ItemDataRole.ToolTipRole:
                return error or (
                    "Dan plačila: vpišite, kdaj je rejnik plačal." if r["paid_on"] else None
                )
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        r = self._rows[index.row()]
        if index.column() == 0 and role == Qt.ItemDataRole.EditRole:
            text = "" if value is None else str(value)
            r.pop("moved_from", None)
            try:
                parsed = parse_date_text(text, "due")
                if parsed is not None:
                    # ZUP 101, as for the plan's own dates: a due day that is not a working
                    # day moves to the next one (Roki counts the delay from it); the cell
                    # says so in its tooltip
                    due = next_working_day(parsed)
                    if due != parsed:
                        r["moved_from"] = parsed
                    text = format_date(due)
            except InputError:
                pass  # keep what was typed; the reason shows in red
            r["due_text"] = text
        elif index.column() == 1 and role == Qt.ItemDataRole.EditRole and r["paid_on"]:
            text = "" if value is None else str(value)
            r["amount_text"] = text
            if self.amount_error(index.row()) is None:
                # what the carer paid; a wrong one stays as typed, its reason in red
                r["amount"] = parse_amount_text(text, "amount")
                del r["amount_text"]
            self._edited(index)
            self.payments_changed.emit()
            return True
        elif index.column() == 2 and role == Qt.ItemDataRole.EditRole and r["paid_on"]:
            # the day the carer paid, when it was not the day the mark was ticked; a
            # wrong one stays as typed, its reason in red
            r["paid_text"] = "" if value is None else str(value)
            if self.paid_error(index.row()) is None:
                r["paid_on"] = parse_date_text(r.pop("paid_text"), "paid_on")
            return self._edited(index)
        elif index.column() == 2 and role == Qt.ItemDataRole.CheckStateRole:
            checked = (
                Qt.CheckState(value) == Qt.CheckState.Checked
                if not isinstance(value, bool)
                else value
            )
            r["paid_on"] = self.today() if checked else None
            r.pop("paid_text", None)
            if not checked:
                r.pop("amount_text", None)
            self._edited(index)
            self.dataChanged.emit(self.index(index.row(), 1), self.index(index.row(), 1))
            self.payments_changed.emit()
            return True
        else:
            return False
        return self._edited(index)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 or (index.column() > 0 and self._rows[index.row()]["paid_on"]):
            flags |= Qt.ItemFlag.ItemIsEditable
        if index.column() == 2:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags


def _moved_text(row: dict[str, Any]) -> str:
    return (
        f"vpisani {format_date(row['moved_from'])} je dela prost dan, zato obrok zapade prvi "
        f"naslednji delovni dan, {row['due_text']} (101. člen ZUP)."
    )
