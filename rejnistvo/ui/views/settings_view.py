"""Nastavitve: one tab per module — the rate table and the indexation
(`settings_rates_tab`), centres and units (`settings_centres_tab`), subgroups with
coordinators and candidates (`settings_subgroups_tab`), the general settings with the
centre's name and IBAN (`settings_general_tab`) and the change log (`audit_log_tab`).
Each tab calls the services; this view only puts them together.

A tab is built (its module imported, its widgets made, its rows read) when it is first
shown or first asked for (``view.centres_tab``), not with the screen: the first opening
pays for the tab in front only (issue 13)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from rejnistvo.ui.views.base import View

# (attribute, module, class) of each tab, in the order of the tab bar
TABS = (
    ("rates_tab", "settings_rates_tab", "RatesTab"),
    ("centres_tab", "settings_centres_tab", "CentresTab"),
    ("subgroups_tab", "settings_subgroups_tab", "SubgroupsTab"),
    ("general_tab", "settings_general_tab", "GeneralTab"),
    ("audit_tab", "audit_log_tab", "AuditLogTab"),
)

#: ``open_record("settings", GENERAL_SETTINGS)``: Splošno, at the centre's name or IBAN
#: (Roki's first steps); any other id of "settings" is the rate table
GENERAL_SETTINGS = 1


class _Unbuilt(QWidget):
    """The page of a tab not built yet (empty; replaced when the tab is first shown)."""


class SettingsView(View):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.tabs = QTabWidget(self)
        self._built: dict[str, Any] = {}
        for _attr, _module, _cls in TABS:
            self.tabs.addTab(_Unbuilt(self.tabs), "")
        # A tab is built when it comes to the front; the log is read only then, too.
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.retranslate()
        self._tab(TABS[0][0])  # the tab in front

    # -- the tabs, built on first use ---------------------------------------------------
    @property
    def rates_tab(self) -> Any:
        return self._tab("rates_tab")

    @property
    def centres_tab(self) -> Any:
        return self._tab("centres_tab")

    @property
    def subgroups_tab(self) -> Any:
        return self._tab("subgroups_tab")

    @property
    def general_tab(self) -> Any:
        return self._tab("general_tab")

    @property
    def audit_tab(self) -> Any:
        return self._tab("audit_tab")

    def built_tabs(self) -> list[Any]:
        """The settings tabs built so far (not the log), in the tab bar's order."""
        return [self._built[attr] for attr, _m, _c in TABS[:-1] if attr in self._built]

    def _tab(self, attr: str) -> Any:
        tab = self._built.get(attr)
        if tab is not None:
            return tab
        index = [a for a, _m, _c in TABS].index(attr)
        module = importlib.import_module(f"rejnistvo.ui.views.{TABS[index][1]}")
        tab = getattr(module, TABS[index][2])(self.ctx, self)
        self._built[attr] = tab
        placeholder = self.tabs.widget(index)
        current = self.tabs.currentIndex()
        blocked = self.tabs.blockSignals(True)
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, tab, self._titles()[index])
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(blocked)
        placeholder.deleteLater()
        # Every tab's texts are set when it is built: the view's own retranslate() ran
        # before any tab existed (without this the tabs showed blank buttons and labels).
        tab.retranslate()
        from rejnistvo.ui.views.settings_common import enter_on_buttons

        enter_on_buttons(tab)
        if attr != "audit_tab":
            tab.reveal = lambda tab=tab: self.tabs.setCurrentWidget(tab)
            if attr == "centres_tab":
                # A centre's subgroup shows on the subgroups tab too: reload every tab.
                tab.changed = self.refresh
            if not self.is_stale():
                tab.refresh()  # the view has shown its rows: this tab shows its own too
        if self.isVisible():
            from rejnistvo.ui.widgets.keyboard import guard_wheel

            guard_wheel(tab)  # as the window does for the screen's other combos
        return tab

    # -- the view's contract ------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        general = self._built.get("general_tab")
        centres = self._built.get("centres_tab")
        return (
            bool(general is not None and general.dirty)
            or bool(centres is not None and centres.has_unsaved_changes())
            or bool(self._typed_rows())
        )

    def _typed_rows(self) -> list[tuple[Any, Callable[[], bool]]]:
        """New rows typed under Zneski rejnine (amounts, birth grant) and not added, each
        with its fields and how it is added: Ctrl+S said »Ni sprememb za shranjevanje.«
        and closing the window dropped them without a word."""
        from rejnistvo.ui.format import format_amount, format_date

        rates = self._built.get("rates_tab")
        if rates is None:
            return []
        grants = rates.grants
        boxes = (
            (
                rates,
                (rates.rate_from, rates.rate_board, rates.rate_fee, rates.rate_source),
                {
                    (format_date(r.valid_from), format_amount(r.board), format_amount(r.fee))
                    + (r.source,)
                    for r in rates._rows.values()
                },
                rates.add_rate,
            ),
            (
                grants,
                (grants.grant_from, grants.grant_amount, grants.grant_source),
                {
                    (format_date(r.valid_from), format_amount(r.amount), r.source)
                    for r in grants._rows.values()
                },
                grants.add_grant,
            ),
        )
        typed = []
        for box, fields, stored, add in boxes:
            texts = tuple(field.edit.text().strip() for field in fields)
            # a stored row still shown after the list was read again (its selection
            # gone) is no new row
            if box.selected is None and any(texts) and texts not in stored:
                typed.append((fields, add))
        return typed

    def discard(self) -> None:
        if "general_tab" in self._built:
            self._built["general_tab"].dirty = False
        if "centres_tab" in self._built:
            self._built["centres_tab"]._centre_dirty = False
        for fields, _add in self._typed_rows():
            for field in fields:
                field.set_value(None)

    def save(self) -> bool:
        centres = self._built.get("centres_tab")
        if centres is not None and centres.has_unsaved_changes() and not centres.save_centre():
            return False
        # a typed row is added as its »Dodaj« adds it: checked and asked first
        for _fields, add in self._typed_rows():
            if not add():
                return False
        general = self._built.get("general_tab")
        return True if general is None else bool(general.save())

    def title(self) -> str:
        return self.tr("Nastavitve")

    def _titles(self) -> tuple[str, ...]:
        return (
            self.tr("Zneski rejnine"),
            self.tr("Centri in enote"),
            self.tr("Podskupine in kandidati"),
            self.tr("Splošno"),
            self.tr("Dnevnik sprememb"),
        )

    def retranslate(self) -> None:
        for index, text in enumerate(self._titles()):
            self.tabs.setTabText(index, text)
        for tab in self._built.values():
            tab.retranslate()

    def _tab_changed(self, index: int) -> None:
        if isinstance(self.tabs.widget(index), _Unbuilt):
            self._tab(TABS[index][0])  # builds it (and reads its rows)
        if self.tabs.widget(index) is self._built.get("audit_tab"):
            self._built["audit_tab"].reload()
        # The screen scrolls as a whole on a laptop: a tab chosen while a taller one was
        # scrolled down showed the page below its own top, the tab bar out of sight.
        from rejnistvo.ui.widgets.fields import into_sight

        into_sight(self.tabs.tabBar())

    def refresh(self) -> None:
        super().refresh()
        audit = self._built.get("audit_tab")
        if audit is not None and self.tabs.currentWidget() is audit:
            audit.reload()
        for tab in self.built_tabs():
            tab.refresh()

    def focus_search(self) -> None:
        """Ctrl+F: the search box of the tab in front (Centri in enote, Dnevnik
        sprememb); it said »Ta zaslon nima iskanja.« with the box in sight."""
        tab = self.tabs.currentWidget()
        if tab is self._built.get("centres_tab"):
            box = tab.centres_search
        elif tab is self._built.get("audit_tab"):
            box = tab.search
        else:
            super().focus_search()
            return
        box.setFocus()
        box.selectAll()

    def new_record(self) -> None:
        if self.tabs.currentWidget() is self._built.get("centres_tab"):
            self.centres_tab.new_centre()
            return
        self.tabs.setCurrentWidget(self.rates_tab)
        self.rates_tab.rate_from.setFocus()

    def open_record(self, kind: str, record_id: int) -> bool:
        if kind not in ("subgroup", "settings"):
            return False
        if self.is_stale():
            self.refresh()
        if kind == "settings" and record_id == GENERAL_SETTINGS:  # Roki's first steps
            general = self.general_tab
            self.tabs.setCurrentWidget(general)
            missing_name = not general.centre_name.text().strip()
            (general.centre_name if missing_name else general.centre_iban).setFocus()
            return True
        if kind == "settings":  # Roki's missing indexation: the rate table
            self.tabs.setCurrentWidget(self.rates_tab)
            return True
        self.tabs.setCurrentWidget(self.subgroups_tab)
        self.subgroups_tab.show_subgroup(record_id)
        return True


VIEW_CLASS = SettingsView
