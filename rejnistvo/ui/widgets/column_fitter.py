"""A table's columns kept within the width its viewport has (Izplačila's ledger, the
lists of *Koordinator* and the change log): the columns a screen chooses give up their
width in its order, each down to its floor, the width left over goes to the columns it
names, and its columns are laid out again whenever the viewport is resized.

What differs between the screens (which columns give way, how far, which are left out
and when) is the subclass's ``layout``; the watching, the hiding and the sizing are here
once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView

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
