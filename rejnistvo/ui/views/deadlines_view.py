"""Roki: what needs doing soon or is late (SPEC 3.5). Shown when the program starts.

The list is collected from the store and judged by ``rules.reminders``; a double click
opens the case in its own screen (``bus.open_case``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.periods import Period
from rejnistvo.rules.reminders import (
    ENDING_SOON_DAYS,
    R5Status,
    coordinator_term_end,
    ends_within,
    r4_waiting_too_long,
    r5_due,
    r5_status,
    training_due_date,
)
from rejnistvo.ui.format import format_date
from rejnistvo.ui.models import Column, FilterProxy, RecordTableModel
from rejnistvo.ui.views.base import View
from rejnistvo.ui.widgets.tables import configure_table, fit_columns

log = logging.getLogger("rejnistvo.ui")

R5_SOON_DAYS = 30
TRAINING_SOON_DAYS = 60


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeadlinesView", text)


def _item(
    kind: str,
    due: date,
    today: date,
    what: str,
    carer: str,
    child: str,
    open_kind: str,
    open_id: int,
) -> dict:
    return {
        "due": due,
        "days": (due - today).days,
        "kind": kind,
        "what": what,
        "carer": carer or "",
        "child": child or "",
        "open_kind": open_kind,
        "open_id": open_id,
    }


def collect_deadlines(db, today: date, waiting_days: int) -> list[dict]:
    """Every reminder as a row: due, days (negative = late), kind, what, carer, child,
    open_kind, open_id. Reads the store; judging is done by rules.reminders."""
    from rejnistvo.store import list_records

    items: list[dict] = []
    reports = {r["increase_id"]: r for r in list_records(db, "r5_reports")}
    for inc in list_records(db, "board_increases"):
        period = Period(inc["from_date"], inc["to_date"])
        report = reports.get(inc["id"])
        requested = inc.get("report_requested_on")
        status = r5_status(
            period,
            today,
            report.get("report_date") if report else None,
            requested,
            soon_days=R5_SOON_DAYS,
        )
        names = (inc.get("carer_name", ""), inc.get("child_name", ""))
        due = r5_due(period, requested)
        if status in (R5Status.OVERDUE, R5Status.DUE_SOON):
            title = (
                _tr("R-5 poročilo zamuja")
                if status is R5Status.OVERDUE
                else _tr("R-5 poročilo kmalu")
            )
            items.append(
                _item(
                    title,
                    due,
                    today,
                    _tr("Zvišanje oskrbnine {0} % do {1}").format(
                        inc["percent"], format_date(period.end)
                    ),
                    *names,
                    "r5",
                    inc["id"],
                )
            )
        if ends_within(period, today, ENDING_SOON_DAYS):
            items.append(
                _item(
                    _tr("Zvišanje oskrbnine se izteka"),
                    period.end,
                    today,
                    _tr("Podaljšanje? {0} % od {1}").format(
                        inc["percent"], format_date(period.start)
                    ),
                    *names,
                    "r5",
                    inc["id"],
                )
            )
    for case in list_records(db, "r4_cases"):
        names = (case.get("carer_name", ""), case.get("child_name", ""))
        sent = case.get("sent_on")
        if sent and not case.get("decided_on") and r4_waiting_too_long(sent, today, waiting_days):
            items.append(
                _item(
                    _tr("R-4 čaka pri koordinatorju"),
                    sent + timedelta(days=waiting_days),
                    today,
                    _tr("Poslano {0}, čaka {1} dni").format(format_date(sent), (today - sent).days),
                    *names,
                    "r4",
                    case["id"],
                )
            )
        if case.get("outcome") == "increase" and case.get("decision_from"):
            period = Period(case["decision_from"], case.get("decision_to"))
            if ends_within(period, today, ENDING_SOON_DAYS):
                items.append(
                    _item(
                        _tr("Zvišanje plačila dela se izteka"),
                        period.end,
                        today,
                        _tr("Podaljšanje? {0} % (sklep {1})").format(
                            case.get("decision_percent"), case.get("resolution_no") or "—"
                        ),
                        *names,
                        "r4",
                        case["id"],
                    )
                )
    last_training = {
        row["carer_id"]: date.fromisoformat(row["last"])
        for row in db.query(
            "SELECT carer_id, max(date) AS last FROM carer_trainings GROUP BY carer_id"
        )
    }
    for carer in list_records(db, "carers"):
        if not carer.get("licence_date"):
            continue
        due = training_due_date(carer["licence_date"], last_training.get(carer["id"]))
        if due <= today + timedelta(days=TRAINING_SOON_DAYS):
            items.append(
                _item(
                    _tr("Usposabljanje rejnika"),
                    due,
                    today,
                    _tr("Obvezno usposabljanje (vsaka 3 leta)"),
                    carer["name"],
                    "",
                    "carer",
                    carer["id"],
                )
            )
    latest: dict[int, dict] = {}
    for coord in list_records(db, "coordinators"):
        if (
            coord["subgroup_id"] not in latest
            or coord["term_from"] > latest[coord["subgroup_id"]]["term_from"]
        ):
            latest[coord["subgroup_id"]] = coord
    for coord in latest.values():
        end = coord.get("term_to") or coordinator_term_end(coord["term_from"])
        if end <= today + timedelta(days=ENDING_SOON_DAYS):
            items.append(
                _item(
                    _tr("Mandat koordinatorja se izteka"),
                    end,
                    today,
                    _tr("Podskupina {0}: {1}").format(coord["subgroup_id"], coord["name"]),
                    "",
                    "",
                    "subgroup",
                    coord["subgroup_id"],
                )
            )
    items.sort(key=lambda i: (i["due"], i["kind"]))
    return items


def days_text(days: int | None) -> str:
    if days is None:
        return ""
    if days < 0:
        return _tr("zamuja {0} dni").format(-days)
    if days == 0:
        return _tr("danes")
    return _tr("čez {0} dni").format(days)


class DeadlinesView(View):
    record_kinds = ()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.today: Callable[[], date] = date.today
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.model = RecordTableModel(self._columns(), self)
        self.model.set_search_columns(["kind", "what", "carer", "child"])
        self.model.set_row_foreground(lambda r: QColor("#b00020") if r["days"] < 0 else None)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search.textChanged.connect(self.proxy.set_text)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        configure_table(self.table)
        self.table.doubleClicked.connect(self._open)
        self.hint = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.search)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self.retranslate()

    def _columns(self) -> list[Column]:
        return [
            Column("due", self.tr("Rok")),
            Column("days", self.tr("Stanje"), days_text, align_right=True),
            Column("kind", self.tr("Kaj")),
            Column("carer", self.tr("Rejnik")),
            Column("child", self.tr("Otrok")),
            Column("what", self.tr("Podrobnosti")),
        ]

    def title(self) -> str:
        return self.tr("Roki")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Roki"))
        self.search.setPlaceholderText(self.tr("Išči (Ctrl+F) …"))
        self.hint.setText(self.tr("Dvoklik odpre primer. Rdeče: rok je že pretekel."))
        self.model.set_columns_headers([c.header for c in self._columns()])

    def waiting_days(self) -> int:
        from rejnistvo.store import get_setting

        try:
            return int(get_setting(self.ctx.db, "waiting_days_threshold", "30") or 30)
        except ValueError:
            return 30

    def refresh(self) -> None:
        super().refresh()
        try:
            items = collect_deadlines(self.ctx.db, self.today(), self.waiting_days())
        except Exception as exc:  # noqa: BLE001 - show the reason, keep the window
            log.exception("collecting deadlines")
            self.ctx.interaction.error(
                self.tr("Rokov ni mogoče prebrati"), getattr(exc, "message", str(exc))
            )
            return
        self.model.set_rows(items)
        fit_columns(self.table)
        late = sum(1 for i in items if i["days"] < 0)
        self.summary.setText(
            self.tr("{0} opomnikov, od tega {1} zamujenih.").format(len(items), late)
            if items
            else self.tr("Ni rokov, ki bi se iztekali. Vse je urejeno.")
        )

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        record = self.proxy.row_record(index.row())
        self.ctx.bus.open_case.emit(record["open_kind"], int(record["open_id"]))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()


VIEW_CLASS = DeadlinesView
