"""The incoming list of *Koordinator* fitted to the width it is given: beside the step
panel at 1024 × 700 the list has ~430 px for seven columns, and at their natural widths
the last three (Poslano, Prejeto, Center) stood off to the right behind a horizontal
scroll bar. Here the columns whose texts are names (the child, the state, the centre)
give way first, their texts elided (the cell's tooltip is its whole text); the case
number, the waiting days and the dates keep their widths, being useless when cut.

A name is not cut below what a clerk can read (its floor, e.g. "Tjaša Kovačič"): on a
busy subgroup (1,100 cases, five-figure case numbers, a scroll bar) the names had shrunk
to two letters. Before that, the columns the step panel repeats for the chosen case
(Poslano, then Center) leave the list, and come back when it is wide enough."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from rejnistvo.ui.widgets.column_fitter import ColumnFitter, give_way, share_out

#: every centre's name starts so (the catalogue's), and the column is headed »Center«
_CENTRE_PREFIX = "center za socialno delo "
#: ... and every unit's so (the column is headed »Enota«)
_UNIT_PREFIX = "enota "
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


def shrink_to(
    natural: list[int],
    elastic: Collection[int],
    width: int,
    floors: dict[int, int] | None = None,
) -> list[int]:
    """Column widths that fit ``width``: the elastic columns give up their width above
    their floor (``floors``, else ``MIN_ELASTIC``), one after another in the order given
    (a set: by column), so the last one keeps the most of its text; the others keep
    theirs. When that is not enough (a busy list: its vertical scroll bar and five-figure
    case numbers) they go on down to ``LAST_RESORT``, equally; below that the list
    scrolls sideways."""
    excess = sum(natural) - width
    if excess <= 0 or not elastic:
        return list(natural)
    order = sorted(elastic) if isinstance(elastic, set | frozenset) else list(elastic)
    fixed = sum(w for c, w in enumerate(natural) if c not in order)
    share = (width - fixed) // len(order)
    floors = floors or {}
    return give_way(
        natural,
        [(c, max(LAST_RESORT, min(floors.get(c, MIN_ELASTIC), share))) for c in order],
        width,
    )


def columns_to_hide(
    natural: list[int], floors: dict[int, int], droppable: Sequence[int], width: int
) -> set[int]:
    """The ``droppable`` columns (in that order) to leave out so that every name column
    (``floors``) keeps its readable floor within ``width``; none when all fit."""
    hidden: set[int] = set()

    def needed() -> int:
        return sum(
            min(w, floors[c]) if c in floors else w
            for c, w in enumerate(natural)
            if c not in hidden
        )

    for column in droppable:
        if needed() <= width:
            break
        hidden.add(column)
    return hidden


def short_unit(name: str) -> str:
    """»Enota Ljubljana Vič-Rudnik« → »Ljubljana Vič-Rudnik«: the column is headed
    »Enota«, and the word every row repeated cost a column's width at 1024 px."""
    if name.casefold().startswith(_UNIT_PREFIX):
        return name[len(_UNIT_PREFIX) :]
    return name


def measure(
    table: QTableView, max_width: int, widest: Mapping[int, str] | None = None
) -> list[int]:
    """The columns' natural widths (header or the first rows' texts, at most
    ``max_width``); measured so, not by ``fit_columns``, see ``FitColumnsToWidth.refit``.
    ``widest``: a text per column its cells may reach outside the rows measured (as
    ``tables.fit_columns``)."""
    model = table.model()
    metrics = table.fontMetrics()
    display = Qt.ItemDataRole.DisplayRole
    rows = min(model.rowCount(), _SAMPLE)
    natural = []
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal, display) or "")
        width = metrics.horizontalAdvance(title) + _HEADER_PAD
        texts = {str(model.index(row, column).data(display) or "") for row in range(rows)}
        if widest and column in widest:
            texts.add(widest[column])
        for text in texts:
            width = max(width, metrics.horizontalAdvance(text) + _CELL_PAD)
        natural.append(min(width, max_width))
    return natural


class FitColumnsToWidth(ColumnFitter):
    """Keeps a table's columns within its viewport's width (see the module's text):
    ``refit()`` after the rows are read measures the natural widths, a resize of the
    list refits them.

    ``elastic``: the name columns in the order they give way, each with the text its
    floor is measured on (None, or a plain set of columns: ``MIN_ELASTIC``); ``droppable``: the columns left out, in this order, before a name
    goes below its floor; ``widest``: a text per column that must fit though the rows
    measured lack it (a date the step records later in a row: »5. 12. …«)."""

    def __init__(
        self,
        table: QTableView,
        elastic: Mapping[int, str | None] | Collection[int],
        max_width: int = 200,
        droppable: Sequence[int] = (),
        widest: Mapping[int, str] | None = None,
    ) -> None:
        super().__init__(table)
        self._max = max_width
        self._widest = dict(widest or {})
        self._elastic: dict[int, str | None] = (
            dict(elastic) if isinstance(elastic, Mapping) else dict.fromkeys(sorted(elastic))
        )
        self._floors: dict[int, int] = {}
        self._droppable = tuple(droppable)
        self._natural: list[int] = []

    def refit(self) -> None:
        """Measure the columns' natural widths (after the rows are read) and fit them.

        Measured here, not by ``fit_columns``: that one leaves room for Qt's header
        sizes (the sort arrow's space in every header), ~16 px a column the narrow list
        does not have, and never sizes the stretched last column."""
        table = self._table
        metrics = table.fontMetrics()
        self._natural = measure(table, self._max, self._widest)
        self._floors = {
            c: metrics.horizontalAdvance(text) + _CELL_PAD if text else MIN_ELASTIC
            for c, text in self._elastic.items()
        }
        self.apply()

    def layout(self, room: int) -> tuple[dict[int, bool], dict[int, int]] | None:
        if not self._natural:
            return None
        hidden = columns_to_hide(self._natural, self._floors, self._droppable, room)
        shown = [0 if c in hidden else w for c, w in enumerate(self._natural)]
        elastic = [c for c in self._elastic if c not in hidden]
        widths = shrink_to(shown, elastic, room, self._floors)
        # what is left over goes to the last column shown, as in the other lists
        last = max(c for c in range(len(widths)) if c not in hidden)
        share_out(widths, [last], room)
        dropped = {column: column in hidden for column in self._droppable}
        return dropped, {c: w for c, w in enumerate(widths) if c not in hidden}
