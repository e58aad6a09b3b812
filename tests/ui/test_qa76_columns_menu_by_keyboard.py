"""Izplačila with the keyboard only (QA76): the centre, the unit and the IBAN are hidden
columns, shown from the header's right-click menu — but the header never takes the
keyboard, so a clerk without a mouse could never show them (nor read the cut »Enota
(center)« in full: its tooltip needs the mouse too). The menu key or Shift+F10 in the
table now opens the same menu."""

from __future__ import annotations

from _laptop_window import laptop_window
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from rejnistvo.ui.widgets.column_fitter import ChosenColumns


def test_the_menu_key_in_the_table_opens_the_columns_menu(qtbot, ctx, monkeypatch):
    window = laptop_window(qtbot, ctx)
    view = window.show_screen("payments_view")
    qtbot.waitUntil(lambda: not view.is_busy() and view.run is not None, timeout=20000)
    shown: list[list[str]] = []
    real_menu = ChosenColumns.menu

    class Opened:
        """The columns' menu, recorded instead of run (a real one waits for a choice)."""

        def __init__(self, columns: ChosenColumns) -> None:
            self.menu: QMenu = real_menu(columns)

        def exec(self, *_args: object) -> None:
            shown.append([action.text() for action in self.menu.actions()])

    monkeypatch.setattr(ChosenColumns, "menu", lambda columns: Opened(columns))
    table = view.paid_table
    table.setFocus()
    # what Qt sends the focused table for the menu key or Shift+F10
    at = QPoint(10, 10)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, at, table.viewport().mapToGlobal(at)
    )
    QApplication.sendEvent(table.viewport(), event)
    assert shown and "IBAN" in shown[0] and "Center" in shown[0]
    assert table.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
