"""A table's columns kept within the width its viewport has (Izplačila's ledger, the
lists of *Koordinator* and the change log): the columns a screen chooses give up their
width in its order, each down to its floor, the width left over goes to the columns it
names, and its columns are laid out again whenever the viewport is resized.

What differs between the screens (which columns give way, how far, which are left out
and when) is the subclass's ``layout``; the watching, the hiding and the sizing are here
once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView

_RESIZE = QEvent.Type.Resize


def give_way(natural: Sequence[int], floors: Iterable[tuple[int, int]], room: int) -> list[int]:
    """Column widths within ``room`` px: each ``(column, floor)`` in turn gives up its
    width above its floor until the columns fit; the others keep theirs (below that the
    table scrolls sideways)."""
    widths = list(natural)
    excess = sum(widths) - room
    for column, floor in floors:
        if excess <= 0:
            break
        cut = min(excess, max(widths[column] - floor, 0))
        widths[column] -= cut
        excess -= cut
    return widths


def share_out(widths: list[int], growing: Sequence[int], room: int) -> list[int]:
    """The width ``room`` leaves over the columns, shared among the ``growing`` ones
    (the first get a pixel more when it does not divide); ``widths`` grown in place."""
    left = room - sum(widths)
    if left > 0 and growing:
        for position, column in enumerate(growing):
            widths[column] += left // len(growing) + (position < left % len(growing))
    return widths


class ColumnFitter(QObject):
    """Lays a table's columns out for the width of its viewport, now (``apply``) and at
    every resize of the viewport. The table's last column is sized here too, not
    stretched by Qt (Qt's stretched last section kept its default 100 px).

    A subclass answers ``layout(room)``: which columns it shows or hides (those it does
    not name keep their state) and the widths of the columns shown; None when it has no
    widths yet (its rows not measured)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)  # goes with its table
        self._table = table
        table.horizontalHeader().setStretchLastSection(False)
        table.viewport().installEventFilter(self)

    def layout(self, room: int) -> tuple[Mapping[int, bool], Mapping[int, int]] | None:
        raise NotImplementedError

    def apply(self) -> None:
        """The columns laid out for the viewport's width of now."""
        table = self._table
        laid_out = self.layout(table.viewport().width())
        if laid_out is None:
            return
        hidden, widths = laid_out
        header = table.horizontalHeader()
        for column, hide in hidden.items():
            header.setSectionHidden(column, hide)
        for column, width in widths.items():
            header.resizeSection(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == _RESIZE:
            self.apply()
        return False


class ChosenColumns(ColumnFitter):
    """A ColumnFitter whose columns the user shows or hides (a check mark each in the
    header's right-click menu), kept in ``settings`` under ``setting`` (keys joined by
    commas); ``hidden_at_first`` before the user chose. ``keys`` are the columns' keys
    in the model's order. Izplačila's ledger tables and the coordinator's register."""

    def __init__(
        self,
        table: QTableView,
        keys: Sequence[str],
        settings: Any,
        setting: str,
        hidden_at_first: Iterable[str],
        tr: Callable[[str], str],
    ) -> None:
        super().__init__(table)
        self._keys = list(keys)
        self._settings = settings
        self._setting = setting
        self._tr = tr
        kept = settings.value(setting) if settings is not None else None
        if isinstance(kept, str):
            self.hidden = {key for key in kept.split(",") if key in self._keys}
        else:
            self.hidden = set(hidden_at_first)
        header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_menu)
        # the header never takes the keyboard: the menu key (or Shift+F10) in the table
        # opens the same menu, else a keyboard-only clerk could never show a hidden column
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._show_table_menu)

    def menu(self) -> QMenu:
        """The header's menu: each column with a check mark, shown or not (at least
        one column stays)."""
        menu = QMenu(self._table)
        menu.setTitle(self._tr("Stolpci"))
        model = self._table.model()
        for column, key in enumerate(self._keys):
            text = str(model.headerData(column, Qt.Orientation.Horizontal) or key)
            action = QAction(text.replace("\n", " "), menu)
            action.setCheckable(True)
            action.setChecked(key not in self.hidden)
            action.setEnabled(key in self.hidden or len(self.hidden) < len(self._keys) - 1)
            action.toggled.connect(lambda on, k=key: self.show_column(k, on))
            menu.addAction(action)
        return menu

    def show_column(self, key: str, shown: bool) -> None:
        """Show or hide a column; kept in the settings for the next start."""
        if shown:
            self.hidden.discard(key)
        else:
            self.hidden.add(key)
        if self._settings is not None:
            self._settings.setValue(self._setting, ",".join(sorted(self.hidden)))
        self.apply()

    @Slot(QPoint)
    def _show_menu(self, at: QPoint) -> None:
        self.menu().exec(self._table.horizontalHeader().mapToGlobal(at))

    @Slot(QPoint)
    def _show_table_menu(self, at: QPoint) -> None:
        self.menu().exec(self._table.viewport().mapToGlobal(at))
