"""What the carers' and children's screens share: a person with a name and an EMŠO who
belongs to a centre and unit, and an editor whose rows carry translatable labels."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from rejnistvo.ui.views.list_editor import ListEditorView
from rejnistvo.ui.widgets import EmsoEdit, TextEdit
from rejnistvo.ui.widgets.pickers import CentreUnitPicker, load_centres


class PersonView(ListEditorView):
    """Subclasses call `add_person_fields` and `add_centre_field` in `build_editor` (in
    the order the fields are shown), then `add_rows`; they give the rows' titles in
    `row_texts` and call `set_label_texts(self.row_texts())` in `retranslate`."""

    name_edit: TextEdit
    emso_edit: EmsoEdit
    centre_edit: CentreUnitPicker

    def add_person_fields(self) -> None:
        self.name_edit = self.register_field("name", TextEdit("name", self, required=True))
        self.emso_edit = self.register_field(
            "emso", EmsoEdit("emso", self, today=lambda: self.ctx.clock.today())
        )

    def add_centre_field(self) -> None:
        self.centre_edit = self.register_field("centre_id", CentreUnitPicker("centre_id", self))

    def row_texts(self) -> list[str]:
        """The rows' titles in the order of `add_rows`' widgets ("": none)."""
        raise NotImplementedError

    def add_rows(self, form: QFormLayout, widgets: list[QWidget]) -> None:
        """One row a widget, titled by `row_texts` (the form makes the titles)."""
        for row, (text, widget) in enumerate(zip(self.row_texts(), widgets, strict=True)):
            if text:
                self.titles.add_row(form, str(row), text, widget)
            else:  # a check box says what it is; its row's title is an empty label
                form.addRow(QLabel(self), widget)

    def set_label_texts(self, texts: list[str]) -> None:
        self.titles.retitle({str(row): text for row, text in enumerate(texts) if text})

    def refresh(self) -> None:
        self.centre_edit.set_centres(load_centres(self.ctx.db))
        super().refresh()

    def order_key(self) -> Callable[[dict], Any] | None:
        from rejnistvo.services.list_order import person_order

        return person_order

    # -- services -------------------------------------------------------------------
    def delete_current(self) -> None:
        """A person placements keep is refused at once, naming them: »Res želite
        izbrisati?« and a »Da« were asked first, only to be told it cannot be done."""
        from rejnistvo.services.people import person_in_use

        record_id = self.current_id()
        reason = None if record_id is None else person_in_use(self.ctx.db, self.entity, record_id)
        if reason is not None:
            self.ctx.interaction.error(self.tr("Zapis ni izbrisan"), reason)
            return
        super().delete_current()

    def remove(self, record_id: int, version: int | None) -> None:
        from rejnistvo.services.people import delete_person

        delete_person(self.ctx.db, self.entity, record_id, version)

    def confirm_store(self, record: dict) -> bool:
        """A second person with the same EMŠO is a slip more often than not: say who."""
        from rejnistvo.services.people import duplicate_emso_warning

        warning = duplicate_emso_warning(
            self.ctx.db, record.get("emso"), self.entity, record.get("id")
        )
        return warning is None or self.ctx.interaction.confirm(
            self.tr("Enak EMŠO"), warning, risky=True
        )
