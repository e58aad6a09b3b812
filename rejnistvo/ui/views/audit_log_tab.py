"""Nastavitve → Dnevnik sprememb: the audit log, read-only (SPEC 5).

Newest first, at most one page of rows at a time (the log of a busy centre holds tens of
thousands), narrowed by a text and a date range in the store's query; a double click shows
the record before and after the change; *Preveri verigo* checks the hash chain and the
triggers that keep the log append-only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.errors import InputError
from rejnistvo.store.labels import ACTIONS, TABLE_NAMES
from rejnistvo.ui.format import count_text, format_count
from rejnistvo.ui.models import Column, FilterProxy, RecordTableModel
from rejnistvo.ui.palette import ERROR, SUCCESS, set_text_style
from rejnistvo.ui.views.audit_log_texts import (  # noqa: F401 (the tab's texts, re-exported)
    FIELD_NAMES,
    HIDDEN,
    NOTHING_CHANGED,
    choice_name,
    field_name,
    local_time,
    pretty_json,
    pretty_value,
)
from rejnistvo.ui.views.coordinator_columns import FitColumnsToWidth
from rejnistvo.ui.widgets import DateEdit
from rejnistvo.ui.widgets.tables import configure_table

PAGE = 500
#: the columns that give way at a narrow width, in this order, each not below a text a
#: reader still recognises (an account, a name, a table, an action, a field or two)
_ELASTIC: dict[int, str | None] = {
    3: "uporabnik",
    2: "Ana Novak",
    4: "Predlogi R-4",
    5: "1220-14/2026 – A",
    6: "sprememba",
    7: "odločeno, sklep, člani",
}


class AuditDetailDialog(QDialog):
    """One log row: the record before and after the change, side by side."""

    def __init__(self, row: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Sprememba {0}: {1}, {2}").format(
                row["id"],
                TABLE_NAMES.get(row["table_name"], row["table_name"]),
                row.get("record_name") or self._record_number(row.get("record_id")),
            )
        )
        self.resize(900, 560)
        self.summary = QLabel(
            self.tr("{0} · {1} (račun {2}) · {3}").format(
                local_time(row["at"]),
                row.get("user_name") or "—",
                row.get("os_user") or "—",
                ACTIONS.get(row["action"], row["action"]),
            ),
            self,
        )
        names = row.get("names")
        self.before = QPlainTextEdit(pretty_json(row.get("before"), names), self)
        self.after = QPlainTextEdit(pretty_json(row.get("after"), names), self)
        for edit in (self.before, self.after):
            edit.setReadOnly(True)
            edit.setTabChangesFocus(True)  # Tab goes on to the next box, then Zapri
            edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Prej"), self), 0, 0)
        grid.addWidget(QLabel(self.tr("Potem"), self), 0, 1)
        grid.addWidget(self.before, 1, 0)
        grid.addWidget(self.after, 1, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(grid, 1)
        changed = row.get("changed") or []
        if changed or row.get("action") == "update":
            layout.addWidget(
                QLabel(
                    self.tr("Spremenjena polja: {0}").format(
                        ", ".join(field_name(k) for k in changed) or NOTHING_CHANGED
                    ),
                    self,
                )
            )
        layout.addWidget(buttons)
        # »Prej« and »Potem« above the boxes name them for a screen reader
        from rejnistvo.ui.widgets.accessible import name_unnamed, named_when_shown

        name_unnamed(self, self.windowTitle())
        named_when_shown(self)  # its title, and the summary as its description

    def _record_number(self, record_id: object) -> str:
        """A record without a name (deleted since, or one of many rows) by its number."""
        return self.tr("zapis {0}").format(record_id if record_id is not None else "—")


class AuditLogTab(QWidget):
    """The tab's widgets and its own loading; the model only gets rows (set_rows)."""

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.page_size = PAGE
        self._more = False
        self.dialog: AuditDetailDialog | None = None
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.date_from = DateEdit("date_from", self)
        self.date_to = DateEdit("date_to", self)
        self.from_label = QLabel(self)
        self.to_label = QLabel(self)
        self.model = RecordTableModel(self._columns(), self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        configure_table(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # At 1024 px the changed fields, what a reader came for, stood behind a sideways
        # scroll bar: the names give way instead (elided, whole in the tooltip), the
        # account first, the changed fields last; the time and numbers stay whole.
        self.columns_fit = FitColumnsToWidth(self.table, _ELASTIC, max_width=320)
        self.table.doubleClicked.connect(lambda index: self.show_details(index.row()))
        # Made after the table, in the order they stand: Tab goes search, dates, table,
        # then the buttons below it (made first, they came before the table).
        self.count_label = QLabel(self)
        self.btn_more = QPushButton(self)
        self.btn_more.clicked.connect(self.load_more)
        self.btn_verify = QPushButton(self)
        self.btn_verify.clicked.connect(self.verify_chain)
        self.verify_result = QLabel(self)
        self.verify_result.setWordWrap(True)

        # Typing waits a moment before asking the store: one query, not one per key.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        for edit in (self.date_from, self.date_to):
            edit.edited.connect(self._timer.start)
            edit.edit.editingFinished.connect(self._timer.start)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.from_label)
        filters.addWidget(self.date_from)
        filters.addWidget(self.to_label)
        filters.addWidget(self.date_to)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.btn_more)
        bottom.addWidget(self.btn_verify)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.verify_result)
        self._fitted = False
        self.retranslate()

    def _columns(self) -> list[Column]:
        return [
            Column("id", self.tr("Št.")),
            Column("at", self.tr("Čas"), local_time),
            Column("user_name", self.tr("Uporabnik")),
            Column("os_user", self.tr("Račun OS")),
            Column("table_label", self.tr("Tabela")),
            Column("record_label", self.tr("Zapis")),
            Column("action_label", self.tr("Dejanje")),
            Column("changes", self.tr("Spremenjena polja")),
        ]

    def retranslate(self) -> None:
        self.model.set_columns_headers([c.header for c in self._columns()])
        self.note.setText(
            self.tr(
                "Dnevnik sprememb (kdo, kdaj, kaj) se le dopolnjuje; vrstic ni mogoče spreminjati "
                "ali brisati. Najnovejše so na vrhu. Dvoklik pokaže zapis pred spremembo in po njej."
            )
        )
        self.search.setPlaceholderText(
            self.tr("Išči po uporabniku, tabeli, dejanju ali vrednostih …")
        )
        self.from_label.setText(self.tr("Od"))
        self.to_label.setText(self.tr("Do"))
        self.btn_verify.setText(self.tr("Preveri verigo"))
        self.btn_more.setText(self.tr("Naloži starejše"))
        self._update_count()

    # -- loading ----------------------------------------------------------------------
    def _range(self) -> tuple[bool, Any, Any]:
        ok_from, start = self.date_from.check()
        ok_to, end = self.date_to.check()
        if ok_from and ok_to and start and end and end < start:
            self.date_to.show_error(self.tr("Konec obdobja ne sme biti pred začetkom."))
            return False, None, None
        return ok_from and ok_to, start, end

    def _fetch(self, offset: int) -> list[dict] | None:
        from rejnistvo.services.audit_details import audit_page
        from rejnistvo.store import StoreError

        ok, start, end = self._range()
        if not ok:
            return None
        try:
            rows, self._more = audit_page(
                self.ctx.db, self.search.text(), start, end, self.page_size, offset
            )
        except (StoreError, InputError) as exc:
            self.ctx.interaction.error(self.tr("Napaka pri branju dnevnika"), exc.message)
            return None
        for row in rows:
            row["table_label"] = TABLE_NAMES.get(row["table_name"], row["table_name"])
            row["action_label"] = ACTIONS.get(row["action"], row["action"])
            # the record by its name (its number only when it has none): one text per
            # column, which sorts as text
            record_id = row["record_id"]
            row["record_label"] = row["record_name"] or (
                "" if record_id is None else str(record_id)
            )
            row["changes"] = ", ".join(
                # the sort keys follow the name: listed, they read "drugo polje"
                dict.fromkeys(field_name(k) for k in row["changed"] if k not in HIDDEN)
            ) or (NOTHING_CHANGED if row["action"] == "update" else "")
            # The whole records before and after are read again when a row is opened
            # (show_details): pages of them are not kept in memory.
            del row["before"], row["after"]
        return rows

    def reload(self) -> None:
        """The newest page that matches the filter (what is typed stays as typed)."""
        self._timer.stop()
        rows = self._fetch(0)
        if rows is None:
            return
        self.model.set_rows(rows)
        if rows and not self._fitted:
            self.columns_fit.refit()
            self._fitted = True
        self._update_count()

    def load_more(self) -> None:
        rows = self._fetch(self.model.rowCount())
        if rows is None:
            return
        self.model.set_rows(self.model.rows() + rows)
        self._update_count()

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        self.btn_more.setEnabled(self._more)
        self.count_label.setText(
            self.tr("Prikazanih najnovejših vrstic: {0}; starejše naložite z gumbom.").format(
                format_count(shown)
            )
            if self._more
            else count_text(shown, "vrstica")
        )

    # -- actions ----------------------------------------------------------------------
    def show_details(self, proxy_row: int) -> AuditDetailDialog | None:
        from rejnistvo.services.audit_details import audit_entry
        from rejnistvo.store import StoreError

        if not 0 <= proxy_row < self.proxy.rowCount():
            return None
        try:
            row = audit_entry(self.ctx.db, self.proxy.row_record(proxy_row)["id"])
        except StoreError as exc:
            self.ctx.interaction.error(self.tr("Napaka pri branju dnevnika"), exc.message)
            return None
        if row is None:
            return None
        self.dialog = AuditDetailDialog(row, self)
        self.dialog.show()
        return self.dialog

    def verify_chain(self) -> list[str]:
        from rejnistvo.store import StoreError
        from rejnistvo.store.audit import verify_audit_chain

        try:
            problems = verify_audit_chain(self.ctx.db)
        except StoreError as exc:
            problems = [exc.message]
        if problems:
            text = self.tr("Veriga dnevnika NI cela:") + "\n" + "\n".join(problems[:20])
            if len(problems) > 20:
                # "vseh težav: N" agrees with any N, as in the database check's message
                text += "\n" + self.tr("… (vseh težav: {0})").format(format_count(len(problems)))
            set_text_style(self.verify_result, ERROR)
            self.verify_result.setText(text)
            self.ctx.interaction.error(self.tr("Dnevnik sprememb"), text)
        else:
            text = self.tr(
                "Veriga je cela: vse vrstice so take, kot so bile zapisane, dnevnik je "
                "zaščiten pred spreminjanjem."
            )
            set_text_style(self.verify_result, SUCCESS)
            self.verify_result.setText(text)
            self.ctx.interaction.info(self.tr("Dnevnik sprememb"), text)
        return problems
