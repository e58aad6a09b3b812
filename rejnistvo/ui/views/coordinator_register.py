"""Koordinator, tab *Evidenca (čl. 29)*: the register of handled cases by year, its
filter and its exports (CSV, XLSX, PDF) with progress and cancel."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.errors import InputError
from rejnistvo.ui.format import count_text
from rejnistvo.ui.interaction import error_message
from rejnistvo.ui.models import Column, FilterProxy, RecordTableModel
from rejnistvo.ui.views.coordinator_columns import short_centre, short_unit
from rejnistvo.ui.views.coordinator_register_columns import RegisterColumns
from rejnistvo.ui.widgets.tables import configure_table


def _percent(value) -> str:
    return f"{value} %" if value else ""


class CoordinatorRegisterMixin:
    """The register tab of ``CoordinatorView`` (a QWidget with ``ctx``)."""

    # == register =====================================================================
    def _register_columns(self) -> list[Column]:
        return [
            Column("seq", self.tr("Zap. št."), align_right=True),
            Column("case_no", self.tr("Št. zadeve")),  # as the incoming list: 1024 px
            # as on the incoming list: the words every centre's name shares left out
            Column("centre", self.tr("Center"), short_centre),
            Column("unit", self.tr("Enota"), short_unit),
            Column("child", self.tr("Otrok")),
            Column("carer", self.tr("Rejnik")),
            Column("proposed_percent", self.tr("Predlog"), _percent),
            Column("prepared", self.tr("Datum predloga")),
            Column("received", self.tr("Prejeto")),
            Column("accepted", self.tr("Sprejeto")),
            Column("commission_named", self.tr("Komisija")),
            Column("members", self.tr("Člani komisije")),
            Column("decided", self.tr("Odločeno")),
            Column("decision", self.tr("Odločitev")),
            Column("resolution_no", self.tr("Sklep št.")),
            Column("returned", self.tr("Vrnjeno")),
        ]

    def _register_tab(self) -> QWidget:
        page = QWidget(self)
        self.year_combo = QComboBox(page)
        self.year_combo.currentIndexChanged.connect(lambda _i: self._load_register())
        self.status_combo = QComboBox(page)
        self.register_search = QLineEdit(page)
        self.register_search.setClearButtonEnabled(True)
        self.register_model = RecordTableModel(self._register_columns(), self)
        self.register_proxy = FilterProxy(self)
        self.register_proxy.setSourceModel(self.register_model)
        self.register_search.textChanged.connect(lambda _t: self._apply_register_filter())
        self.status_combo.currentIndexChanged.connect(lambda _i: self._status_changed())
        self.register_table = QTableView(page)
        self.register_table.setModel(self.register_proxy)
        configure_table(self.register_table)
        # fitted to 1024 px: some columns hidden until shown (header's right click)
        self.register_columns = RegisterColumns(
            self.register_table,
            [column.key for column in self._register_columns()],
            self.ctx.settings,
            self.tr,
        )
        self.export_buttons = {
            fmt: QPushButton(fmt.upper(), page) for fmt in ("csv", "xlsx", "pdf")
        }
        for fmt, button in self.export_buttons.items():
            button.setAutoDefault(True)  # Enter on it presses it, as Space does
            button.clicked.connect(lambda _c=False, f=fmt: self.export_register(f))
        self.year_label, self.status_label, self.export_label = (
            QLabel(page),
            QLabel(page),
            QLabel(page),
        )
        self.register_count = QLabel(page)
        top = QHBoxLayout()
        top.addWidget(self.year_label)
        top.addWidget(self.year_combo)
        top.addWidget(self.status_label)
        top.addWidget(self.status_combo)
        top.addWidget(self.register_search, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.register_count)
        bottom.addStretch(1)
        bottom.addWidget(self.export_label)
        for button in self.export_buttons.values():
            bottom.addWidget(button)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.register_table, 1)
        layout.addLayout(bottom)
        return page

    def _load_register(self) -> None:
        """The year's register, read in pages; the status chosen is applied by the service
        (the search box by the proxy)."""
        from rejnistvo.register.queries import register_pages

        year = self.year_combo.currentData()
        subgroup = self._subgroup()
        if year is None or subgroup is None:
            self.register_model.set_rows([])
        else:
            status = self.status_combo.currentData()
            self.register_model.set_pages(register_pages(self.ctx.db, subgroup, year, status))
            self.register_columns.refit()
        self._apply_register_filter()

    def _filtered_register(self) -> list:
        """The register rows shown (status and search applied), numbered 1, 2, … for export,
        in the register's order."""
        from rejnistvo.register.queries import register_rows
        from rejnistvo.register.rows import renumber

        subgroup, year = self._subgroup(), self.year_combo.currentData()
        if subgroup is None or year is None:
            return []
        records = self.register_model.rows()
        shown = {
            records[self.register_proxy.source_row(r)]["id"]
            for r in range(self.register_proxy.rowCount())
        }
        return renumber(
            [r for r in register_rows(self.ctx.db, subgroup, year) if r.case_id in shown]
        )

    def _apply_register_filter(self) -> None:
        self.register_proxy.set_text(self.register_search.text())
        self.register_count.setText(count_text(self.register_proxy.rowCount(), "primer"))

    def _status_changed(self) -> None:
        if 1 in self._loaded_tabs:
            self._load_register()

    def export_register(self, fmt: str) -> bool:
        from rejnistvo.register.export import write_register

        self._ensure_tab(1)
        subgroup, year = self._subgroup(), self.year_combo.currentData()
        if subgroup is None or year is None:
            return False
        filters = {
            "csv": self.tr("CSV (*.csv)"),
            "xlsx": self.tr("Excel (*.xlsx)"),
            "pdf": self.tr("PDF (*.pdf)"),
        }
        from rejnistvo.ui.interaction import ask_save_file

        # in Documents or the folder of the last register export, as every other export:
        # the dialog opened in the folder the program was started from (found by QA54)
        path = ask_save_file(
            self.ctx,
            "register",
            f"evidenca-podskupina-{subgroup}-{year}.{fmt}",
            self.tr("Izvoz evidence"),
            filters[fmt],
        )
        if not path:
            return False
        rows = self._filtered_register()
        from rejnistvo.register.export import ExportCancelled
        from rejnistvo.ui.progress import run_reporting

        # Cancelled only when the writer stopped (ExportCancelled): a click on "Prekliči"
        # after the last step comes too late, the file is already there.
        cancelled = False
        try:
            run_reporting(
                self,
                self.tr("Izvažam evidenco ({0}) …").format(count_text(len(rows), "primer")),
                lambda progress: write_register(
                    rows,
                    fmt,
                    path,
                    subgroup=subgroup,
                    year=year,
                    progress=progress,
                    printed_on=self.today(),
                ),
            )
        except ExportCancelled:
            cancelled = True
        except (InputError, OSError) as exc:
            self.ctx.interaction.error(self.tr("Evidenca ni izvožena"), error_message(exc))
            return False
        if cancelled:
            self.ctx.bus.status_message.emit(self.tr("Izvoz evidence je preklican; datoteke ni."))
            return False
        self.ctx.bus.status_message.emit(self.tr("Evidenca je shranjena v {0}.").format(path))
        return True
