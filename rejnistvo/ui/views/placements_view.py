"""Namestitve: child × carer × the periods of the contract and its annexes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QWidget

# Imported with the screen (preloaded after the first paint, its data classes' code kept
# with the screens' code), not at its first opening: the one-off panel reads its kinds
# through rules.one_off (its catalogue's path from resources), the list's first order key
# is list_order's (~5 ms at the opening).
import rejnistvo.resources  # noqa: F401
import rejnistvo.rules.one_off  # noqa: F401
import rejnistvo.services.list_order  # noqa: F401
from rejnistvo.rules.errors import InputError
from rejnistvo.services.placements import OPEN_END, Placement, PlacementPeriod
from rejnistvo.services.row_pages import RowPages
from rejnistvo.ui.format import format_date
from rejnistvo.ui.models import Column
from rejnistvo.ui.views.list_editor import ListEditorView
from rejnistvo.ui.widgets import FormValidator, TextEdit
from rejnistvo.ui.widgets.fields import reveal
from rejnistvo.ui.widgets.one_off_panel import OneOffPanel
from rejnistvo.ui.widgets.periods_table import PeriodsTable
from rejnistvo.ui.widgets.pickers import CentreField, RecordPicker, ShareEdit, load_centres


class PlacementsView(ListEditorView):
    entity = "placements"
    kind = "placement"
    #: the placement's buttons stand above its one-off payments (saved apart)
    BUTTONS_IN_SIGHT = False

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        self._narrowed = False
        super().__init__(ctx, parent)
        editor_layout = self.heading.parentWidget().layout()
        editor_layout.insertWidget(editor_layout.count() - 1, self.one_off)
        # Tab as the eye reads: the placement's buttons before the one-off payments under
        # them (made earlier, the panel came between the periods and »Shrani«)
        previous = self.btn_new.previousInFocusChain()
        while (
            self.one_off.isAncestorOf(previous)
            or previous.focusPolicy() == Qt.FocusPolicy.NoFocus  # Qt orders focusable ones
        ):
            previous = previous.previousInFocusChain()
        for button in (self.btn_new, self.btn_save, self.btn_discard, self.btn_delete):
            QWidget.setTabOrder(previous, button)
            previous = button
        # The last column is a yes/no: it must not take the room that is left.
        self.table.horizontalHeader().setStretchLastSection(False)
        if self.ctx.settings.value(f"splitters/{self.splitter.objectName()}") is None:
            self.splitter.setSizes([640, 500])  # room for the dates beside the names

    def title(self) -> str:
        return self.tr("Namestitve")

    def columns(self) -> list[Column]:
        return [
            Column("contract_no", self.tr("Pogodba")),
            Column("carer_name", self.tr("Rejnik")),
            Column("child_name", self.tr("Otrok")),
            Column("first_from", self.tr("Od"), format_date),
            Column("last_to", self.tr("Do"), self._format_end),
            Column(
                "part_time",
                # two short lines keep the column as narrow as its "da"
                self.tr("Le vikendi/\npočitnice"),
                lambda v: self.tr("da") if v else "",
            ),
        ]

    def _format_end(self, value: date) -> str:
        return self.tr("odprto") if value == OPEN_END else format_date(value)

    def order_key(self) -> Callable[[dict], Any] | None:
        from rejnistvo.services.list_order import placement_order

        return placement_order

    def load_pages(self) -> RowPages:
        """The placements with their first start and last end, by the carer's surname."""
        from rejnistvo.services.placements import placement_pages

        return placement_pages(self.ctx.db)

    def display_rows(self, ids: list[int]) -> list[dict]:
        from rejnistvo.services.placements import placement_rows

        return placement_rows(self.ctx.db, ids)

    def store(self, record: dict) -> int:
        from rejnistvo.services.placements import save_placement

        return save_placement(self.ctx.db, _placement(record))

    def confirm_store(self, record: dict) -> bool:
        """The child already placed on some of these days: the payment run would pay both
        placements (QA14), so the save is asked about; refused, the reason stays at the
        periods with what was typed."""
        from rejnistvo.services.placements import child_placed_elsewhere

        if not self._contract_confirmed(record):
            return False
        clash = child_placed_elsewhere(self.ctx.db, _placement(record))
        if clash is None or self.ctx.interaction.confirm(
            self.tr("Otrok je že nameščen"),
            clash
            + " "
            + self.tr(
                "Izplačilo bi za iste dni plačalo obe namestitvi. Shranim namestitev kljub temu?"
            ),
            risky=True,
        ):
            return True
        self.periods.show_error(
            clash
            + " "
            + self.tr("Prejšnji namestitvi vpišite konec v »Do« ali popravite obdobje te.")
        )
        reveal(self.periods)
        return False

    def _contract_confirmed(self, record: dict) -> bool:
        """A contract number another placement has is asked about (a number copied from
        a sibling's placement); refused, the reason stays at Št. pogodbe."""
        from rejnistvo.services.placements import contract_taken
        from rejnistvo.ui.views.taken_number import taken_number_confirmed

        return taken_number_confirmed(
            self,
            self.contract_edit,
            self.tr("Ista številka pogodbe"),
            contract_taken(self.ctx.db, _placement(record)),
            self.tr(
                "Vsaka namestitev ima svojo pogodbo; ista številka bi bila na izplačilih "
                "in nakazilih obeh. Shranim namestitev kljub temu?"
            ),
            self.tr("Vpišite številko pogodbe te namestitve."),
        )

    def delete_current(self) -> None:
        """A placement something holds (a closed month's payment, an R-4 case, a board
        increase, a one-off payment) is refused at once, saying what: »Res želite
        izbrisati?« and a »Da« were asked first, only to be told it cannot be done."""
        from rejnistvo.services.placements import placement_in_use

        record_id = self.current_id()
        reason = None if record_id is None else placement_in_use(self.ctx.db, record_id)
        if reason is not None:
            self.ctx.interaction.error(self.tr("Zapis ni izbrisan"), reason)
            return
        super().delete_current()

    def remove(self, record_id: int, version: int | None) -> None:
        from rejnistvo.services.placements import delete_placement

        delete_placement(self.ctx.db, record_id, version)

    def search_keys(self) -> list[str]:
        return ["contract_no", "carer_name", "child_name"]

    def record_heading(self, record: dict | None) -> str:
        if not record:
            return self.tr("Nova namestitev")
        return self.tr("Namestitev {0}").format(record.get("contract_no") or "")

    def build_editor(self, form: QFormLayout) -> None:
        self.contract_edit = self.register_field(
            "contract_no", TextEdit("contract_no", self, required=True)
        )
        self.carer_edit = self.register_field(
            "carer_id", RecordPicker("carer_id", self, required=True)
        )
        self.child_edit = self.register_field(
            "child_id", RecordPicker("child_id", self, required=True)
        )
        self.carer_centre = self.register_field(
            "carer_centre_id", CentreField("carer_centre_id", self, required=True)
        )
        self.child_centre = self.register_field(
            "child_centre_id", CentreField("child_centre_id", self, required=True)
        )
        # Searched as one types (the first matches), never 35,000 names in completers.
        for picker, entity in ((self.carer_edit, "carers"), (self.child_edit, "children")):
            picker.set_search(self._chooser(entity), self._labeller(entity))
        # The centres follow the chosen carer and child (a clerk rarely needs others).
        self.carer_edit.picked.connect(self._prefill_centres)
        self.child_edit.picked.connect(self._prefill_centres)
        # as soon as the typed name is one on the list (a popup may hold the focus)
        self.carer_edit.edited.connect(self._prefill_centres)
        self.child_edit.edited.connect(self._prefill_centres)
        self.part_time_box = QCheckBox(self)
        self.part_time_box.toggled.connect(self.mark_dirty)
        self.part_time_box.toggled.connect(self._part_time_changed)
        self.share_edit = self.register_field("fee_share", ShareEdit("fee_share", self))
        self.note_edit = self.register_field("note", TextEdit("note", self))
        self.periods = PeriodsTable(self)
        self.periods.edited.connect(self.mark_dirty)
        # the service's refusal of the periods (e.g. two sharing a day) under the table
        self._fields["periods"] = self.periods  # type: ignore[assignment]
        titles = self._row_titles()
        rows = [
            ("contract_no", self.contract_edit),
            ("carer", self.carer_edit),
            ("child", self.child_edit),
            ("carer_centre", self.carer_centre),
            ("child_centre", self.child_centre),
            ("", self.part_time_box),
            ("fee_share", self.share_edit),
            ("note", self.note_edit),
            ("periods", self.periods),
        ]
        for key, widget in rows:
            if key:
                self.titles.add_row(form, key, titles[key], widget)
            else:  # the check box says what it is; its row's title is an empty label
                form.addRow(QLabel(self), widget)
        # One-off payments (SPEC 3.1) are stored on their own, each add or delete at once,
        # so they never make the placement itself "unsaved"; placed under the placement's
        # buttons in __init__, so those buttons read as the placement's.
        self.one_off = OneOffPanel(self.ctx, self)
        self.one_off.changed.connect(self._one_off_changed)
        self._part_time_changed(False)

    def _row_titles(self) -> dict[str, str]:
        """The titles of the editor's rows by key (``self.titles``)."""
        return {
            "contract_no": self.tr("Št. pogodbe"),
            "carer": self.tr("Rejnik"),
            "child": self.tr("Otrok"),
            "carer_centre": self.tr("Center rejnika"),
            "child_centre": self.tr("Center otroka"),
            "fee_share": self.tr("Delež plačila dela"),
            "note": self.tr("Opomba"),
            "periods": self.tr("Obdobja"),
        }

    def retranslate(self) -> None:
        self.titles.retitle(self._row_titles())
        self.part_time_box.setText(self.tr("Le ob vikendih, praznikih in šolskih počitnicah"))
        self.share_edit.edit.setPlaceholderText(self.tr("npr. 40 % (iz pogodbe)"))
        self.share_edit.required_message = self.tr(
            "Polje je obvezno, če je otrok nameščen le ob vikendih, praznikih in počitnicah: "
            "vpišite delež plačila dela iz pogodbe, npr. 40 %."
        )
        self.carer_centre.required_message = self.tr(
            "Izberite center rejnika (predlog R-4 gre v njegovo podskupino); izpolni se "
            "sam, ko ima rejnik vpisan center."
        )
        self.child_centre.required_message = self.tr(
            "Izberite center otroka; izpolni se sam, ko ima otrok vpisan center."
        )
        self.carer_edit.not_found_message = self.tr(
            "Izberite rejnika s seznama (začnite tipkati ime)."
        )
        self.child_edit.not_found_message = self.tr(
            "Izberite otroka s seznama (začnite tipkati ime)."
        )
        self.periods.retranslate()
        self.one_off.retranslate()
        super().retranslate()

    @Slot(bool)
    def _part_time_changed(self, on: bool) -> None:
        self.share_edit.setEnabled(on)
        self.share_edit.required = on

    def _chooser(self, entity: str):
        def search(text: str) -> list[tuple[int, str]]:
            from rejnistvo.services.people import person_choices

            return person_choices(self.ctx.db, entity, text)

        return search

    def _labeller(self, entity: str):
        def label(record_id: int) -> str | None:
            from rejnistvo.services.people import person_label

            return person_label(self.ctx.db, entity, record_id)

        return label

    def refresh(self) -> None:
        centres = load_centres(self.ctx.db)
        for field in (self.carer_centre, self.child_centre):
            field.set_centres(centres)
        super().refresh()
        self.one_off.reload()
        self._narrow_part_time()

    def _narrow_part_time(self) -> None:
        """Once the columns are fitted: the yes/no column as wide as its header's line,
        the dates as wide as the widest date."""
        if self._narrowed or not self.model.rowCount():
            return
        self._narrowed = True
        column = self.model.column_index("part_time")
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        header.resizeSection(column, metrics.horizontalAdvance(self.tr("Le vikendi/")) + 40)
        # the fit saw only the first placements: all open ones left »Do« as wide as
        # »odprto«, and each later end date was cut to »20. 5.…« (QA14)
        widest = metrics.horizontalAdvance("30. 12. 2026") + 16
        for key in ("first_from", "last_to"):
            column = self.model.column_index(key)
            header.resizeSection(column, max(header.sectionSize(column), widest))

    def fill_editor(self, record: dict | None) -> None:
        r = record or {}
        self.contract_edit.set_value(r.get("contract_no"))
        self.carer_edit.set_value(r.get("carer_id"), r.get("carer_name"))
        self.child_edit.set_value(r.get("child_id"), r.get("child_name"))
        self.carer_centre.set_value(r.get("carer_centre_id"))
        self.child_centre.set_value(r.get("child_centre_id"))
        self.part_time_box.setChecked(bool(r.get("part_time")))
        self._part_time_changed(bool(r.get("part_time")))
        self.share_edit.set_value(r.get("fee_share"))
        self.note_edit.set_value(r.get("note"))
        self.periods.set_rows(r.get("periods", []))
        self.one_off.set_placement(record)

    def relabel(self, stored: dict) -> None:
        """The carer and child still chosen as stored, named as they are now (renamed on
        Rejniki or Otroci while this placement holds edits)."""
        for picker, key in ((self.carer_edit, "carer_id"), (self.child_edit, "child_id")):
            try:
                chosen = picker.value()
            except InputError:
                continue  # a name being typed stays
            if chosen is not None and chosen == stored.get(key):
                picker.set_value(chosen)

    @Slot()
    @Slot(object)
    def _prefill_centres(self, *_args: object) -> None:
        """An empty centre takes the chosen carer's (child's) centre."""
        from rejnistvo.services.placements import placement_centres

        if self._loading:
            return
        try:
            carer_id = self.carer_edit.value()
        except InputError:
            carer_id = None
        try:
            child_id = self.child_edit.value()
        except InputError:
            child_id = None
        carer_centre, child_centre = placement_centres(self.ctx.db, carer_id, child_id)
        for field, centre in ((self.carer_centre, carer_centre), (self.child_centre, child_centre)):
            if centre is not None and field.combo.currentData() is None:
                field.set_value(centre)
                self.mark_dirty()

    @Slot()
    def _one_off_changed(self) -> None:
        """Tell the other views (the audit log, for one) without reloading this list."""
        self._announcing = True
        try:
            self.ctx.bus.records_changed.emit("one_off_payment")
        finally:
            self._announcing = False

    @Slot()
    def save(self) -> bool:
        stored = super().save()
        if stored and self.current_id() is not None:
            # A new placement can now have one-off payments; a changed carer is theirs.
            self.one_off.set_placement(self.load_record(self.current_id()), keep_form=True)
        return stored

    def collect(self, v: FormValidator) -> dict | None:
        contract = v.check(self.contract_edit)
        carer_id = v.check(self.carer_edit)
        child_id = v.check(self.child_edit)
        carer_centre = v.check(self.carer_centre)
        child_centre = v.check(self.child_centre)
        part_time = self.part_time_box.isChecked()
        share = v.check(self.share_edit) if part_time else None
        note = v.check(self.note_edit)
        periods = self.periods.rows(v)
        if not v.ok:
            return None
        return {
            "contract_no": contract,
            "carer_id": carer_id,
            "child_id": child_id,
            "carer_centre_id": carer_centre,
            "child_centre_id": child_centre,
            "part_time": part_time,
            "fee_share": share,
            "note": note,
            "periods": periods,
        }


def _placement(record: dict) -> Placement:
    periods = tuple(PlacementPeriod(**p) for p in record["periods"])
    return Placement(**{**record, "periods": periods})


VIEW_CLASS = PlacementsView
