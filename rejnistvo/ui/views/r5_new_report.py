"""»Zahtevaj novo poročilo …«: the day by which the carer is to report again (čl. 28/3,
»ne glede na morebitno predhodno poročanje«). Widgets only: the checks and the move of
the received report are the service's (``services.r5_requests``); its refusal is shown at
the field and the dialog stays open with what was typed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from rejnistvo.ui.format import format_date
from rejnistvo.ui.widgets import DateEdit, FormValidator

#: asks the service; returns its refusal (None: done)
Submit = Callable[[date], str | None]


class NewReportDialog(QDialog):
    def __init__(
        self, report_date: date, offered: date | None, submit: Submit, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle(self.tr("Zahteva za novo poročilo R-5"))
        self.explanation = QLabel(
            self.tr(
                "Center otroka lahko kadarkoli, ne glede na predhodno poročanje, zahteva "
                "pisno poročilo o namenskosti porabe (28. člen, 3. odstavek). Poročilo z dne "
                "{0} se shrani med prejšnja poročila in ga lahko natisnete; ugotovitev in "
                "vračilo ostaneta, dokler ju na novo poročilo ne popravite."
            ).format(format_date(report_date)),
            self,
        )
        self.explanation.setWordWrap(True)
        self.due_edit = DateEdit("new_report_due", self, required=True)
        self.due_edit.required_message = self.tr(
            "Vpišite dan, do katerega naj rejnik poroča, npr. »14. 8. 2026«."
        )
        self.due_edit.set_value(offered)
        form = QFormLayout()
        self.due_label = QLabel(self.tr("Novo poročilo do:"), self)
        self.due_label.setBuddy(self.due_edit.edit)
        form.addRow(self.due_label, self.due_edit)
        self.buttons = QDialogButtonBox(self)
        self.ask_button = self.buttons.addButton(
            self.tr("Zahtevaj"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(
            self.tr("Prekliči"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.ask)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        from rejnistvo.ui.widgets.accessible import named_when_shown

        named_when_shown(self)  # its title, and the explanation as its description
        self.due_edit.edit.setFocus()

    @Slot()
    def ask(self) -> None:
        """Check the day where it is typed, then ask the service; a refusal stays here."""
        self.due_edit.clear_error()
        v = FormValidator()
        due = v.check(self.due_edit)
        if not v.ok or due is None:
            v.focus_first()
            self._fit()
            return
        refusal = self._submit(due)
        if refusal is not None:
            self.due_edit.show_error(refusal)
            self.due_edit.edit.setFocus()
            self._fit()
            return
        self.accept()

    def _fit(self) -> None:
        """Grow to show the reason under the field whole: the dialog kept its height and
        cut off the explanation's first line and the reason's second (QA65)."""
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)
