"""Koordinator (issue 6): the subgroup coordinator's incoming R-4 proposals and steps,
the register of handled cases (čl. 29) with its exports, and the encrypted packages that
carry a case between a centre and its coordinator.

All work is done by ``rejnistvo.services.coordinator`` (the workflow's steps, each
given the version of the case shown, so a step on a case changed meanwhile is refused),
``rejnistvo.register`` and ``rejnistvo.exchange``; this screen only asks, shows and
calls them. "Today" is the context clock's. Waiting days count from the day of receipt
(received_on, else sent_on), exactly as on *Roki*.

The lists are read in pages (``RecordTableModel.set_pages``), and only the tab on screen:
Evidenca and Paketi are built and read when first shown, and a refresh reads again only
the tab shown (issue 13).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.ui.views.base import View
from rejnistvo.ui.views.coordinator_packages import CoordinatorPackagesMixin
from rejnistvo.ui.views.coordinator_register import CoordinatorRegisterMixin
from rejnistvo.ui.views.coordinator_steps import CoordinatorStepsMixin

#: the settings key of the subgroup the screen shows
_SUBGROUP = "coordinator/subgroup"


def _as_int(value: object) -> int | None:
    """A stored setting read back (QSettings gives an INI file's numbers as text)."""
    try:
        return int(str(value))
    except ValueError:
        return None


class CoordinatorView(
    CoordinatorStepsMixin, CoordinatorRegisterMixin, CoordinatorPackagesMixin, View
):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._own_change = False  # set while this screen announces its own step
        self.subgroup_combo = QComboBox(self)
        self.subgroup_combo.currentIndexChanged.connect(self._subgroup_chosen)
        self.subgroup_label = QLabel(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._cases_tab(), "")
        # The register and Paketi are built when first shown, and a tab's list is read
        # when the tab is first shown after a refresh (the register and the 8,000 cases
        # of Paketi wait until the coordinator looks at them).
        for _ in range(2):
            holder = QWidget(self.tabs)
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, "")
        self._built_tabs: set[int] = {0}
        self._loaded_tabs: set[int] = set()
        self.tabs.currentChanged.connect(self._ensure_tab)
        top = QHBoxLayout()
        top.addWidget(self.subgroup_label)
        top.addWidget(self.subgroup_combo)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self._case: dict | None = None
        self.retranslate()

    # == contract =====================================================================
    def _subgroup(self) -> int | None:
        return self.subgroup_combo.currentData()

    def _on_records_changed(self, kind: str) -> None:
        if self._own_change:
            return  # this screen's own step: its rows are already updated
        super()._on_records_changed(kind)

    def title(self) -> str:
        return self.tr("Koordinator")

    def retranslate(self) -> None:
        self.subgroup_label.setText(self.tr("Podskupina:"))
        self.tabs.setTabText(0, self.tr("Prejeti predlogi"))
        self.tabs.setTabText(1, self.tr("Evidenca (čl. 29)"))
        self.tabs.setTabText(2, self.tr("Paketi"))
        for index in sorted(self._built_tabs):
            self._retranslate_tab(index)

    def _retranslate_tab(self, index: int) -> None:
        if index == 0:
            self._retranslate_cases()
        elif index == 1:
            self._retranslate_register()
        elif index == 2:
            self._retranslate_packages()

    def _retranslate_cases(self) -> None:
        self.cases_model.set_columns_headers([c.header for c in self._case_columns()])
        self.cases_search.setPlaceholderText(self.tr("Išči (Ctrl+F) …"))
        self.step_date_label.setText(self.tr("Datum koraka:"))
        self.received_button.setText(self.tr("Zapiši datum prejema"))
        self.received_button.setToolTip(
            self.tr(
                "Dan, ko je predlog prispel h koordinatorju (ne pred pošiljanjem in ne po "
                "sprejemu); od njega se šteje čakalna doba."
            )
        )
        self.accept_button.setText(self.tr("Sprejmi predlog"))
        self.commission_box.setTitle(self.tr("Komisija (trije člani s seznama kandidatov)"))
        for position, combo in enumerate(self.member_combos, start=1):  # for a screen reader
            combo.setAccessibleName(self.tr("Član komisije {0}").format(position))
        self.commission_button.setText(self.tr("Imenuj komisijo"))
        self.decision_box.setTitle(self.tr("Odločitev komisije"))
        self.increase_radio.setText(self.tr("ZVIŠA za"))
        self.no_increase_radio.setText(self.tr("NE ZVIŠA"))
        self.rationale_label.setText(
            self.tr("Obrazložitev (obvezna, če se odločitev razlikuje od pravila):")
        )
        self.decide_button.setText(self.tr("Zapiši odločitev"))
        self.return_button.setText(self.tr("Označi vrnitev dokumentov centru"))
        self.fit_step_panel()

    def _retranslate_register(self) -> None:
        self.register_model.set_columns_headers([c.header for c in self._register_columns()])
        self.year_label.setText(self.tr("Leto:"))
        self.status_label.setText(self.tr("Stanje:"))
        self.register_search.setPlaceholderText(
            self.tr("Išči po zadevi, centru, otroku, rejniku, sklepu …")
        )
        self.export_label.setText(self.tr("Izvozi:"))
        current = self.status_combo.currentData()
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        self.status_combo.addItem(self.tr("vsa"), None)
        from rejnistvo.register.rows import STATUSES

        for status in STATUSES:
            self.status_combo.addItem(status, status)
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(current), 0))
        self.status_combo.blockSignals(False)

    def _retranslate_packages(self) -> None:
        self.packages_note.setText(
            self.tr(
                "Paket je šifrirana datoteka s primerom (podatki obrazca R-4 in PDF). Pošljite ga po "
                "e-pošti, geslo pa sporočite po drugi poti. Spremenjen paket ali napačno geslo program zavrne."
            )
        )
        self.all_cases_model.set_columns_headers(
            [self.tr("Številka zadeve"), self.tr("Rejnik"), self.tr("Otrok"), self.tr("Stanje")]
        )
        self.packages_search.setPlaceholderText(self.tr("Išči primer …"))
        self.centre_box.setTitle(self.tr("Center rejnika"))
        self.coordinator_box.setTitle(self.tr("Koordinator podskupine"))
        self.export_proposal_button.setText(self.tr("Izvozi predlog izbranega primera …"))
        self.import_resolution_button.setText(self.tr("Uvozi sklep …"))
        self.import_proposal_button.setText(self.tr("Uvozi predlog …"))
        self.export_resolution_button.setText(self.tr("Izvozi sklep izbranega primera …"))

    def _subgroup_chosen(self, _index: int) -> None:
        self.ctx.settings.setValue(_SUBGROUP, self.subgroup_combo.currentData())
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        from rejnistvo.store import list_records

        if self.subgroup_combo.count() == 0:
            self.subgroup_combo.blockSignals(True)
            for s in list_records(self.ctx.db, "subgroups"):
                self.subgroup_combo.addItem(_subgroup_label(s["id"], s["name"]), s["id"])
            # A coordinator works for one subgroup: the screen opens on the one chosen
            # last (it opened on 1 each time, an empty list for the coordinator of 2).
            remembered = self.subgroup_combo.findData(_as_int(self.ctx.settings.value(_SUBGROUP)))
            if remembered >= 0:
                self.subgroup_combo.setCurrentIndex(remembered)
            self.subgroup_combo.blockSignals(False)
        self._loaded_tabs.clear()
        self._ensure_tab(self.tabs.currentIndex())

    def _ensure_tab(self, index: int) -> None:
        """Build the tab when first shown; read its list unless read since the refresh."""
        if index not in self._built_tabs:
            self._build_tab(index)
        if index in self._loaded_tabs or self._subgroup() is None:
            return
        self._loaded_tabs.add(index)
        if index == 0:
            self._load_cases(self._subgroup())
        elif index == 1:
            self._load_years()
            self._load_register()
        elif index == 2:
            self._load_all_cases()

    def _build_tab(self, index: int) -> None:
        from rejnistvo.ui.widgets.keyboard import guard_wheel

        page = self._register_tab() if index == 1 else self._packages_tab()
        holder = self.tabs.widget(index)
        holder.layout().addWidget(page)
        self._built_tabs.add(index)
        self._retranslate_tab(index)
        guard_wheel(page)  # as the window guarded the screen's other combos

    def _load_years(self) -> None:
        from rejnistvo.register.queries import register_years

        years = register_years(self.ctx.db, self._subgroup()) or [self.today().year]
        current = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in years:
            self.year_combo.addItem(str(y), y)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(current), 0))
        self.year_combo.blockSignals(False)

    def focus_search(self) -> None:
        # Only the front tab's box: the others' are made when first shown (naming all
        # three crashed Ctrl+F while Evidenca had not been opened).
        index = self.tabs.currentIndex()
        self._ensure_tab(index)
        name = ("cases_search", "register_search", "packages_search")[index]
        target = getattr(self, name)
        target.setFocus()
        target.selectAll()

    def print_document(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.export_register("pdf")

    def open_record(self, kind: str, record_id: int) -> bool:
        if kind != "coordinator":
            return False
        if self.is_stale():
            self.refresh()
        self._ensure_tab(0)
        row = self.cases_model.find_row("id", record_id)
        if row >= 0:
            self.tabs.setCurrentIndex(0)
            self.cases_table.selectRow(
                self.cases_proxy.mapFromSource(self.cases_model.index(row, 0)).row()
            )
        return True


def _subgroup_label(number: int, name: str | None) -> str:
    """The subgroup once: »1. podskupina« (the shipped names start with the number; the
    box read »1 – 1. podskupina«), a name of another kind after its number."""
    name = (name or "").strip()
    if not name or name.startswith(f"{number}."):
        return name or f"{number}. podskupina"
    return f"{number} – {name}"


VIEW_CLASS = CoordinatorView
