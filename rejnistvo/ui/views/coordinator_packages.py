"""Koordinator, tab *Paketi*: encrypted packages that carry an R-4 case between a
centre and its coordinator (``rejnistvo.exchange.cases``); "today" is the clock's."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.register.states import STATE_WORDS
from rejnistvo.rules.errors import InputError
from rejnistvo.ui.interaction import error_message
from rejnistvo.ui.models import Column, FilterProxy, RecordTableModel
from rejnistvo.ui.widgets.tables import configure_table, fit_columns


class CoordinatorPackagesMixin:
    """The packages tab of ``CoordinatorView`` (a QWidget with ``ctx``)."""

    # == packages =====================================================================
    def _packages_tab(self) -> QWidget:
        page = QWidget(self)
        self.packages_note = QLabel(page)
        self.packages_note.setWordWrap(True)
        self.all_cases_model = RecordTableModel(
            [
                Column("case_no", ""),
                Column("carer_name", ""),
                Column("child_name", ""),
                Column("state", ""),
            ],
            self,
        )
        self.all_cases_proxy = FilterProxy(self)
        self.all_cases_proxy.setSourceModel(self.all_cases_model)
        # Made in the order they stand (Tab follows the order of making): the search
        # above the list, then the centre's two buttons, then the coordinator's.
        self.packages_search = QLineEdit(page)
        self.packages_search.setClearButtonEnabled(True)
        self.packages_search.textChanged.connect(self.all_cases_proxy.set_text)
        self.all_cases_table = QTableView(page)
        self.all_cases_table.setModel(self.all_cases_proxy)
        configure_table(self.all_cases_table)
        self.export_proposal_button = QPushButton(page)
        self.import_resolution_button = QPushButton(page)
        self.import_proposal_button = QPushButton(page)
        self.export_resolution_button = QPushButton(page)
        for button in (
            self.export_proposal_button,
            self.import_resolution_button,
            self.import_proposal_button,
            self.export_resolution_button,
        ):
            button.setAutoDefault(True)  # Enter on it presses it, as Space does
        self.export_proposal_button.clicked.connect(lambda: self.export_package("proposal"))
        self.export_resolution_button.clicked.connect(lambda: self.export_package("resolution"))
        self.import_proposal_button.clicked.connect(lambda: self.import_package("proposal"))
        self.import_resolution_button.clicked.connect(lambda: self.import_package("resolution"))
        self.centre_box, self.coordinator_box = QGroupBox(page), QGroupBox(page)
        centre_layout = QVBoxLayout(self.centre_box)
        centre_layout.addWidget(self.export_proposal_button)
        centre_layout.addWidget(self.import_resolution_button)
        coordinator_layout = QVBoxLayout(self.coordinator_box)
        coordinator_layout.addWidget(self.import_proposal_button)
        coordinator_layout.addWidget(self.export_resolution_button)
        side = QVBoxLayout()
        side.addWidget(self.centre_box)
        side.addWidget(self.coordinator_box)
        side.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.packages_search)
        left.addWidget(self.all_cases_table, 1)
        row = QHBoxLayout()
        row.addLayout(left, 3)
        row.addLayout(side, 1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.packages_note)
        layout.addLayout(row, 1)
        return page

    def _state_names(self) -> dict[str, str]:
        # the same words as the R-4 list and the register (``register.states``)
        return {key: self.tr(word) for key, word in STATE_WORDS.items()}

    def _load_all_cases(self) -> None:
        from rejnistvo.services.coordinator import package_case_pages

        self.all_cases_model.set_pages(package_case_pages(self.ctx.db, self._state_names()))
        fit_columns(self.all_cases_table)

    def _update_package_case(self, case_id: int) -> None:
        """One case's row after a step on it (the same record as the list reads)."""
        from rejnistvo.services.coordinator import package_case

        record = package_case(self.ctx.db, case_id, self._state_names())
        if record is None:
            self.all_cases_model.remove_row(case_id)
        else:
            self.all_cases_model.upsert_row(record)

    def _ask_passphrase(self, typed: str = "") -> str | None:
        return self.ctx.interaction.ask_text(
            self.tr("Geslo paketa"),
            self.tr(
                "Geslo (vsaj 10 znakov; prejemniku ga sporočite po drugi poti, npr. po telefonu):"
            ),
            password=True,
            text=typed,
        )

    def _new_passphrase(self) -> str | None:
        """The passphrase a package is locked with, typed twice: a typo typed once made a
        package nobody could open, and the clerk learnt it only from the recipient (QA65).
        A refused one is asked for again with what was typed; two that differ are asked
        for anew. None: cancelled."""
        from rejnistvo.exchange.crypto import check_passphrase

        title = self.tr("Paket ni izvožen")
        passphrase = self._ask_passphrase()
        while passphrase is not None:
            try:
                check_passphrase(passphrase)
            except InputError as exc:
                self._refused_passphrase(title, exc)
                passphrase = self._ask_passphrase(passphrase)
                continue
            again = self.ctx.interaction.ask_text(
                self.tr("Geslo paketa"), self.tr("Ponovite geslo:"), password=True
            )
            if again is None:
                return None
            if again == passphrase:
                return passphrase
            self.ctx.interaction.error(
                title,
                self.tr(
                    "Gesli se ne ujemata. Vpišite geslo znova: prejemnik bo paket odprl le "
                    "z enakim geslom."
                ),
            )
            passphrase = self._ask_passphrase()
        return None

    def _refused_passphrase(self, title: str, error: BaseException) -> bool:
        """A passphrase refused (too short, wrong) is said and asked for again, what was
        typed kept: the file already chosen stays chosen."""
        from rejnistvo.exchange.errors import PASSPHRASE_FIELD

        if getattr(error, "field", None) != PASSPHRASE_FIELD:
            return False
        self.ctx.interaction.error(title, error_message(error))
        return True

    def _refused_read_only(self, title: str, outcome: str) -> bool:
        """A read-only view (another window has the file for work, QA74): said before the
        file dialog and the passphrase are asked, not after."""
        from rejnistvo.store import StoreError
        from rejnistvo.store.connection import refuse_if_read_only

        try:
            refuse_if_read_only(self.ctx.db, outcome)
        except StoreError as error:
            self.ctx.interaction.error(title, error.message)
            return True
        return False

    def export_package(self, kind: str) -> bool:
        from rejnistvo.exchange.cases import export_proposal, export_resolution
        from rejnistvo.exchange.package import suggested_file_name
        from rejnistvo.store import StoreError

        index = self.all_cases_table.currentIndex()
        if not index.isValid():
            self.ctx.interaction.info(
                self.tr("Izvoz paketa"), self.tr("Najprej izberite primer na seznamu.")
            )
            return False
        if self._refused_read_only(
            self.tr("Paket ni izvožen"),
            self.tr("Paket ni izvožen: program vsak paket zapiše tudi v zbirko."),
        ):
            return False
        case = self.all_cases_proxy.row_record(index.row())
        from rejnistvo.ui.interaction import ask_save_file

        # in Documents or the folder of the last package, not where the program started
        path = ask_save_file(
            self.ctx,
            "package",
            suggested_file_name(kind, case.get("case_no") or str(case["id"])),
            self.tr("Shrani paket"),
            self.tr("Paket Rejništvo (*.rejpaket)"),
        )
        if not path:
            return False
        passphrase = self._new_passphrase()
        if not passphrase:
            return False
        today, now = self.today(), self.ctx.clock.now()
        from rejnistvo.exchange.cases import default_render_pdf
        from rejnistvo.register.export import ExportCancelled
        from rejnistvo.ui.progress import run_reporting

        def work(progress) -> None:
            # Three steps: print the R-4, then encrypt and write (one transaction). A
            # cancel before the last step leaves the database and the folder untouched.
            if not progress(0, 3):
                raise ExportCancelled()

            def render(form: dict) -> bytes:
                pdf = default_render_pdf(form)
                if not progress(1, 3):
                    raise ExportCancelled()
                return pdf

            if kind == "proposal":
                export_proposal(
                    self.ctx.db,
                    case["id"],
                    passphrase,
                    path,
                    today=today,
                    render_pdf=render,
                    now=now,
                )
            else:
                export_resolution(
                    self.ctx.db, case["id"], passphrase, path, render_pdf=render, now=now
                )
            progress(3, 3)

        cancelled = False
        try:
            run_reporting(self, self.tr("Pripravljam paket …"), work)
        except ExportCancelled:
            cancelled = True
        except (InputError, StoreError, OSError) as exc:
            self.ctx.interaction.error(self.tr("Paket ni izvožen"), error_message(exc))
            return False
        if cancelled:
            self.ctx.bus.status_message.emit(self.tr("Izvoz paketa je preklican."))
            self.refresh()
            return False
        self.ctx.bus.records_changed.emit("r4")
        self.ctx.bus.status_message.emit(self.tr("Paket je shranjen v {0}.").format(path))
        self.refresh()
        return True

    def import_package(self, kind: str) -> bool:
        from rejnistvo.exchange.cases import apply_import, preview_import
        from rejnistvo.store import StoreError

        if self._refused_read_only(self.tr("Paket ni uvožen"), self.tr("Paket ni uvožen.")):
            return False
        path = self.ctx.interaction.choose_open_path(
            self.tr("Odpri paket"), self.tr("Paket Rejništvo (*.rejpaket)")
        )
        if not path:
            return False
        subgroups = {self._subgroup()} if kind == "proposal" and self._subgroup() else None
        passphrase = self._ask_passphrase()
        while True:
            if passphrase is None:
                return False
            try:
                preview = preview_import(
                    self.ctx.db, path, passphrase, kind=kind, subgroups=subgroups
                )
                break
            except (InputError, StoreError, OSError) as exc:
                if not self._refused_passphrase(self.tr("Paket ni uvožen"), exc):
                    self.ctx.interaction.error(self.tr("Paket ni uvožen"), error_message(exc))
                    return False
                passphrase = self._ask_passphrase(passphrase)
        text = "\n".join(f"{label}: {value}" for label, value in preview.contents.summary())
        text += "\n\n" + "\n".join(preview.notes)
        if not preview.changes_anything:
            try:  # nothing to take over; a newer package's time is kept (no question)
                apply_import(self.ctx.db, preview, today=self.today())
            except (InputError, StoreError) as exc:
                self.ctx.interaction.error(self.tr("Paket ni uvožen"), error_message(exc))
                return False
            self.ctx.interaction.info(self.tr("Predogled paketa"), text)
            return False
        if not self.ctx.interaction.confirm(
            self.tr("Predogled paketa"), text + "\n\n" + self.tr("Uvozim?")
        ):
            return False
        try:
            result = apply_import(self.ctx.db, preview, today=self.today())
        except (InputError, StoreError) as exc:
            self.ctx.interaction.error(self.tr("Paket ni uvožen"), error_message(exc))
            return False
        self.ctx.bus.records_changed.emit("r4")
        self.ctx.interaction.info(self.tr("Paket je uvožen"), result.message)
        self.refresh()
        return True
