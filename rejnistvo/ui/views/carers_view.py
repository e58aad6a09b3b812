"""Rejniki: the carers, searchable, with an editor (EMŠO checked as typed)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QPushButton

from rejnistvo.services.row_pages import RowPages
from rejnistvo.ui.format import format_date
from rejnistvo.ui.models import Column
from rejnistvo.ui.views.person_view import PersonView
from rejnistvo.ui.views.preview import preview_document
from rejnistvo.ui.widgets import DateEdit, FormValidator, TextEdit
from rejnistvo.ui.widgets.trainings import TrainingsEdit


class CarersView(PersonView):
    entity = "carers"
    kind = "carer"

    def title(self) -> str:
        return self.tr("Rejniki")

    def columns(self) -> list[Column]:
        return [
            Column("name", self.tr("Ime in priimek")),
            Column("emso", self.tr("EMŠO")),
            Column("address", self.tr("Naslov")),
            Column("licence_date", self.tr("Dovoljenje od")),
        ]

    def search_keys(self) -> list[str]:
        return ["name", "emso", "address"]

    def load_pages(self) -> RowPages:
        from rejnistvo.services.people import carer_pages

        return carer_pages(self.ctx.db)

    def display_rows(self, ids: list[int]) -> list[dict]:
        from rejnistvo.services.people import carer_rows

        return carer_rows(self.ctx.db, ids)

    def store(self, record: dict) -> int:
        from rejnistvo.services.people import Carer, Training, save_carer

        trainings = tuple(Training(t["date"], t.get("description")) for t in record["trainings"])
        return save_carer(
            self.ctx.db,
            Carer(**{**record, "trainings": trainings}),
            today=self.ctx.clock.today(),
        )

    def build_editor(self, form: QFormLayout) -> None:
        self.add_person_fields()
        self.birth_label = QLabel(self)
        self.address_edit = self.register_field("address", TextEdit("address", self, required=True))
        self.address_edit.required_message = self.tr(
            "Vpišite naslov rejnika (ulica, hišna številka, pošta): potreben je za R-4."
        )
        self.licence_edit = self.register_field("licence_date", DateEdit("licence_date", self))
        self.add_centre_field()
        self.email_edit = self.register_field("email", TextEdit("email", self))
        self.email_edit.add_check(_email_problem)
        # Made before the IBAN field: Tab follows the order widgets are made in, and the
        # box stands between E-pošta and IBAN on screen.
        self.electronic_box = QCheckBox(self)
        self.electronic_box.toggled.connect(self.mark_dirty)
        self.iban_edit = self.register_field("iban", TextEdit("iban", self))
        self.iban_edit.add_check(_iban_problem)
        self.trainings = TrainingsEdit(self)
        self.trainings.edited.connect(self.mark_dirty)
        # the service's refusal of a training (one dated after today) under the table
        self._fields["trainings"] = self.trainings.error_label  # type: ignore[assignment]
        # the application for a licence from what the carer's record holds
        self.r1_button = QPushButton(self)
        self.r1_button.clicked.connect(self.print_r1)
        self.emso_edit.birth_date_found.connect(self._show_birth)
        self.emso_edit.edited.connect(lambda: self.birth_label.setText(""))
        self.add_rows(
            form,
            [
                self.name_edit,
                self.emso_edit,
                self.birth_label,
                self.address_edit,
                self.licence_edit,
                self.centre_edit,
                self.email_edit,
                self.electronic_box,
                self.iban_edit,
                self.trainings,
                self.r1_button,
            ],
        )

    def row_texts(self) -> list[str]:
        return [
            self.tr("Ime in priimek"),
            self.tr("EMŠO"),
            self.tr("Datum rojstva"),
            self.tr("Naslov"),
            self.tr("Dovoljenje od"),
            self.tr("Center, enota"),
            self.tr("E-pošta"),
            "",
            self.tr("IBAN (za izplačila)"),
            self.tr("Usposabljanja"),
            self.tr("Obrazec R-1"),
        ]

    def retranslate(self) -> None:
        self.set_label_texts(self.row_texts())
        self.electronic_box.setText(self.tr("Soglaša z elektronskim vročanjem"))
        self.trainings.retranslate()
        self.r1_button.setText(self.tr("Natisni vlogo za dovoljenje (R-1) …"))
        super().retranslate()

    @Slot()
    def print_r1(self) -> None:
        """The carer's application for a licence (OBRAZEC R-1) filled from the stored
        record, in the preview; what is typed is saved first, as on R-4 and R-5."""
        if not self.save():
            return
        carer_id = self.current_id()
        if carer_id is None:
            self.ctx.bus.status_message.emit(
                self.tr("Najprej vpišite in shranite rejnika, nato natisnite njegovo vlogo R-1.")
            )
            return
        name = self.name_edit.text()

        def make() -> bytes:
            from rejnistvo.forms import render_form
            from rejnistvo.services.people import carer_r1_data

            return render_form("r1", carer_r1_data(self.ctx.db, carer_id))

        from rejnistvo.services.list_exports import file_name

        preview_document(
            self,
            make,
            self.tr("Obrazec R-1 – {0}").format(name),
            file_name("R-1", name, ext="pdf"),
            self.tr("Vloge R-1 ni mogoče natisniti"),
            kind="r1",
        )

    @Slot(object)
    def _show_birth(self, birth: date) -> None:
        self.birth_label.setText(format_date(birth))

    def fill_editor(self, record: dict | None) -> None:
        r = record or {}
        self.name_edit.set_value(r.get("name"))
        self.emso_edit.set_value(r.get("emso"))
        self.birth_label.setText("")
        if r.get("emso"):
            from rejnistvo.rules.emso import check_emso
            from rejnistvo.rules.errors import InputError

            try:
                self._show_birth(check_emso(r["emso"], today=self.ctx.clock.today()).birth_date)
            except InputError:  # an old record with a wrong EMŠO: just no date
                pass
        self.address_edit.set_value(r.get("address"))
        self.licence_edit.set_value(r.get("licence_date"))
        self.centre_edit.set_value(r.get("centre_id"), r.get("unit_id"))
        self.email_edit.set_value(r.get("email"))
        self.electronic_box.setChecked(bool(r.get("electronic_delivery")))
        self.iban_edit.set_value(format_iban(r.get("iban")))
        self.trainings.set_rows(r.get("trainings", []))

    def comparable(self, key: str, value: object) -> object:
        # the field shows the stored IBAN in groups of four
        if key == "iban" and isinstance(value, str):
            return (format_iban(value) or "").upper()
        return value

    def collect(self, v: FormValidator) -> dict | None:
        name = v.check(self.name_edit)
        emso = v.check(self.emso_edit)
        address = v.check(self.address_edit)
        licence = v.check(self.licence_edit)
        centre_id, unit_id = self.centre_edit.value()
        if self.centre_edit.pending_text():
            # the box shows a typed part, not the chosen centre: nothing is saved over it
            v.add_error(self.centre_edit, self.centre_edit.pending_text())
        elif centre_id is None:
            v.add_error(
                self.centre_edit,
                self.tr(
                    "Izberite center, ki vodi rejnika (začnite tipkati del imena centra, npr. »gorenj«)."
                ),
            )
        else:  # chosen by typing and Tab, no »activated« took the earlier reason away
            self.centre_edit.clear_error()
        email = v.check(self.email_edit)
        iban = v.check(self.iban_edit)
        trainings = self.trainings.rows(v)
        if not v.ok:
            return None
        return {
            "name": name,
            "emso": emso,
            "address": address,
            "licence_date": licence,
            "centre_id": centre_id,
            "unit_id": unit_id,
            "email": email,
            "electronic_delivery": self.electronic_box.isChecked(),
            "iban": iban or None,
            "trainings": trainings,
        }


def _iban_problem(value: str) -> str | None:
    """The red reason at the IBAN field (checked with python-stdnum, rules.iban)."""
    from rejnistvo.rules.errors import InputError
    from rejnistvo.rules.iban import check_iban

    try:
        check_iban(value, "iban")
    except InputError as error:
        return error.message
    return None


def _email_problem(value: str) -> str | None:
    """The red reason at E-pošta (the rule R-1 checks the address by, rules.email_address)."""
    from rejnistvo.rules.email_address import email_problem

    return email_problem(value.strip()) if value.strip() else None


def format_iban(value: str | None) -> str | None:
    from rejnistvo.rules.iban import format_iban as formatted

    return formatted(value) or None


VIEW_CLASS = CarersView
