"""Nastavitve as the window opens it: every tab, built when first shown, has its labels,
headers and button texts. Built lazily, the tabs skipped retranslate(): in the real
window Zneski rejnine, Centri in enote … showed blank buttons and fields without labels."""

from __future__ import annotations

from _laptop_window import laptop_window
from PySide6.QtWidgets import QLabel, QPushButton, QTableView


def test_every_settings_tab_has_its_texts_when_first_shown(qtbot, ctx):
    window = laptop_window(qtbot, ctx)
    window.show_screen("settings_view")
    view = window.view("settings_view")
    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)
        tab = view.tabs.widget(index)
        name = view.tabs.tabText(index)
        buttons = [b for b in tab.findChildren(QPushButton) if b.isVisibleTo(tab)]
        assert buttons, name
        blank = [b.objectName() or repr(b) for b in buttons if not b.text().strip()]
        assert not blank, (name, blank)
        labels = [label for label in tab.findChildren(QLabel) if label.isVisibleTo(tab)]
        assert any(label.text().strip() for label in labels), name
        for table in tab.findChildren(QTableView):
            model = table.model()
            if model is not None and model.columnCount() and table.isVisibleTo(tab):
                header = model.headerData(0, table.horizontalHeader().orientation())
                assert header, (name, table.objectName())
