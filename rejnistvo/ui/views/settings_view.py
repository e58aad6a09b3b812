"""Nastavitve: one tab per module — the rate table and the indexation
(`settings_rates_tab`), centres and units (`settings_centres_tab`), subgroups with
coordinators and candidates (`settings_subgroups_tab`), the general settings with the
centre's name and IBAN (`settings_general_tab`) and the change log (`audit_log_tab`).
Each tab calls the services; this view only puts them together."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from rejnistvo.ui.views.audit_log_tab import AuditLogTab
from rejnistvo.ui.views.base import View
from rejnistvo.ui.views.settings_centres_tab import CentresTab
from rejnistvo.ui.views.settings_general_tab import GeneralTab
from rejnistvo.ui.views.settings_rates_tab import RatesTab
from rejnistvo.ui.views.settings_subgroups_tab import SubgroupsTab


class SettingsView(View):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.tabs = QTabWidget(self)
        self.rates_tab = RatesTab(ctx, self)
        self.centres_tab = CentresTab(ctx, self)
        self.subgroups_tab = SubgroupsTab(ctx, self)
        self.general_tab = GeneralTab(ctx, self)
        for tab in (self.rates_tab, self.centres_tab, self.subgroups_tab, self.general_tab):
            self.tabs.addTab(tab, "")
            tab.reveal = lambda tab=tab: self.tabs.setCurrentWidget(tab)
        # A centre's subgroup shows on the subgroups tab too: reload every tab.
        self.centres_tab.changed = self.refresh
        self.audit_tab = AuditLogTab(ctx, self)
        self.tabs.addTab(self.audit_tab, "")
        # The log is read when its tab is opened, not with every refresh of the settings.
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.retranslate()

    def has_unsaved_changes(self) -> bool:
        return self.general_tab.dirty or self.centres_tab.has_unsaved_changes()

    def discard(self) -> None:
        self.general_tab.dirty = False
        self.centres_tab._centre_dirty = False

    def save(self) -> bool:
        if self.centres_tab.has_unsaved_changes() and not self.centres_tab.save_centre():
            return False
        return self.general_tab.save()

    def title(self) -> str:
        return self.tr("Nastavitve")

    def retranslate(self) -> None:
        for index, text in enumerate(
            (
                self.tr("Zneski rejnine"),
                self.tr("Centri in enote"),
                self.tr("Podskupine in kandidati"),
                self.tr("Splošno"),
                self.tr("Dnevnik sprememb"),
            )
        ):
            self.tabs.setTabText(index, text)
        for tab in (self.rates_tab, self.centres_tab, self.subgroups_tab, self.general_tab):
            tab.retranslate()
        self.audit_tab.retranslate()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.audit_tab:
            self.audit_tab.reload()

    def refresh(self) -> None:
        super().refresh()
        if self.tabs.currentWidget() is self.audit_tab:
            self.audit_tab.reload()
        for tab in (self.rates_tab, self.centres_tab, self.subgroups_tab, self.general_tab):
            tab.refresh()

    def new_record(self) -> None:
        if self.tabs.currentWidget() is self.centres_tab:
            self.centres_tab.new_centre()
            return
        self.tabs.setCurrentWidget(self.rates_tab)
        self.rates_tab.rate_from.setFocus()

    def open_record(self, kind: str, record_id: int) -> bool:
        if kind not in ("subgroup", "settings"):
            return False
        if self.is_stale():
            self.refresh()
        if kind == "settings":  # Roki's missing indexation: the rate table
            self.tabs.setCurrentWidget(self.rates_tab)
            return True
        self.tabs.setCurrentWidget(self.subgroups_tab)
        self.subgroups_tab.show_subgroup(record_id)
        return True


VIEW_CLASS = SettingsView
