"""Nastavitve → Podskupine in kandidati: each subgroup's centres, its coordinator (one-year
term, čl. 7/3) and the list of candidates for the commissions, with the changes since a
date exported for the ministry. Writes go through `rejnistvo.services.settings`."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.errors import InputError
from rejnistvo.ui.interaction import error_message
from rejnistvo.ui.models import Column, RecordTableModel
from rejnistvo.ui.views.settings_common import SettingsTab, record_table
from rejnistvo.ui.widgets import DateEdit, FormValidator, TextEdit
from rejnistvo.ui.widgets.beside_or_above import BesideOrAbove
from rejnistvo.ui.widgets.pickers import CentreUnitPicker


class SubgroupsTab(SettingsTab):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        page = self
        self._centres: list[dict] = []
        self._subgroups: list[dict] = []
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
        self.candidates_table, self.candidates_proxy = record_table(
            page, self.candidates_model, stretch="centre"
        )
        self.candidates_table.selectionModel().currentRowChanged.connect(self._candidate_selected)
        self.cand_box = QGroupBox(page)
        self.cand_name = TextEdit("name", page, required=True)
        # The unit decides the commission warning "member works in the proposing unit".
        self.cand_centre = CentreUnitPicker("centre_id", page)
        self.cand_added = DateEdit("added_on", page, required=True)
        self.cand_added.set_value(ctx.clock.today())
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
        self.cand_remove.setEnabled(False)  # until a listed candidate is chosen
        buttons = QHBoxLayout()
        buttons.addWidget(self.cand_add)
        buttons.addWidget(self.cand_update)
        buttons.addWidget(self.cand_remove)
        buttons.addStretch(1)
        form.addRow("", buttons)
        self.changes_since = DateEdit("since", page, required=True)
        self.changes_since.set_value(date(ctx.clock.today().year, 1, 1))
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
        # beside each other while both fit, else the coordinator's under the candidate's
        self.lower = BesideOrAbove(self.cand_box, self.coord_box, (3, 2), page)
        layout.addWidget(self.lower)

    def export_candidate_changes(self) -> bool:
        from rejnistvo.register.candidates import candidate_changes, write_candidate_changes_csv

        subgroup = self.subgroup_combo.currentData()
        from rejnistvo.ui.interaction import ask_save_file

        ok, since = self.changes_since.check()
        if not ok or subgroup is None:
            self.changes_since.setFocus()
            return False
        # In the folder of the last export (else Documents), as every export is offered;
        # a bare name opened the dialog in the program's working folder.
        path = ask_save_file(
            self.ctx,
            "export",
            f"kandidati podskupina {subgroup} od {since.isoformat()}.csv",
            self.tr("Spremembe seznama kandidatov"),
            self.tr("CSV (*.csv)"),
        )
        if path is None:
            return False
        try:
            write_candidate_changes_csv(candidate_changes(self.ctx.db, subgroup, since), path)
        except (InputError, OSError) as exc:
            self.ctx.interaction.error(self.tr("Spremembe niso izvožene"), error_message(exc))
            return False
        self.ctx.bus.status_message.emit(self.tr("Spremembe so shranjene v {0}.").format(path))
        return True

    def elect_coordinator(self) -> bool:
        from rejnistvo.services.settings import elect_coordinator
        from rejnistvo.store import StoreError

        v = FormValidator()
        name = v.check(self.coord_name)
        start = v.check(self.coord_from)
        subgroup = self.subgroup_combo.currentData()
        if not v.ok or subgroup is None:
            v.focus_first()  # the keyboard at the reason, as on every other form
            return False
        try:
            elect_coordinator(self.ctx.db, subgroup, name, start)
        except (InputError, StoreError) as exc:
            self.ctx.interaction.error(self.tr("Koordinator ni vpisan"), exc.message)
            return False
        self.coord_name.set_value(None)
        self.ctx.bus.records_changed.emit("coordinator")
        self._load_subgroup()
        return True

    def _load_subgroup(self) -> None:
        from rejnistvo.services.settings import candidates_of, current_coordinator

        subgroup = self.subgroup_combo.currentData()
        if subgroup is None:
            return
        db = self.ctx.db
        names = {c["id"]: c["name"] for c in self._centres}
        unit_names = {u["id"]: u["name"] for c in self._centres for u in c["units"]}
        candidates = [
            {
                **c,
                "centre": names.get(c.get("centre_id"), ""),
                "unit": unit_names.get(c.get("unit_id"), ""),
            }
            for c in candidates_of(db, subgroup)
        ]
        self.candidates_model.set_rows(candidates)
        self._candidate_selected(self.candidates_table.currentIndex(), None)
        c = current_coordinator(db, subgroup)
        if c is not None:
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
        # Only a candidate still on the list can be removed (a press did nothing, unsaid).
        chosen = self.candidates_proxy.row_record(current.row()) if current.isValid() else None
        self.cand_remove.setEnabled(bool(chosen) and not chosen.get("removed_on"))
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
        if self.cand_centre.pending_text():
            # the box shows a typed part, not the chosen centre: nothing is saved over it
            v.add_error(self.cand_centre, self.cand_centre.pending_text())
        if not v.ok or self.subgroup_combo.currentData() is None:
            v.focus_first()
            return None
        centre_id, unit_id = self.cand_centre.value()
        return {"name": name, "centre_id": centre_id, "unit_id": unit_id, "added_on": added}

    def add_candidate(self) -> bool:
        from rejnistvo.services.settings import add_candidate
        from rejnistvo.store import StoreError

        record = self._candidate_record()
        if record is None:
            return False
        try:
            add_candidate(
                self.ctx.db, self.subgroup_combo.currentData(), record, self.ctx.clock.today()
            )
        except InputError as exc:
            return self._candidate_refused(exc, self.tr("Kandidat ni dodan"))
        except StoreError as exc:
            self.ctx.interaction.error(self.tr("Kandidat ni dodan"), exc.message)
            return False
        self.cand_name.set_value(None)
        self.ctx.bus.records_changed.emit("candidate")
        self._load_subgroup()
        return True

    def _candidate_refused(self, error: InputError, title: str) -> bool:
        """The reason at its field (name, centre and unit, day added); typed text stays."""
        field = {
            "name": self.cand_name,
            "centre_id": self.cand_centre,
            "added_on": self.cand_added,
        }.get(error.field)
        if field is None:
            self.ctx.interaction.error(title, error.message)
        else:
            field.show_error(error.message)
            field.setFocus()
        return False

    def update_candidate(self) -> bool:
        """Correct the selected candidate's name, centre and unit (the date added stays)."""
        from rejnistvo.services.settings import update_candidate
        from rejnistvo.store import StaleRecordError, StoreError

        index = self.candidates_table.currentIndex()
        if not index.isValid():
            return False
        cand = self.candidates_proxy.row_record(index.row())
        record = self._candidate_record()
        if record is None:
            return False
        record.pop("added_on")
        try:
            update_candidate(self.ctx.db, cand["id"], record, cand.get("version"))
        except InputError as exc:
            return self._candidate_refused(exc, self.tr("Kandidat ni shranjen"))
        except StoreError as exc:
            self.ctx.interaction.error(self.tr("Kandidat ni shranjen"), exc.message)
            if isinstance(exc, StaleRecordError):
                self._load_subgroup()  # the list as stored now; what was typed stays
            return False
        self.cand_name.set_value(None)
        self.ctx.bus.records_changed.emit("candidate")
        self.ctx.bus.status_message.emit(
            self.tr("Kandidat »{0}« je shranjen.").format(record["name"])
        )
        self._load_subgroup()
        return True

    def remove_candidate(self) -> None:
        from rejnistvo.services.settings import remove_candidate
        from rejnistvo.store import StoreError

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
            remove_candidate(self.ctx.db, cand["id"], self.ctx.clock.today())
        except (InputError, StoreError) as exc:
            self.ctx.interaction.error(self.tr("Kandidat ni odstranjen"), exc.message)
            return
        self.ctx.bus.records_changed.emit("candidate")
        self._load_subgroup()

    # -- contract ------------------------------------------------------------------------
    def refresh(self) -> None:
        from rejnistvo.services.settings import centres_with_subgroups, subgroups_with_centres

        db = self.ctx.db
        self._centres = centres_with_subgroups(db)
        self.cand_centre.set_centres(self._centres)
        self._subgroups = subgroups_with_centres(db)
        current = self.subgroup_combo.currentData()
        self.subgroup_combo.blockSignals(True)
        self.subgroup_combo.clear()
        for s in self._subgroups:
            self.subgroup_combo.addItem(f"{s['id']} – {s['name']}", s["id"])
        self.subgroup_combo.setCurrentIndex(max(self.subgroup_combo.findData(current), 0))
        self.subgroup_combo.blockSignals(False)
        self._load_subgroup()

    def show_subgroup(self, subgroup_id: int) -> None:
        self.subgroup_combo.setCurrentIndex(max(self.subgroup_combo.findData(subgroup_id), 0))

    def retranslate(self) -> None:
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
