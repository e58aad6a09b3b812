"""Nastavitve → Centri in enote: the 16 centres with their units and subgroup (a setting:
the minister decides). Units keep their ids when renamed; a unit still in use cannot be
deleted. Writes go through `rejnistvo.services.settings`."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.errors import InputError
from rejnistvo.ui.models import Column, RecordTableModel
from rejnistvo.ui.views.settings_common import SettingsTab, enter_presses, record_table
from rejnistvo.ui.widgets import FieldError, FormValidator, TextEdit

#: the most of a centre's name its editor's title shows (the 16 real names fit)
TITLE_CHARS = 60


class CentresTab(SettingsTab):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        page = self
        self.centres_model = RecordTableModel(
            [
                Column("code", ""),
                Column("name", ""),
                Column("seat", ""),
                Column("subgroup_id", "", align_right=True),
            ],
            self,
        )
        # The search first, as it stands above the table: Tab reaches it before the table.
        self.centres_search = QLineEdit(page)
        self.centres_table, self.centres_proxy = record_table(
            page, self.centres_model, stretch="name"
        )
        self.centres_search.setClearButtonEnabled(True)
        self.centres_search.textChanged.connect(self.centres_proxy.set_text)
        self.units_model = RecordTableModel([Column("name", "")], self)
        self.units_table, self.units_proxy = record_table(page, self.units_model)
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
        # Made in the order they stand (Shrani left of Nov), which is the Tab order.
        self.centre_save = QPushButton(page)
        self.centre_save.clicked.connect(self.save_centre)
        self.centre_new = QPushButton(page)
        self.centre_new.clicked.connect(self.new_centre)
        enter_presses(self.centre_save, self.centre_code, self.centre_name, self.centre_seat)
        centre_buttons = QHBoxLayout()
        centre_buttons.addWidget(self.centre_save)
        centre_buttons.addWidget(self.centre_new)
        centre_buttons.addStretch(1)
        centre_form.addRow("", centre_buttons)
        for field in (self.centre_code, self.centre_name, self.centre_seat):
            field.edited.connect(self._mark_centre)
        self.centre_subgroup.activated.connect(self._subgroup_picked)
        self._centre_id: int | None = None
        #: the centre as shown (None for a new one): a save of the same values writes nothing
        self._shown_centre: dict | None = None
        #: the version of the centre as shown: a save made from it after another screen
        #: changed the centre is refused (StaleRecordError), never a lost update
        self._centre_version: int | None = None
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
        # The label above its field and the buttons on two rows: in one row they made
        # the units' side ~420 px wide, and at 1024 px the centres' names beside it were
        # cut and their table scrolled sideways.
        unit_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        unit_buttons = QGridLayout()
        unit_buttons.addWidget(self.unit_add, 0, 0)
        unit_buttons.addWidget(self.unit_rename, 1, 0)
        unit_buttons.addWidget(self.unit_delete, 1, 1)
        unit_buttons.setColumnStretch(2, 1)
        unit_form.addRow(unit_buttons)
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
        row.addLayout(left, 2)  # the centres' long names; a unit's name is short
        row.addLayout(right, 1)
        layout.addLayout(row, 1)
        self._show_centre(None)

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
        self._centre_version = centre.get("version") if centre else None
        self._shown_centre = centre
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
        # A group box's title is one line that never wraps: a long name widened the whole
        # page (the units out of sight at 1024 px). Shortened here, whole in the tooltip.
        name = centre["name"] if centre else ""
        short = name if len(name) <= TITLE_CHARS else name[: TITLE_CHARS - 1].rstrip() + "…"
        self.centre_box.setTitle(
            self.tr("Center: {0}").format(short) if centre else self.tr("Nov center")
        )
        self.centre_box.setToolTip(name)

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
        self.reveal()
        self.centre_code.setFocus()

    def save_centre(self) -> bool:
        from rejnistvo.services.settings import save_centre
        from rejnistvo.store import StaleRecordError, StoreError
        from rejnistvo.ui.interaction import offers_reload

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
            self.reveal()
            v.focus_first()
            return False
        record = {"code": code, "name": name, "seat": seat, "subgroup_id": subgroup}
        shown = self._shown_centre
        if shown is not None and all(
            (shown.get(key) or None) == (value or None) for key, value in record.items()
        ):
            # typed and typed back: »… je shranjen« said a change was kept that was none
            self._centre_dirty = False
            self.ctx.bus.status_message.emit(self.tr("Ni sprememb za shranjevanje."))
            return True
        if self._centre_id is not None:
            record["id"] = self._centre_id
            if self._centre_version is not None:
                record["version"] = self._centre_version
        from rejnistvo.store import get_setting

        payer = get_setting(self.ctx.db, "centre_name")
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
        except StaleRecordError as exc:
            if offers_reload(self.ctx.interaction, self.tr("Center ni shranjen"), exc.message):
                self._centre_dirty = False
                self.refresh()
            return False
        except StoreError as exc:
            self.ctx.interaction.error(self.tr("Center ni shranjen"), exc.message)
            return False
        self._centre_dirty = False
        self._centre_id = centre_id
        self._shown_centre = {**record, "id": centre_id}
        self.ctx.bus.records_changed.emit("centre")
        message = self.tr("Center »{0}« je shranjen.").format(name)
        if get_setting(self.ctx.db, "centre_name") != payer:
            # the payer of the SEPA file was this centre's old name; short enough to be
            # read whole beside »Baza: …« at 1024 px
            self.ctx.bus.records_changed.emit("settings")
            message = self.tr("Center »{0}« je shranjen in z njim ime plačnika SEPA (Splošno).")
            message = message.format(name)
        self.ctx.bus.status_message.emit(message)
        self.changed()
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
        self.changed()
        row = self.units_model.find_row("id", unit_id)
        if row >= 0:
            self.units_table.selectRow(
                self.units_proxy.mapFromSource(self.units_model.index(row, 0)).row()
            )
        return True

    def add_unit(self) -> bool:
        from rejnistvo.services.settings import save_unit
        from rejnistvo.store import StoreError

        ok, name = self.unit_name.check()
        if not ok or self._centre_id is None:
            return False
        try:
            unit_id = save_unit(self.ctx.db, self._centre_id, name)
        except (InputError, StoreError) as exc:
            return self._unit_failed(exc)
        return self._unit_saved(unit_id, self.tr("Enota »{0}« je dodana.").format(name))

    def rename_unit(self) -> bool:
        from rejnistvo.services.settings import save_unit
        from rejnistvo.store import StoreError

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
        from rejnistvo.services.settings import delete_unit
        from rejnistvo.store import StoreError

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
        self.changed()
        return True

    # -- contract ------------------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        return self._centre_dirty

    def refresh(self) -> None:
        from rejnistvo.services.settings import centres_with_subgroups

        centres = centres_with_subgroups(self.ctx.db)
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

    def retranslate(self) -> None:
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
        self.centres_search.setPlaceholderText(self.tr("Išči center (Ctrl+F) …"))
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
