"""Nastavitve → Splošno: the user's name (for the log), the R-4 waiting limit, the
resolution number format, and the centre's name and IBAN for the SEPA payment file.
Checked and saved by `rejnistvo.services.settings` (IBAN with python-stdnum); each
refusal is shown in red at its field, and nothing typed is lost."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.errors import InputError
from rejnistvo.ui.views.settings_common import SettingsTab, enter_presses
from rejnistvo.ui.widgets import FormValidator, TextEdit


def _iban_reason(value: str) -> str | None:
    """The reason an IBAN is wrong, checked as the rules check it (python-stdnum)."""
    from rejnistvo.rules.iban import check_iban

    try:
        check_iban(value, "centre_iban")
    except InputError as error:
        return error.message
    return None


def _waiting_days(text: str) -> str | None:
    """The reason a typed number of days is wrong (a spin box dropped it unexplained)."""
    from rejnistvo.services.settings import MAX_WAITING_DAYS

    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_WAITING_DAYS:
        return (
            f"»{text}« ni dovoljeno število dni. Vpišite celo število od 1 do "
            f"{MAX_WAITING_DAYS}, npr. 30."
        )
    return None


class GeneralTab(SettingsTab):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dirty = False
        self._loading = False
        self.user_edit = TextEdit("user_name", self, required=True)
        self.waiting_days = TextEdit("waiting_days_threshold", self, required=True)
        self.waiting_days.add_check(_waiting_days)
        self.waiting_days.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.waiting_days.edit.setMaximumWidth(80)
        self.number_format = TextEdit("resolution_number_format", self, required=True)
        self.centre_name = TextEdit("centre_name", self)
        # The payer is one of the centres of Centri in enote (where the carers, children
        # and placements are): offered while typing (»kor«), a name of none noted below.
        self._centre_names: list[str] = []
        self.centre_list = QStringListModel(self)
        completer = QCompleter(self.centre_list, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self._centre_picked)
        self.centre_name.edit.setCompleter(completer)
        self.payer_note = QLabel(self)
        self.payer_note.setObjectName("payerNote")
        self.payer_note.setWordWrap(True)
        self.payer_note.hide()
        # said once the name is typed (each letter of »kor« is no centre's name yet)
        self.centre_name.edited.connect(self.payer_note.hide)
        self.centre_name.edit.editingFinished.connect(self._show_payer_note)
        self.centre_iban = TextEdit("centre_iban", self)
        self.centre_iban.add_check(_iban_reason)
        self.fields = {
            "user_name": self.user_edit,
            "waiting_days_threshold": self.waiting_days,
            "resolution_number_format": self.number_format,
            "centre_name": self.centre_name,
            "centre_iban": self.centre_iban,
        }
        self.labels = [QLabel(self) for _ in range(5)]
        form = QFormLayout()
        widgets = (
            self.user_edit,
            self.waiting_days,
            self.number_format,
            self.centre_name,
            self.centre_iban,
        )
        for label, w in zip(self.labels, widgets, strict=True):
            if w is self.centre_name:
                box = QVBoxLayout()
                box.addWidget(w)
                box.addWidget(self.payer_note)
                form.addRow(label, box)
            else:
                form.addRow(label, w)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save)
        form.addRow("", self.save_button)
        # as Ctrl+S does; not the Enter that took a centre offered while typing (Qt
        # passes that one on to the field): the clerk sees the name first
        enter_presses(
            self.save_button, *(f for f in self.fields.values() if f is not self.centre_name)
        )
        self.centre_name.edit.returnPressed.connect(self._enter_in_centre_name)
        self.format_hint = QLabel(self)
        self.format_hint.setWordWrap(True)
        for field in self.fields.values():
            field.edited.connect(self.mark)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.format_hint)
        layout.addStretch(1)

    def mark(self, *_args) -> None:
        if not self._loading:
            self.dirty = True

    def _centre_picked(self, name: str) -> None:
        self.centre_name.edit.setText(name)  # Qt's popup has put it there already
        self.mark()
        self._show_payer_note()

    def _enter_in_centre_name(self) -> None:
        # Qt passes the popup's Enter on to the field while the popup is still up
        if not self.centre_name.edit.completer().popup().isVisible():
            if self.save_button.isEnabled():
                self.save_button.click()

    def _show_payer_note(self, *_args) -> None:
        """Under the payer's name, when it is none of the centres: which one was meant."""
        from rejnistvo.services.settings import payer_note

        note = payer_note(self.centre_name.text(), self._centre_names)
        self.payer_note.setText(note or "")
        self.payer_note.setVisible(bool(note))

    def save(self) -> bool:
        """Save when something changed; False with the reason at the field otherwise."""
        from rejnistvo.services.settings import (
            GeneralSettings,
            load_general,
            number_format_from_user,
            save_general,
        )
        from rejnistvo.store import StoreError

        if not self.dirty:
            return True
        before = load_general(self.ctx.db, self.ctx.user_name)
        v = FormValidator()
        values = {key: v.check(field) for key, field in self.fields.items()}
        if not v.ok:
            self.reveal()
            v.focus_first()
            return False
        from rejnistvo.store.audit import set_acting_user

        # the save is logged under the name it saves: the first one, with »Vaše ime« and
        # the centre's IBAN typed together, read »root« in Dnevnik sprememb (QA65)
        saved = None
        set_acting_user(self.ctx.db, values["user_name"] or self.ctx.user_name)
        try:
            saved = save_general(
                self.ctx.db,
                GeneralSettings(
                    user_name=values["user_name"],
                    waiting_days=int(values["waiting_days_threshold"]),
                    resolution_number_format=number_format_from_user(
                        values["resolution_number_format"]
                    ),
                    centre_name=values["centre_name"] or "",
                    centre_iban=values["centre_iban"] or "",
                ),
            )
        except InputError as error:
            field = self.fields.get(error.field)
            if field is None:
                self.ctx.interaction.error(self.tr("Nastavitve niso shranjene"), error.message)
            else:
                self.reveal()
                field.show_error(error.message)
                field.setFocus()
            return False
        except StoreError as error:
            self.ctx.interaction.error(self.tr("Nastavitve niso shranjene"), error.message)
            return False
        finally:
            if saved is None:  # refused: later changes keep the name of before
                set_acting_user(self.ctx.db, self.ctx.user_name)
        self.ctx.user_name = saved.user_name
        self.dirty = False
        self.refresh()
        self.ctx.bus.records_changed.emit("settings")
        if saved == before:  # typed and typed back: nothing was written
            self.ctx.bus.status_message.emit(self.tr("Ni sprememb za shranjevanje."))
        else:
            self.ctx.bus.status_message.emit(self.tr("Nastavitve so shranjene."))
        return True

    # -- contract ------------------------------------------------------------------------
    def refresh(self) -> None:
        from rejnistvo.rules.iban import format_iban
        from rejnistvo.services.settings import (
            centre_names,
            load_general,
            number_format_for_user,
        )

        self._centre_names = centre_names(self.ctx.db)  # a centre added or renamed
        self.centre_list.setStringList(self._centre_names)
        if self.dirty:
            self._show_payer_note()
            return  # what the user typed stays until saved or discarded
        settings = load_general(self.ctx.db, self.ctx.user_name)
        self._loading = True
        try:
            self.user_edit.set_value(settings.user_name)
            self.waiting_days.set_value(str(settings.waiting_days))
            self.number_format.set_value(number_format_for_user(settings.resolution_number_format))
            self.centre_name.set_value(settings.centre_name)
            self.centre_iban.set_value(format_iban(settings.centre_iban))
        finally:
            self._loading = False
        self._show_payer_note()

    def retranslate(self) -> None:
        for label, text in zip(
            self.labels,
            (
                self.tr("Vaše ime (za dnevnik sprememb)"),
                self.tr("R-4 čaka predolgo po (dneh)"),
                self.tr("Oblika številke sklepa"),
                self.tr("Ime centra (plačnik v datoteki SEPA)"),
                self.tr("IBAN centra"),
            ),
            strict=True,
        ):
            label.setText(text)
        from rejnistvo.rules.iban import EXAMPLE

        self.centre_iban.edit.setPlaceholderText(self.tr("npr. {0}").format(EXAMPLE))
        self.save_button.setText(self.tr("Shrani nastavitve (Ctrl+S)"))
        self.format_hint.setText(
            self.tr(
                "Številka sklepa: [podskupina] = podskupina, [št] = zaporedna številka v letu s "
                "tremi števkami, [zaporedna] = ista brez ničel spredaj, [leto] = leto. "
                "Primer: [podskupina]-[št]/[leto] da 3-017/2026."
            )
        )
