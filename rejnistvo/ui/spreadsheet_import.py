"""Datoteka → Uvozi iz preglednice … and Predloga za uvoz …: the window's side of
``services/spreadsheet_import``. A file is chosen, read and tried (nothing written), the
preview says what would come in, what is already there and which rows are refused and
why; »Uvozi« then stores it in one transaction, »Prekliči« stores nothing.

Imported only when the user first picks one of the items (see main_window.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.errors import RuleError
from rejnistvo.rules.plural import plural
from rejnistvo.services.spreadsheet_import import (
    CARERS,
    CHILDREN,
    LEFT_HIDDEN,
    LEFT_TOTAL,
    PLACEMENTS,
    ImportCancelled,
    ImportFile,
    ImportReport,
    RowNote,
    import_spreadsheet,
    kind_named,
    preview_import,
    read_spreadsheet,
    template_xlsx,
)
from rejnistvo.ui.format import format_count, format_date
from rejnistvo.ui.interaction import ask_save_file, documents_folder, write_file
from rejnistvo.ui.widgets.wait_cursor import wait_cursor

if TYPE_CHECKING:
    from rejnistvo.ui.context import AppContext

_NOUNS = {CARERS: "rejnik", CHILDREN: "otrok", PLACEMENTS: "namestitev"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("SpreadsheetImport", text)


def counted(count: int, noun: str) -> str:
    """»2.000 rejnikov«, »2 otroka«, »1 namestitev«."""
    return f"{format_count(count)} {plural(count, noun)}"


def new_words(report: ImportReport) -> str:
    """»5 rejnikov, 5 otrok in 4 namestitve« (kinds without a row left out)."""
    parts = [counted(report.new[s], _NOUNS[s]) for s in (CARERS, CHILDREN, PLACEMENTS)]
    parts = [p for p, s in zip(parts, (CARERS, CHILDREN, PLACEMENTS), strict=True) if report.new[s]]
    if not parts:
        return _tr("nič")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + _tr(" in ") + parts[-1]


def _rank(note: RowNote) -> int:
    """Refused rows first, then the hidden ones left out, totals rows, rows present."""
    if note.refused:
        return 0
    return {LEFT_HIDDEN: 1, LEFT_TOTAL: 2}.get(note.left_out, 3)


def _outcome(note: RowNote) -> str:
    if note.refused:
        return _tr("zavrnjena")
    if note.left_out == LEFT_HIDDEN:
        return _tr("skrita vrstica")
    if note.left_out == LEFT_TOTAL:
        return _tr("vsota")
    return _tr("že v evidenci")


def row_ranges(numbers: list[int]) -> str:
    """[3, 5, 6, 7, 9] → »3, 5–7, 9«."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and runs[-1][1] == number - 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(str(first) if first == last else f"{first}–{last}" for first, last in runs)


