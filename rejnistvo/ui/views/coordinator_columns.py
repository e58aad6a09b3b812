"""The incoming list of *Koordinator* fitted to the width it is given: beside the step
panel at 1024 × 700 the list has ~430 px for seven columns, and at their natural widths
the last three (Poslano, Prejeto, Center) stood off to the right behind a horizontal
scroll bar. Here the columns whose texts are names (the child, the state, the centre)
give way first, their texts elided (the cell's tooltip is its whole text); the case
number, the waiting days and the dates keep their widths, being useless when cut."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QTableView

#: every centre's name starts so (the catalogue's), and the column is headed »Center«
_CENTRE_PREFIX = "center za socialno delo "
#: the narrowest an elastic column gets: a few letters and the ellipsis
MIN_ELASTIC = 48
#: ... and when the list is too narrow even for that: two letters and the ellipsis
LAST_RESORT = 30
#: a cell's text margins (the item view's 3 px a side) and a little air
_CELL_PAD = 8
#: a header's margins and its sort arrow, drawn right of the text once sorted
_HEADER_PAD = 22
#: the rows measured: the list's first screenful or so, never thousands
_SAMPLE = 60


def short_centre(name: str) -> str:
    """»Center za socialno delo Celje« → »Celje«: the words all rows share say nothing."""
    if name.casefold().startswith(_CENTRE_PREFIX):
        return name[len(_CENTRE_PREFIX) :]
    return name


def shrink_to(natural: list[int], elastic: set[int], width: int) -> list[int]:
    """Column widths that fit ``width``: the elastic columns give up their width above
    ``MIN_ELASTIC`` in proportion to it; the others keep theirs. When that is not enough
    (a busy list: its vertical scroll bar and five-figure case numbers) they go on down to
    ``LAST_RESORT``, equally; below that the list scrolls sideways."""
    excess = sum(natural) - width
    if excess <= 0 or not elastic:
        return list(natural)
    fixed = sum(w for c, w in enumerate(natural) if c not in elastic)
    share = (width - fixed) // len(elastic)
    floor = max(LAST_RESORT, min(MIN_ELASTIC, share))
    spare = {c: max(natural[c] - floor, 0) for c in elastic}
    room = sum(spare.values())
    if room == 0:
        return list(natural)
    take = min(excess, room)
    widths = list(natural)
    given = 0
    ordered = sorted(c for c in spare if spare[c])
    for position, c in enumerate(ordered):
        # the last one takes the rounding, so the sum is exactly the width
        cut = take - given if position == len(ordered) - 1 else spare[c] * take // room
        widths[c] -= cut
        given += cut
    return widths


class FitColumnsToWidth(QObject):
    """Keeps a table's columns within its viewport's width (see the module's text):
    ``refit()`` after the rows are read measures the natural widths, a resize of the
    list refits them."""

    def __init__(self, table: QTableView, elastic: set[int], max_width: int = 200) -> None:
        super().__init__(table)
        self._table, self._elastic, self._max = table, elastic, max_width
        self._natural: list[int] = []
        table.horizontalHeader().setStretchLastSection(False)
        table.viewport().installEventFilter(self)

    def refit(self) -> None:
        """Measure the columns' natural widths (after the rows are read) and fit them.

        Measured here, not by ``fit_columns``: that one leaves room for Qt's header
        sizes (the sort arrow's space in every header), ~16 px a column the narrow list
        does not have, and never sizes the stretched last column."""
        table, model = self._table, self._table.model()
        metrics = table.fontMetrics()
        display = Qt.ItemDataRole.DisplayRole
        rows = min(model.rowCount(), _SAMPLE)
        natural = []
        for column in range(model.columnCount()):
            title = str(model.headerData(column, Qt.Orientation.Horizontal, display) or "")
            width = metrics.horizontalAdvance(title) + _HEADER_PAD
            texts = {str(model.index(row, column).data(display) or "") for row in range(rows)}
            for text in texts:
                width = max(width, metrics.horizontalAdvance(text) + _CELL_PAD)
            natural.append(min(width, self._max))
        self._natural = natural
        self._apply()

    def _apply(self) -> None:
        if not self._natural:
            return
        header = self._table.horizontalHeader()
        room = self._table.viewport().width()
        widths = shrink_to(self._natural, self._elastic, room)
        # what is left over goes to the last column, as in the other lists (sized here,
        # not by Qt's stretched last section, which kept its default 100 px)
        widths[-1] += max(room - sum(widths), 0)
        for column, width in enumerate(widths):
            header.resizeSection(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Resize:
            self._apply()
        return False
