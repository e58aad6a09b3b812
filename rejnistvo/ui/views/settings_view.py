"""Nastavitve: the rate table (each new row with its legal source, audited by the store),
centres and units, subgroups with coordinators and candidates, the user's name and the
limits the reminders use."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.errors import InputError
from rejnistvo.ui.format import format_amount
from rejnistvo.ui.models import Column, FilterProxy, RecordTableModel
from rejnistvo.ui.views.audit_log_tab import AuditLogTab
from rejnistvo.ui.views.base import View
from rejnistvo.ui.widgets import AmountEdit, DateEdit, FieldError, FormValidator, TextEdit
from rejnistvo.ui.widgets.pickers import CentreUnitPicker
from rejnistvo.ui.widgets.tables import configure_table


def _table(parent: QWidget, model: RecordTableModel) -> tuple[QTableView, FilterProxy]:
    proxy = FilterProxy(parent)
    proxy.setSourceModel(model)
    view = QTableView(parent)
    view.setModel(proxy)
    configure_table(view)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view, proxy


class SettingsView(View):
    record_kinds = ("subgroup",)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._rates_tab(), "")
        self.tabs.addTab(self._centres_tab(), "")
        self.tabs.addTab(self._subgroups_tab(), "")
        self.tabs.addTab(self._general_tab(), "")
        self.audit_tab = AuditLogTab(ctx, self)
        self.tabs.addTab(self.audit_tab, "")
        # The log is read when its tab is opened, not with every refresh of the settings.
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self._general_dirty = False
        self.retranslate()

    # -- rates ----------------------------------------------------------------------
    def _rate_columns(self) -> list[Column]:
        return [
            Column("valid_from", self.tr("Velja od")),
            Column("board", self.tr("Oskrbnina"), format_amount, True),
            Column("fee", self.tr("Plačilo dela"), format_amount, True),
            Column("source", self.tr("Vir (Uradni list, člen)")),
        ]

    def _rates_tab(self) -> QWidget:
        page = QWidget(self)
        self.rates_model = RecordTableModel(self._rate_columns(), self)
        self.rates_table, self.rates_proxy = _table(page, self.rates_model)
        self.rate_box = QGroupBox(page)
        self.rate_from = DateEdit("valid_from", page, required=True)
        self.rate_board = AmountEdit("board", page, required=True)
        self.rate_fee = AmountEdit("fee", page, required=True)
        self.rate_source = TextEdit("source", page, required=True)
        self.rate_labels = [QLabel(page) for _ in range(4)]
        form = QFormLayout(self.rate_box)
        for label, w in zip(
            self.rate_labels,
            (self.rate_from, self.rate_board, self.rate_fee, self.rate_source),
            strict=True,
        ):
            form.addRow(label, w)
        self.rate_add = QPushButton(page)
        self.rate_add.clicked.connect(self.add_rate)
        form.addRow("", self.rate_add)
        self.rate_note = QLabel(page)
        self.rate_note.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.rate_note)
        layout.addWidget(self.rates_table, 1)
        layout.addWidget(self.rate_box)
        return page

    def add_rate(self) -> bool:
        from rejnistvo.store import StoreError, save_record

        v = FormValidator()
        valid_from = v.check(self.rate_from)
        board = v.check(self.rate_board)
        fee = v.check(self.rate_fee)
        source = v.check(self.rate_source)
        if v.ok and any(r["valid_from"] == valid_from for r in self.rates_model.rows()):
            v.add_error(
                self.rate_from, self.tr("Vrstica s tem datumom že obstaja; izberite drug datum.")
            )
        if v.ok and valid_from.day != 1:
            v.add_error(
                self.rate_from, self.tr("Zneski veljajo od prvega dne v mesecu, npr. 1. 3. 2026.")
            )
        if not v.ok:
            v.focus_first()
            return False
        if not self.ctx.interaction.confirm(
            self.tr("Nova vrstica zneskov"),
            self.tr("Od {0} velja oskrbnina {1} € in plačilo dela {2} €. Shranim?").format(
                self.rate_from.text(), format_amount(board), format_amount(fee)
            ),
        ):
            return False
        try:
            save_record(
                self.ctx.db,
                "rates",
                {"valid_from": valid_from, "board": board, "fee": fee, "source": source},
            )
        except (InputError, StoreError) as exc:
            self.ctx.interaction.error(self.tr("Vrstica ni shranjena"), exc.message)
            return False
        for w in (self.rate_from, self.rate_board, self.rate_fee, self.rate_source):
            w.set_value(None)
        self.ctx.bus.records_changed.emit("rate")
        self.refresh()
        return True

    # -- centres --------------------------------------------------------------------
    def _centres_tab(self) -> QWidget:
        page = QWidget(self)
        self.centres_model = RecordTableModel(
            [
                Column("code", ""),
                Column("name", ""),
                Column("seat", ""),
                Column("subgroup_id", "", align_right=True),
            ],
            self,
        )
        self.centres_table, self.centres_proxy = _table(page, self.centres_model)
        self.centres_search = QLineEdit(page)
        self.centres_search.setClearButtonEnabled(True)
        self.centres_search.textChanged.connect(self.centres_proxy.set_text)
        self.units_model = RecordTableModel([Column("name", "")], self)
        self.units_table, self.units_proxy = _table(page, self.units_model)
        self.centres_table.selectionModel().currentRowChanged.connect(self._centre_selected)
        self.units_table.selectionModel().currentRowChanged.connect(self._unit_selected)
        self.centres_note = QLabel(page)
        self.centres_note.setWordWrap(True)

        # The centre editor: code, name, seat and its subgroup (a setting: the minister
        # decides which centres form a subgroup).
        self.centre_box = QGroupBox(page)
        self.centre_code = TextEdit("code", page, required=True)
        self.centre_name = TextEdit("name", page, required=True)
        self.centre_seat = TextEdit("seat", page)
        self.centre_subgroup = QComboBox(page)
        self.centre_subgroup.addItem("—", None)
        for number in range(1, 7):
            self.centre_subgroup.addItem(str(number), number)
        self.centre_subgroup.setMaximumWidth(120)
        self.centre_subgroup_error = FieldError(page)
        subgroup_cell = QWidget(page)
        subgroup_layout = QVBoxLayout(subgroup_cell)
        subgroup_layout.setContentsMargins(0, 0, 0, 0)
        subgroup_layout.setSpacing(2)
        subgroup_layout.addWidget(self.centre_subgroup)
        subgroup_layout.addWidget(self.centre_subgroup_error)
        self.centre_labels = [QLabel(page) for _ in range(4)]
        centre_form = QFormLayout(self.centre_box)
        for label, w in zip(
            self.centre_labels,
            (self.centre_code, self.centre_name, self.centre_seat, subgroup_cell),
            strict=True,
        ):
            centre_form.addRow(label, w)
        self.centre_new = QPushButton(page)
        self.centre_new.clicked.connect(self.new_centre)
        self.centre_save = QPushButton(page)
        self.centre_save.clicked.connect(self.save_centre)
        centre_buttons = QHBoxLayout()
        centre_buttons.addWidget(self.centre_save)
        centre_buttons.addWidget(self.centre_new)
        centre_buttons.addStretch(1)
        centre_form.addRow("", centre_buttons)
        for field in (self.centre_code, self.centre_name, self.centre_seat):
            field.edited.connect(self._mark_centre)
        self.centre_subgroup.activated.connect(self._subgroup_picked)
        self._centre_id: int | None = None
        self._centre_dirty = False

        # The unit editor: add to the selected centre, rename or delete the selected unit.
        self.unit_box = QGroupBox(page)
        self.unit_name = TextEdit("name", page, required=True)
        self.unit_label = QLabel(page)
        unit_form = QFormLayout(self.unit_box)
        unit_form.addRow(self.unit_label, self.unit_name)
        self.unit_add = QPushButton(page)
        self.unit_add.clicked.connect(self.add_unit)
        self.unit_rename = QPushButton(page)
        self.unit_rename.clicked.connect(self.rename_unit)
        self.unit_delete = QPushButton(page)
        self.unit_delete.clicked.connect(self.delete_unit)
        unit_buttons = QHBoxLayout()
        for button in (self.unit_add, self.unit_rename, self.unit_delete):
            unit_buttons.addWidget(button)
        unit_buttons.addStretch(1)
        unit_form.addRow("", unit_buttons)
        self.unit_name.edited.connect(self._mark_unit)
        self._unit_dirty = False

        left = QVBoxLayout()
        left.addWidget(self.centres_search)
        left.addWidget(self.centres_table, 1)
        left.addWidget(self.centre_box)
        right = QVBoxLayout()
        right.addWidget(self.units_table, 1)
        right.addWidget(self.unit_box)
        layout = QVBoxLayout(page)
        layout.addWidget(self.centres_note)
        row = QHBoxLayout()
        row.addLayout(left, 3)
        row.addLayout(right, 2)
        layout.addLayout(row, 1)
        self._show_centre(None)
        return page

    def _mark_centre(self) -> None:
        self._centre_dirty = True

    def _mark_unit(self) -> None:
        self._unit_dirty = bool(self.unit_name.text().strip())

    def _subgroup_picked(self, _index: int) -> None:
        self.centre_subgroup_error.clear_error()
        self._centre_dirty = True

    def _selected_centre(self) -> dict | None:
        index = self.centres_table.currentIndex()
        return self.centres_proxy.row_record(index.row()) if index.isValid() else None

    def _selected_unit(self) -> dict | None:
        index = self.units_table.currentIndex()
        return self.units_proxy.row_record(index.row()) if index.isValid() else None

    def _centre_selected(self, current, _previous) -> None:
        centre = self.centres_proxy.row_record(current.row()) if current.isValid() else None
        if centre is not None and centre["id"] == self._centre_id:
            return
        if self._centre_dirty and not self.ctx.interaction.confirm(
            self.tr("Neshranjene spremembe centra"),
            self.tr("Spremembe centra »{0}« niso shranjene. Jih zavržem?").format(
                self.centre_name.text() or self.tr("nov center")
            ),
        ):
            self._select_centre(self._centre_id)
            return
        self._show_centre(centre)

    def _select_centre(self, centre_id: int | None) -> None:
        """Select a centre's row without asking about unsaved edits."""
        row = self.centres_model.find_row("id", centre_id) if centre_id is not None else -1
        selection = self.centres_table.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            proxy_row = self.centres_proxy.mapFromSource(self.centres_model.index(row, 0)).row()
            self.centres_table.selectRow(proxy_row)
        else:
            self.centres_table.clearSelection()
            self.centres_table.setCurrentIndex(self.centres_proxy.index(-1, -1))
        selection.blockSignals(False)

    def _show_centre(self, centre: dict | None) -> None:
        self._centre_id = centre["id"] if centre else None
        self.centre_code.set_value(centre["code"] if centre else None)
        self.centre_name.set_value(centre["name"] if centre else None)
        self.centre_seat.set_value(centre.get("seat") if centre else None)
        sub = centre.get("subgroup_id") if centre else None
        self.centre_subgroup.setCurrentIndex(max(self.centre_subgroup.findData(sub), 0))
        self.centre_subgroup_error.clear_error()
        self._centre_dirty = False
        self.units_model.set_rows(centre.get("units", []) if centre else [])
        self._show_unit(None)
        has_centre = centre is not None
        self.unit_box.setEnabled(has_centre)
        self.centre_box.setTitle(
            self.tr("Center: {0}").format(centre["name"]) if centre else self.tr("Nov center")
        )

    def _unit_selected(self, current, _previous) -> None:
        unit = self.units_proxy.row_record(current.row()) if current.isValid() else None
        if self._unit_dirty and unit is not None and self.unit_name.text().strip() != unit["name"]:
            # A name being typed for a new unit stays; picking a unit only enables rename.
            self._update_unit_buttons()
            return
        self._show_unit(unit)

    def _show_unit(self, unit: dict | None) -> None:
        self.unit_name.set_value(unit["name"] if unit else None)
        self._unit_dirty = False
        self._update_unit_buttons()

    def _update_unit_buttons(self) -> None:
        selected = self._selected_unit() is not None
        self.unit_rename.setEnabled(selected)
        self.unit_delete.setEnabled(selected)

    def new_centre(self) -> None:
        if self._centre_dirty and not self.ctx.interaction.confirm(
            self.tr("Neshranjene spremembe centra"),
            self.tr("Spremembe centra niso shranjene. Jih zavržem?"),
        ):
            return
        self._select_centre(None)
        self._show_centre(None)
        self.tabs.setCurrentIndex(1)
        self.centre_code.setFocus()

    def save_centre(self) -> bool:
        from rejnistvo.store import StoreError, save_centre

        v = FormValidator()
        code = v.check(self.centre_code)
        name = v.check(self.centre_name)
        seat = v.check(self.centre_seat)
        subgroup = self.centre_subgroup.currentData()
        if subgroup is None:
            message = self.tr("Izberite podskupino od 1 do 6 (določi jo minister).")
            self.centre_subgroup_error.show_error(message)
            v.errors.append((self.centre_subgroup, message))
        if not v.ok:
            self.tabs.setCurrentIndex(1)
            v.focus_first()
            return False
        record = {"code": code, "name": name, "seat": seat, "subgroup_id": subgroup}
        if self._centre_id is not None:
            record["id"] = self._centre_id
        try:
            centre_id = save_centre(self.ctx.db, record)
        except InputError as exc:
            target = {"code": self.centre_code, "name": self.centre_name}.get(exc.field)
            if target is not None:
                target.show_error(exc.message)
                target.setFocus()
            else:
                self.centre_subgroup_error.show_error(exc.message)
            return False
        except StoreError as exc:
            self.ctx.interaction.error(self.tr("Center ni shranjen"), exc.message)
            return False
        self._centre_dirty = False
        self._centre_id = centre_id
        self.ctx.bus.records_changed.emit("centre")
        self.ctx.bus.status_message.emit(self.tr("Center »{0}« je shranjen.").format(name))
        self.refresh()
        return True

    def _unit_failed(self, exc: Exception) -> bool:
        from rejnistvo.store import StoreError

        if isinstance(exc, InputError):
            self.unit_name.show_error(exc.message)
            self.unit_name.setFocus()
        elif isinstance(exc, StoreError):
            self.ctx.interaction.error(self.tr("Enota ni shranjena"), exc.message)
        return False

    def _unit_saved(self, unit_id: int, message: str) -> bool:
        self._unit_dirty = False
        self.ctx.bus.records_changed.emit("centre")
        self.ctx.bus.status_message.emit(message)
        self.refresh()
        row = self.units_model.find_row("id", unit_id)
        if row >= 0:
            self.units_table.selectRow(
                self.units_proxy.mapFromSource(self.units_model.index(row, 0)).row()
            )
        return True

    def add_unit(self) -> bool:
        from rejnistvo.store import StoreError, save_unit

        ok, name = self.unit_name.check()
        if not ok or self._centre_id is None:
            return False
        try:
            unit_id = save_unit(self.ctx.db, self._centre_id, name)
        except (InputError, StoreError) as exc:
            return self._unit_failed(exc)
        return self._unit_saved(unit_id, self.tr("Enota »{0}« je dodana.").format(name))

    def rename_unit(self) -> bool:
        from rejnistvo.store import StoreError, save_unit

        unit = self._selected_unit()
        ok, name = self.unit_name.check()
        if not ok or unit is None or self._centre_id is None:
            return False
        try:
            unit_id = save_unit(self.ctx.db, self._centre_id, name, unit["id"])
        except (InputError, StoreError) as exc:
            return self._unit_failed(exc)
        return self._unit_saved(
            unit_id, self.tr("Enota »{0}« je preimenovana v »{1}«.").format(unit["name"], name)
        )

    def delete_unit(self) -> bool:
        from rejnistvo.store import StoreError, delete_unit

        unit = self._selected_unit()
        if unit is None:
            return False
        if not self.ctx.interaction.confirm(
            self.tr("Izbriši enoto"),
            self.tr("Enota »{0}« bo izbrisana (sprememba se zabeleži). Nadaljujem?").format(
                unit["name"]
            ),
        ):
            return False
        try:
            delete_unit(self.ctx.db, unit["id"])
        except StoreError as exc:
            self.ctx.interaction.error(self.tr("Enota ni izbrisana"), exc.message)
            return False
        self._unit_dirty = False
        self.ctx.bus.records_changed.emit("centre")
        self.ctx.bus.status_message.emit(self.tr("Enota »{0}« je izbrisana.").format(unit["name"]))
        self.refresh()
        return True

    # -- subgroups ------------------------------------------------------------------
    def _subgroups_tab(self) -> QWidget:
        page = QWidget(self)
        self.subgroup_combo = QComboBox(page)
        self.subgroup_combo.currentIndexChanged.connect(lambda _i: self._load_subgroup())
        self.coordinator_label = QLabel(page)
        self.coordinator_label.setWordWrap(True)
        self.members_label = QLabel(page)
        self.members_label.setWordWrap(True)
        self.candidates_model = RecordTableModel(
            [
                Column("name", ""),
                Column("centre", ""),
                Column("unit", ""),
                Column("added_on", ""),
                Column("removed_on", ""),
            ],
            self,
        )
        self.candidates_table, self.candidates_proxy = _table(page, self.candidates_model)
        self.candidates_table.selectionModel().currentRowChanged.connect(self._candidate_selected)
        self.cand_box = QGroupBox(page)
        self.cand_name = TextEdit("name", page, required=True)
        # The unit decides the commission warning "member works in the proposing unit".
        self.cand_centre = CentreUnitPicker("centre_id", page)
        self.cand_added = DateEdit("added_on", page, required=True)
        self.cand_added.set_value(date.today())
        self.cand_labels = [QLabel(page) for _ in range(3)]
        form = QFormLayout(self.cand_box)
        for label, w in zip(
            self.cand_labels, (self.cand_name, self.cand_centre, self.cand_added), strict=True
        ):
            form.addRow(label, w)
        self.cand_add = QPushButton(page)
        self.cand_add.clicked.connect(self.add_candidate)
        self.cand_update = QPushButton(page)
        self.cand_update.clicked.connect(self.update_candidate)
        self.cand_update.setEnabled(False)
        self.cand_remove = QPushButton(page)
        self.cand_remove.clicked.connect(self.remove_candidate)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cand_add)
        buttons.addWidget(self.cand_update)
        buttons.addWidget(self.cand_remove)
        buttons.addStretch(1)
        form.addRow("", buttons)
        self.changes_since = DateEdit("since", page, required=True)
        self.changes_since.set_value(date(date.today().year, 1, 1))
        self.changes_button = QPushButton(page)
        self.changes_button.clicked.connect(self.export_candidate_changes)
        self.changes_label = QLabel(page)
        changes_row = QHBoxLayout()
        changes_row.addWidget(self.changes_since)
        changes_row.addWidget(self.changes_button)
        changes_row.addStretch(1)
        form.addRow(self.changes_label, changes_row)
        self.coord_box = QGroupBox(page)
        self.coord_name = TextEdit("name", page, required=True)
        self.coord_from = DateEdit("term_from", page, required=True)
        self.coord_button = QPushButton(page)
        self.coord_button.clicked.connect(self.elect_coordinator)
        self.coord_labels = [QLabel(page) for _ in range(2)]
        coord_form = QFormLayout(self.coord_box)
        coord_form.addRow(self.coord_labels[0], self.coord_name)
        coord_form.addRow(self.coord_labels[1], self.coord_from)
        coord_form.addRow("", self.coord_button)
        top = QHBoxLayout()
        self.subgroup_label = QLabel(page)
        top.addWidget(self.subgroup_label)
        top.addWidget(self.subgroup_combo)
        top.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.coordinator_label)
        layout.addWidget(self.members_label)
        layout.addWidget(self.candidates_table, 1)
        lower = QHBoxLayout()
        lower.addWidget(self.cand_box, 3)
        lower.addWidget(self.coord_box, 2)
        layout.addLayout(lower)
        return page

    def export_candidate_changes(self) -> bool:
        from rejnistvo.register.candidates import candidate_changes, write_candidate_changes_csv

        subgroup = self.subgroup_combo.currentData()
        ok, since = self.changes_since.check()
        if not ok or subgroup is None:
            return False
        path = self.ctx.interaction.choose_save_path(
            self.tr("Spremembe seznama kandidatov"),
            self.tr("CSV (*.csv)"),
            f"kandidati-podskupina-{subgroup}-od-{since.isoformat()}.csv",
        )
        if not path:
            return False
        try:
            write_candidate_changes_csv(candidate_changes(self.ctx.db, subgroup, since), path)
        except (InputError, OSError) as exc:
            self.ctx.interaction.error(
                self.tr("Spremembe niso izvožene"), getattr(exc, "message", str(exc))
            )
            return False
        self.ctx.bus.status_message.emit(self.tr("Spremembe so shranjene v {0}.").format(path))
        return True

    def elect_coordinator(self) -> bool:
        from rejnistvo.store import StoreError, save_record

        v = FormValidator()
        name = v.check(self.coord_name)
        start = v.check(self.coord_from)
        subgroup = self.subgroup_combo.currentData()
        if not v.ok or subgroup is None:
            return False
        try:
            save_record(
                self.ctx.db,
                "coordinators",
                {"subgroup_id": subgroup, "name": name, "term_from": start},
            )
        except (InputError, StoreError) as exc:
            self.ctx.interaction.error(self.tr("Koordinator ni vpisan"), exc.message)
            return False
        self.coord_name.set_value(None)
        self.ctx.bus.records_changed.emit("coordinator")
        self._load_subgroup()
        return True

    def _load_subgroup(self) -> None:
        from rejnistvo.store import list_records

        subgroup = self.subgroup_combo.currentData()
        if subgroup is None:
            return
        db = self.ctx.db
        names = {c["id"]: c["name"] for c in self.centres_model.rows()}
        unit_names = {u["id"]: u["name"] for c in self.centres_model.rows() for u in c["units"]}
        candidates = [
            {
                **c,
                "centre": names.get(c.get("centre_id"), ""),
                "unit": unit_names.get(c.get("unit_id"), ""),
            }
            for c in list_records(db, "candidates", subgroup_id=subgroup)
        ]
        self.candidates_model.set_rows(candidates)
        coords = list_records(db, "coordinators", subgroup_id=subgroup)
        if coords:
            c = max(coords, key=lambda r: r["term_from"])
            self.coordinator_label.setText(
                self.tr("Koordinator: {0}, mandat od {1} do {2} (eno leto, čl. 7/3).").format(
                    c["name"], self._d(c["term_from"]), self._d(c["term_to"])
                )
            )
        else:
            self.coordinator_label.setText(self.tr("Koordinator ni vpisan."))
        sub = next((s for s in self._subgroups if s["id"] == subgroup), None)
        member_names = [names.get(m["centre_id"], "") for m in (sub or {}).get("centres", [])]
        self.members_label.setText(
            self.tr("Centri v podskupini: {0}").format(", ".join(member_names) or "—")
        )

    @staticmethod
    def _d(day: date | None) -> str:
        from rejnistvo.ui.format import format_date

        return format_date(day)

    def _candidate_selected(self, current, _previous) -> None:
        self.cand_update.setEnabled(current.isValid())
        if not current.isValid() or self._cand_typing():
            return
        cand = self.candidates_proxy.row_record(current.row())
        self.cand_name.set_value(cand["name"])
        self.cand_centre.set_value(cand.get("centre_id"), cand.get("unit_id"))

    def _cand_typing(self) -> bool:
        """A name typed that belongs to no listed candidate: keep it (nothing typed is lost)."""
        text = self.cand_name.text().strip()
        return bool(text) and all(c["name"] != text for c in self.candidates_model.rows())

    def _candidate_record(self) -> dict | None:
        v = FormValidator()
        name = v.check(self.cand_name)
        added = v.check(self.cand_added)
        if not v.ok or self.subgroup_combo.currentData() is None:
            v.focus_first()
            return None
        centre_id, unit_id = self.cand_centre.value()
        return {"name": name, "centre_id": centre_id, "unit_id": unit_id, "added_on": added}

    def add_candidate(self) -> bool:
        from rejnistvo.store import StoreError, save_record

        record = self._candidate_record()
        if record is None:
            return False
        try:
            save_record(
                self.ctx.db,
                "candidates",
                {"subgroup_id": self.subgroup_combo.currentData(), **record},
            )
        except (InputError, StoreError) as exc:
            self.ctx.interaction.error(self.tr("Kandidat ni dodan"), exc.message)
            return False
        self.cand_name.set_value(None)
        self.ctx.bus.records_changed.emit("candidate")
        self._load_subgroup()
        return True

    def update_candidate(self) -> bool:
        """Correct the selected candidate's name, centre and unit (the date added stays)."""
        from rejnistvo.store import StoreError, save_record

        index = self.candidates_table.currentIndex()
        if not index.isValid():
            return False
        cand = self.candidates_proxy.row_record(index.row())
        record = self._candidate_record()
        if record is None:
            return False
        record.pop("added_on")
        try:
            save_record(self.ctx.db, "candidates", {"id": cand["id"], **record})
        except (InputError, StoreError) as exc:
            self.ctx.interaction.error(self.tr("Kandidat ni shranjen"), exc.message)
            return False
        self.cand_name.set_value(None)
        self.ctx.bus.records_changed.emit("candidate")
        self.ctx.bus.status_message.emit(
            self.tr("Kandidat »{0}« je shranjen.").format(record["name"])
        )
        self._load_subgroup()
        return True

    def remove_candidate(self) -> None:
        from rejnistvo.store import StoreError, save_record

        index = self.candidates_table.currentIndex()
        if not index.isValid():
            return
        cand = self.candidates_proxy.row_record(index.row())
        if cand.get("removed_on"):
            return
        if not self.ctx.interaction.confirm(
            self.tr("Odstrani kandidata"),
            self.tr(
                "Kandidat »{0}« bo od danes odstranjen s seznama (sprememba se zabeleži). Nadaljujem?"
            ).format(cand["name"]),
        ):
            return
        try:
            save_record(self.ctx.db, "candidates", {"id": cand["id"], "removed_on": date.today()})
        except (InputError, StoreError) as exc:
            self.ctx.interaction.error(self.tr("Kandidat ni odstranjen"), exc.message)
            return
        self.ctx.bus.records_changed.emit("candidate")
        self._load_subgroup()

    # -- general --------------------------------------------------------------------
    def _general_tab(self) -> QWidget:
        page = QWidget(self)
        self.user_edit = TextEdit("user_name", page, required=True)
        self.waiting_spin = QSpinBox(page)
        self.waiting_spin.setRange(1, 365)
        self.number_format = TextEdit("resolution_number_format", page, required=True)
        self.general_labels = [QLabel(page) for _ in range(3)]
        form = QFormLayout()
        for label, w in zip(
            self.general_labels,
            (self.user_edit, self.waiting_spin, self.number_format),
            strict=True,
        ):
            form.addRow(label, w)
        self.general_save = QPushButton(page)
        self.general_save.clicked.connect(self.save)
        form.addRow("", self.general_save)
        self.format_hint = QLabel(page)
        self.format_hint.setWordWrap(True)
        self.user_edit.edited.connect(self._mark_general)
        self.number_format.edited.connect(self._mark_general)
        self.waiting_spin.valueChanged.connect(self._mark_general)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.format_hint)
        layout.addStretch(1)
        return page

    def _mark_general(self, *_args) -> None:
        if not self._loading_general:
            self._general_dirty = True

    _loading_general = False

    def has_unsaved_changes(self) -> bool:
        return self._general_dirty or self._centre_dirty

    def discard(self) -> None:
        self._general_dirty = False
        self._centre_dirty = False

    def save(self) -> bool:
        if self._centre_dirty and not self.save_centre():
            return False
        return self._save_general()

    def _save_general(self) -> bool:
        from rejnistvo.store import StoreError, set_setting

        if not self._general_dirty:
            return True
        v = FormValidator()
        user = v.check(self.user_edit)
        fmt = v.check(self.number_format)
        if v.ok and "{number" not in fmt:
            v.add_error(
                self.number_format,
                self.tr("Oblika mora vsebovati {number}, npr. {subgroup}-{number:03d}/{year}."),
            )
        if v.ok:
            try:
                fmt.format(subgroup=3, number=17, year=2026)
            except (KeyError, ValueError, IndexError):
                v.add_error(
                    self.number_format,
                    self.tr(
                        "Dovoljena polja so {subgroup}, {number} in {year}, npr. {subgroup}-{number:03d}/{year}."
                    ),
                )
        if not v.ok:
            self.tabs.setCurrentIndex(3)
            v.focus_first()
            return False
        try:
            set_setting(self.ctx.db, "user_name", user)
            set_setting(self.ctx.db, "waiting_days_threshold", str(self.waiting_spin.value()))
            set_setting(self.ctx.db, "resolution_number_format", fmt)
        except StoreError as exc:
            self.ctx.interaction.error(self.tr("Nastavitve niso shranjene"), exc.message)
            return False
        self.ctx.user_name = user
        self._general_dirty = False
        self.ctx.bus.records_changed.emit("settings")
        self.ctx.bus.status_message.emit(self.tr("Nastavitve so shranjene."))
        return True

    # -- contract -------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Nastavitve")

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Zneski rejnine"))
        self.tabs.setTabText(1, self.tr("Centri in enote"))
        self.tabs.setTabText(2, self.tr("Podskupine in kandidati"))
        self.tabs.setTabText(3, self.tr("Splošno"))
        self.tabs.setTabText(4, self.tr("Dnevnik sprememb"))
        self.audit_tab.retranslate()
        self.rates_model.set_columns_headers([c.header for c in self._rate_columns()])
        self.rate_note.setText(
            self.tr(
                "Zneski se uskladijo vsako leto 1. marca in so objavljeni v Uradnem listu. Dodajte vrstico "
                "z objavljenimi zneski in virom; program zneskov nikoli ne izračuna sam. Vsaka sprememba se zabeleži."
            )
        )
        self.rate_box.setTitle(self.tr("Nova vrstica"))
        for label, text in zip(
            self.rate_labels,
            (
                self.tr("Velja od"),
                self.tr("Osnovna oskrbnina"),
                self.tr("Osnovno plačilo dela"),
                self.tr("Vir"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.rate_source.edit.setPlaceholderText(self.tr("npr. Uradni list RS, št. 20/2026"))
        self.rate_add.setText(self.tr("Dodaj vrstico"))
        self.centres_model.set_columns_headers(
            [
                self.tr("Šifra"),
                self.tr("Center za socialno delo"),
                self.tr("Sedež"),
                self.tr("Podskupina"),
            ]
        )
        self.units_model.set_columns_headers([self.tr("Enote izbranega centra")])
        self.centres_note.setText(
            self.tr(
                "Centri za socialno delo in njihove enote, kot jih uporabljajo obrazci. Razporeditev "
                "centrov v podskupine 1–6 določi minister; tu jo prepišete. Enote, ki jih "
                "uporabljajo rejniki, otroci, primeri ali kandidati, ni mogoče izbrisati, lahko pa "
                "jih preimenujete. Vsaka sprememba se zabeleži."
            )
        )
        self.centres_search.setPlaceholderText(self.tr("Išči center …"))
        for label, text in zip(
            self.centre_labels,
            (self.tr("Šifra"), self.tr("Ime centra"), self.tr("Sedež"), self.tr("Podskupina")),
            strict=True,
        ):
            label.setText(text)
        self.centre_save.setText(self.tr("Shrani center"))
        self.centre_new.setText(self.tr("Nov center"))
        self.centre_box.setTitle(
            self.tr("Center: {0}").format(self.centre_name.text())
            if self._centre_id is not None
            else self.tr("Nov center")
        )
        self.unit_box.setTitle(self.tr("Enota izbranega centra"))
        self.unit_label.setText(self.tr("Ime enote"))
        self.unit_name.edit.setPlaceholderText(self.tr("npr. Enota Kranj"))
        self.unit_add.setText(self.tr("Dodaj enoto"))
        self.unit_rename.setText(self.tr("Preimenuj izbrano"))
        self.unit_delete.setText(self.tr("Izbriši izbrano"))
        self.subgroup_label.setText(self.tr("Podskupina:"))
        self.candidates_model.set_columns_headers(
            [
                self.tr("Kandidat za komisijo"),
                self.tr("Center"),
                self.tr("Enota"),
                self.tr("Dodan"),
                self.tr("Odstranjen"),
            ]
        )
        self.cand_box.setTitle(self.tr("Kandidat (nov ali izbrani s seznama)"))
        for label, text in zip(
            self.cand_labels,
            (self.tr("Ime in priimek"), self.tr("Center in enota"), self.tr("Dodan dne")),
            strict=True,
        ):
            label.setText(text)
        self.cand_add.setText(self.tr("Dodaj kandidata"))
        self.cand_update.setText(self.tr("Shrani izbranega"))
        self.changes_label.setText(self.tr("Spremembe od"))
        self.changes_button.setText(self.tr("Izvozi spremembe (CSV) …"))
        self.coord_box.setTitle(self.tr("Nov koordinator (mandat eno leto)"))
        self.coord_labels[0].setText(self.tr("Ime in priimek"))
        self.coord_labels[1].setText(self.tr("Mandat od"))
        self.coord_button.setText(self.tr("Vpiši koordinatorja"))
        self.cand_remove.setText(self.tr("Odstrani izbranega"))
        for label, text in zip(
            self.general_labels,
            (
                self.tr("Vaše ime (za dnevnik sprememb)"),
                self.tr("R-4 čaka predolgo po (dneh)"),
                self.tr("Oblika številke sklepa"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.general_save.setText(self.tr("Shrani nastavitve (Ctrl+S)"))
        self.format_hint.setText(
            self.tr(
                "Številka sklepa: {subgroup} = podskupina, {number:03d} = zaporedna številka v letu, "
                "{year} = leto. Primer: {subgroup}-{number:03d}/{year} da 3-017/2026."
            )
        )

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.audit_tab:
            self.audit_tab.reload()

    def refresh(self) -> None:
        super().refresh()
        if self.tabs.currentWidget() is self.audit_tab:
            self.audit_tab.reload()
        from rejnistvo.store import get_setting, list_records
        from rejnistvo.ui.widgets.pickers import load_centres

        db = self.ctx.db
        self.rates_model.set_rows(list_records(db, "rates"))
        assigned = dict(
            db.execute("SELECT centre_id, subgroup_id FROM subgroup_centres").fetchall()
        )
        centres = [{**c, "subgroup_id": assigned.get(c["id"])} for c in load_centres(db)]
        self.centres_model.set_rows(centres)
        if self._centre_id is not None and not self._centre_dirty:
            # the same centre again, with its new name and units
            fresh = next((c for c in centres if c["id"] == self._centre_id), None)
            unit = self._selected_unit()
            self._select_centre(self._centre_id if fresh else None)
            if fresh is None:
                self._show_centre(None)
            elif not self._unit_dirty:
                self._show_centre(fresh)
                if unit is not None:
                    row = self.units_model.find_row("id", unit["id"])
                    if row >= 0:
                        index = self.units_proxy.mapFromSource(self.units_model.index(row, 0))
                        self.units_table.selectRow(index.row())
        elif self._centre_id is not None:
            self._select_centre(self._centre_id)
        self.cand_centre.set_centres(centres)
        self._subgroups = list_records(db, "subgroups")
        from rejnistvo.store import get_record

        self._subgroups = [get_record(db, "subgroups", s["id"]) for s in self._subgroups]
        current = self.subgroup_combo.currentData()
        self.subgroup_combo.blockSignals(True)
        self.subgroup_combo.clear()
        for s in self._subgroups:
            self.subgroup_combo.addItem(f"{s['id']} – {s['name']}", s["id"])
        self.subgroup_combo.setCurrentIndex(max(self.subgroup_combo.findData(current), 0))
        self.subgroup_combo.blockSignals(False)
        self._load_subgroup()
        if not self._general_dirty:
            self._loading_general = True
            try:
                self.user_edit.set_value(get_setting(db, "user_name") or self.ctx.user_name)
                self.waiting_spin.setValue(
                    int(get_setting(db, "waiting_days_threshold", "30") or 30)
                )
                self.number_format.set_value(
                    get_setting(db, "resolution_number_format", "{subgroup}-{number:03d}/{year}")
                )
            finally:
                self._loading_general = False

    def new_record(self) -> None:
        if self.tabs.currentIndex() == 1:
            self.new_centre()
            return
        self.tabs.setCurrentIndex(0)
        self.rate_from.setFocus()

    def open_record(self, kind: str, record_id: int) -> bool:
        if kind != "subgroup":
            return False
        if self.is_stale():
            self.refresh()
        self.tabs.setCurrentIndex(2)
        self.subgroup_combo.setCurrentIndex(max(self.subgroup_combo.findData(record_id), 0))
        return True


VIEW_CLASS = SettingsView