class NotesModel(QAbstractTableModel):
    """The refused rows first, then the hidden rows left out, totals rows and those
    already in the evidence: list, row, column (its letter and name in the sheet),
    outcome, reason."""

    def __init__(self, notes: list[RowNote], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notes: list[RowNote] = []
        self.set_notes(notes)
        self.headers = [_tr("List"), _tr("Vrstica"), _tr("Stolpec"), _tr("Izid"), _tr("Razlog")]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._notes)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._notes)):
            return None
        note = self._notes[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (note.sheet, str(note.row), note.where, _outcome(note), note.reason)
            return values[index.column()] if 0 <= index.column() < len(values) else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def note(self, row: int) -> RowNote:
        return self._notes[row]

    def set_notes(self, notes: list[RowNote]) -> None:
        """Between beginResetModel and endResetModel."""
        order = {sheet: i for i, sheet in enumerate((CARERS, CHILDREN, PLACEMENTS))}
        self._notes = sorted(notes, key=lambda n: (_rank(n), order.get(n.sheet, 3), n.row))


class ImportPreview(QDialog):
    """What the file would bring; »Uvozi« accepts (only when something is new). With
    rows hidden in the spreadsheet, »Uvozi tudi skrite vrstice« tries the file again with
    them (``retry``: the new report, None when stopped) and the import takes them too."""

    def __init__(
        self,
        report: ImportReport,
        parent: QWidget | None = None,
        retry: Callable[[bool], ImportReport | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.retry = retry
        self.setWindowTitle(_tr("Uvoz iz preglednice – pregled"))
        from rejnistvo.ui.widgets.accessible import named_when_shown

        named_when_shown(self)  # its title, and the summary as its description
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.hidden_box = QCheckBox(self)
        self.hidden_box.setObjectName("importHiddenRows")
        self.hidden_box.setText(
            _tr("Uvozi tudi skrite vrstice ({0})").format(format_count(report.hidden_rows))
        )
        self.hidden_box.setChecked(report.include_hidden)
        self.hidden_box.setVisible(bool(report.hidden_rows))
        self.hidden_box.setEnabled(retry is not None)
        self.hidden_box.toggled.connect(self._hidden_toggled)
        layout.addWidget(self.hidden_box)
        self.model = NotesModel(report.notes, self)
        self.table = QTableView(self)
        self.table.setObjectName("importNotes")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        for column, sample in enumerate(
            ("Namestitve", "99999", "Le ob vikendih in počitnicah", "že v evidenci")
        ):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        # the chosen row's whole reason: the column cuts a long one short
        self.detail = QLabel(self)
        self.detail.setObjectName("importDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.detail)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.buttons = QDialogButtonBox(self)
        self.import_button: QPushButton = self.buttons.addButton(
            _tr("Uvozi"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importButton")
        self.cancel_button: QPushButton = self.buttons.addButton(
            _tr("Prekliči"), QDialogButtonBox.ButtonRole.RejectRole
        )
        # the list into Excel beside the file being corrected (Ctrl+V)
        self.copy_button: QPushButton = self.buttons.addButton(
            _tr("Kopiraj seznam"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_notes)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show_report()
        self.resize(900, 520 if report.notes else 200)

    @property
    def include_hidden(self) -> bool:
        """Whether »Uvozi« takes the rows hidden in the spreadsheet too."""
        return self.report.include_hidden

    def _show_report(self) -> None:
        report = self.report
        self.summary.setText(self._summary_text())
        self.table.setVisible(bool(report.notes))
        self.detail.setVisible(bool(report.notes))
        self.copy_button.setVisible(bool(report.notes))
        self.import_button.setEnabled(report.new_total > 0)
        self.import_button.setDefault(bool(report.new_total))
        self.cancel_button.setDefault(not report.new_total)
        if report.notes:
            self.table.selectRow(0)
        else:
            self.detail.setText("")

    def _hidden_toggled(self, checked: bool) -> None:
        """The file tried again with or without its hidden rows: what would come in
        changes (a placement may name a carer on a hidden row)."""
        if self.retry is None or checked == self.report.include_hidden:
            return
        report = self.retry(checked)
        if report is None:  # stopped: the box says what the shown report holds
            self.hidden_box.blockSignals(True)
            self.hidden_box.setChecked(self.report.include_hidden)
            self.hidden_box.blockSignals(False)
            return
        self.report = report
        self.model.beginResetModel()
        self.model.set_notes(report.notes)
        self.model.endResetModel()
        self._show_report()

    def copy_notes(self) -> str:
        """The list as tab-separated lines (a spreadsheet pastes them into columns), put
        on the clipboard; returned too."""
        model = self.model
        lines = ["\t".join(model.headers)]
        for row in range(model.rowCount()):
            cells = (str(model.index(row, column).data() or "") for column in range(5))
            lines.append("\t".join(" ".join(cell.split()) for cell in cells))
        text = "\n".join(lines) + "\n"
        QApplication.clipboard().setText(text)
        return text

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.setText("")
            return
        note = self.model.note(current.row())
        where = _tr("{0}, vrstica {1}").format(note.sheet, note.row)
        if note.letter:
            where += _tr(", stolpec {0} ({1})").format(note.letter, note.column)
        elif note.column:
            where += _tr(", stolpec »{0}«").format(note.column)
        self.detail.setText(f"{where}: {note.reason}")

    def _summary_text(self) -> str:
        r = self.report
        lines = [_tr("Datoteka »{0}«.").format(r.file_name)]
        if r.new_total:
            lines.append(_tr("Uvoženih bo: {0}.").format(new_words(r)))
        else:
            lines.append(_tr("Nobena vrstica ni nova: uvoziti ni česa."))
        if r.unread_sheets:
            lines.append(
                _tr(
                    "Listi, ki se ne uvozijo: {0} (uvoz bere le liste Rejniki, Otroci in "
                    "Namestitve); preverite, da podatkov z njih ne pogrešate."
                ).format(", ".join(f"»{name}«" for name in r.unread_sheets))
            )
            like = [name for name in r.unread_sheets if kind_named(name)]
            if like:
                lines.append(
                    _tr(
                        "Uvoz bere le list z imenom točno »{0}«: da uvozite tudi »{1}«, ga po "
                        "tem uvozu preimenujte v »{0}« (sedanjega »{0}« drugače) in uvozite "
                        "znova (kar je že uvoženo, se ne uvozi znova) — ali njegove vrstice "
                        "prenesite na list »{0}«."
                    ).format(kind_named(like[0]), like[0])
                )
        if r.unread_columns:
            by_sheet: dict[str, list[str]] = {}
            for sheet, header in r.unread_columns:
                by_sheet.setdefault(sheet, []).append(f"»{header}«")
            lines.append(
                _tr("Stolpci, ki se ne uvozijo (uvoz jih ne pozna): {0}.").format(
                    "; ".join(f"{sheet}: {', '.join(names)}" for sheet, names in by_sheet.items())
                )
            )
        if r.hidden_rows and r.include_hidden:
            lines.append(
                _tr(
                    "Uvožene bodo tudi vrstice, ki so v preglednici skrite (s filtrom, skrite "
                    "ali na skritem listu): {0}."
                ).format(counted(r.hidden_rows, "vrstica"))
            )
        elif r.hidden:
            by_sheet: dict[str, list[int]] = {}
            for note in r.hidden:
                by_sheet.setdefault(note.sheet, []).append(note.row)
            where = "; ".join(
                _tr("list {0} je skrit").format(sheet)
                if sheet in r.hidden_sheets
                else f"{sheet}: {row_ranges(rows)}"
                for sheet, rows in by_sheet.items()
            )
            lines.append(
                _tr(
                    "V preglednici skrite vrstice (s filtrom, skrite ali na skritem listu) se "
                    "ne uvozijo: {0} ({1}). Če jih želite uvoziti, izberite »Uvozi tudi skrite "
                    "vrstice«."
                ).format(counted(len(r.hidden), "vrstica"), where)
            )
        if r.short_year_example is not None:
            written, day = r.short_year_example
            lines.append(
                _tr(
                    "Datumi z letnico iz dveh števk (npr. »{0}« je {1}; vseh: {2}) so prebrani "
                    "kot v Excelu: 00–29 je 2000–2029, 30–99 je 1930–1999."
                ).format(written, format_date(day), format_count(r.short_years))
            )
        if r.totals:
            lines.append(
                _tr("Vrstice z vsoto (»Skupaj« …) se ne uvozijo: {0}.").format(
                    ", ".join(f"{n.sheet} {n.row}" for n in r.totals)
                )
            )
        if r.present:
            lines.append(
                _tr("Že v evidenci (ne uvozi se znova in se ne spremeni): {0}.").format(
                    counted(len(r.present), "vrstica")
                )
            )
        if r.refused:
            lines.append(
                _tr(
                    "Zavrnjenih: {0} (razlog je v seznamu spodaj; popravite jih v preglednici "
                    "in jo uvozite znova: kar je že uvoženo, se ne podvoji)."
                ).format(counted(len(r.refused), "vrstica"))
            )
        if r.new_total:
            lines.append(
                _tr("»Uvozi« zapiše vse nove vrstice naenkrat; »Prekliči« ne zapiše ničesar.")
            )
        return "\n".join(lines)


class SpreadsheetImport(QObject):
    """The menu items' handlers; questions go through ``ctx.interaction``. ``decide``
    shows the preview and says whether to import (tests answer for the user)."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        status: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window = parent
        self.status = status or (lambda _text: None)
        self.decide: Callable[[ImportPreview], bool] = lambda dialog: (
            dialog.exec() == QDialog.DialogCode.Accepted
        )

    # -- Predloga za uvoz … ---------------------------------------------------------------
    def save_template(self) -> Path | None:
        target = ask_save_file(
            self.ctx,
            "import",
            _tr("Predloga za uvoz.xlsx"),
            _tr("Predloga za uvoz"),
            _tr("Preglednica Excel (*.xlsx)"),
        )
        if target is None or not write_file(self.ctx, target, template_xlsx()):
            return None
        self.status(_tr("Predloga za uvoz je shranjena: {0}").format(target))
        return target

    # -- Uvozi iz preglednice … -----------------------------------------------------------
    def import_file(self, path: str | None = None) -> ImportReport | None:
        """Choose, read, try and (if the user says so) import a file; the report of what
        was stored, or None when nothing was."""
        title = _tr("Uvoz iz preglednice")
        if self.ctx.db is None:
            return None
        if path is None:
            folder = str(self.ctx.settings.value("files/import", "") or documents_folder())
            path = self.ctx.interaction.choose_open_path(
                _tr("Uvozi iz preglednice"),
                # .xls listed too: chosen, it is refused saying how to save it as .xlsx
                _tr("Preglednica Excel (*.xlsx *.xlsm *.xls);;Vse datoteke (*)"),
                folder,
            )
            if not path:
                return None
            self.ctx.settings.setValue("files/import", str(Path(path).parent))
        try:
            with wait_cursor():
                data = read_spreadsheet(path)
        except RuleError as error:
            self.ctx.interaction.error(title, error.message)
            return None
        if not data.rows:
            self.ctx.interaction.info(
                title, _tr("Na listih Rejniki, Otroci in Namestitve ni nobene vrstice s podatki.")
            )
            return None
        checking = _tr("Preverjam vrstice preglednice …")
        report = self._run(preview_import, data, checking)
        if report is None:
            return None
        preview = ImportPreview(
            report,
            self.window,
            retry=lambda include: self._run(preview_import, data, checking, include, preview),
        )
        if not self.decide(preview):
            return None
        done = self._run(import_spreadsheet, data, _tr("Uvažam …"), preview.include_hidden)
        if done is None:
            return None
        for kind in ("carer", "child", "placement"):
            self.ctx.bus.records_changed.emit(kind)
        said = _tr("Uvoženo: {0}.").format(new_words(done))
        if done.refused:
            said += " " + _tr("Zavrnjenih vrstic (niso uvožene): {0}.").format(
                format_count(len(done.refused))
            )
        if done.hidden:
            said += " " + _tr("Skritih vrstic (niso uvožene): {0}.").format(
                format_count(len(done.hidden))
            )
        self.status(said)
        self.ctx.interaction.info(title, said)
        return done

    def _run(
        self,
        work: Callable[..., ImportReport],
        data: ImportFile,
        label: str,
        include_hidden: bool = False,
        parent: QWidget | None = None,
    ) -> ImportReport | None:
        """``work`` behind a progress dialog that keeps the window painted; None when the
        user stopped it or the file refused (said in a box): nothing then written."""
        total = len(data.rows)
        dialog = QProgressDialog(label, _tr("Prekliči"), 0, max(total, 1), parent or self.window)
        dialog.setWindowTitle(_tr("Uvoz iz preglednice"))
        from rejnistvo.ui.widgets.accessible import named_when_shown

        named_when_shown(dialog)  # a screen reader: its title and label once it shows
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)

        def progress(done: int, _total: int) -> bool:
            dialog.setValue(done)
            QCoreApplication.processEvents()
            return not dialog.wasCanceled()

        try:
            return work(self.ctx.db, data, self.ctx.clock.today(), progress, include_hidden)
        except ImportCancelled:
            self.status(_tr("Uvoz je preklican; nič ni zapisano."))
            return None
        except RuleError as error:
            self.ctx.interaction.error(
                _tr("Uvoz ni uspel"), error.message + _tr(" Nič ni zapisano.")
            )
            return None
        finally:
            dialog.reset()
            dialog.deleteLater()
