"""Otroci: the children, searchable, with an editor (EMŠO fills the birth date)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFormLayout

from rejnistvo.services.row_pages import RowPages
from rejnistvo.ui.models import Column
from rejnistvo.ui.views.person_view import PersonView
from rejnistvo.ui.widgets import DateEdit, FormValidator


class ChildrenView(PersonView):
    entity = "children"
    kind = "child"

    def title(self) -> str:
        return self.tr("Otroci")

    def columns(self) -> list[Column]:
        return [
            Column("name", self.tr("Ime in priimek")),
            Column("emso", self.tr("EMŠO")),
            Column("birth_date", self.tr("Datum rojstva")),
        ]

    def search_keys(self) -> list[str]:
        return ["name", "emso"]

    def load_pages(self) -> RowPages:
        from rejnistvo.services.people import child_pages

        return child_pages(self.ctx.db)

    def display_rows(self, ids: list[int]) -> list[dict]:
        from rejnistvo.services.people import child_rows

        return child_rows(self.ctx.db, ids)

    def store(self, record: dict) -> int:
        from rejnistvo.services.people import Child, save_child

        return save_child(self.ctx.db, Child(**record), today=self.ctx.clock.today())

    def build_editor(self, form: QFormLayout) -> None:
        self.add_person_fields()
        self.birth_edit = self.register_field("birth_date", DateEdit("birth_date", self))
        self.add_centre_field()
        self.emso_edit.birth_date_found.connect(self._birth_from_emso)
        self.add_rows(form, [self.name_edit, self.emso_edit, self.birth_edit, self.centre_edit])

    def row_texts(self) -> list[str]:
        return [
            self.tr("Ime in priimek"),
            self.tr("EMŠO"),
            self.tr("Datum rojstva"),
            self.tr("Center otroka, enota"),
        ]

    def retranslate(self) -> None:
        self.set_label_texts(self.row_texts())
        super().retranslate()

    @Slot(object)
    def _birth_from_emso(self, birth: date) -> None:
        self.birth_edit.set_value(birth)

    def fill_editor(self, record: dict | None) -> None:
        r = record or {}
        self.name_edit.set_value(r.get("name"))
        self.emso_edit.set_value(r.get("emso"))
        self.birth_edit.set_value(r.get("birth_date"))
        self.centre_edit.set_value(r.get("centre_id"), r.get("unit_id"))

    def collect(self, v: FormValidator) -> dict | None:
        name = v.check(self.name_edit)
        emso = v.check(self.emso_edit)
        birth = v.check(self.birth_edit)
        centre_id, unit_id = self.centre_edit.value()
        if self.centre_edit.pending_text():
            # the box shows a typed part, not the chosen centre: nothing is saved over it
            v.add_error(self.centre_edit, self.centre_edit.pending_text())
        if v.ok and emso and birth:
            from rejnistvo.rules.emso import check_emso

            encoded = check_emso(emso, today=self.ctx.clock.today()).birth_date
            if encoded != birth:
                v.add_error(
                    self.birth_edit,
                    self.tr("Datum rojstva se ne ujema z EMŠO (ta pove {0}).").format(
                        f"{encoded.day}. {encoded.month}. {encoded.year}"
                    ),
                )
        if not v.ok:
            return None
        return {
            "name": name,
            "emso": emso,
            "birth_date": birth,
            "centre_id": centre_id,
            "unit_id": unit_id,
        }


VIEW_CLASS = ChildrenView
