"""Izplačila: the ledger's columns fitted to the width the screen has.

At a laptop's 1024 × 700 the table has ~780 px, and *Izplačilo*'s fourteen columns at
their usual widths ~1,370 px (QA6): the kind, the centre, the unit and the IBAN stood
behind a horizontal scroll bar. Now what a caseworker checks in a month's run is in
view without scrolling sideways:

* the centre, the unit and the IBAN are hidden until shown: the rows are ordered by
  centre and unit, *Skupaj po enotah in centrih* has their sums and every export has
  all three; on *Poračun* and *Preplačila* also the days, the factor and the two
  increases (the difference is read from *Skupaj*, the board and the fee and the
  reason), and the kind (on *Poračun* always »poračun«; on *Preplačila* the reason
  says whether an overpayment was undone). A right click on the header
  shows or hides any column; the choice is kept for the next start;
* the reason, the kind and the names give way in that order (elided, the whole text in
  the cell's tooltip); the amounts, the contract, the month, the days and the factor
  never do (a cut amount means nothing);
* the width left over goes to the reason, else to the names."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QPoint, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView

from rejnistvo.ui.models import Column
from rejnistvo.ui.widgets.column_fitter import ColumnFitter, give_way, share_out

#: hidden until the user shows them, by table (``LineColumns.name``)
HIDDEN_AT_FIRST: dict[str, frozenset[str]] = {
    "paid": frozenset({"centre", "unit", "iban"}),
    "arrears": frozenset(
        {"days", "factor", "board_increase", "fee_uplift", "kind", "centre", "unit", "iban"}
    ),
    # the kind too: at 1024 px it showed »prepl…« for both of its kinds, and its
    # reason says which (»preplačilo … je … razveljavljeno«); Razlog stood behind a
    # sideways scroll bar
    "overpayments": frozenset(
        {"days", "factor", "board_increase", "fee_uplift", "kind", "centre", "unit", "iban"}
    ),
}
#: the columns that give way, first to last, each down to its narrowest
GIVE_WAY: tuple[tuple[str, int], ...] = (
    ("reason", 150),  # »dodan znesek od 1. 3. …«: enough to tell the reasons apart
    ("unit", 64),
    ("centre", 64),
    ("kind", 56),  # »mesec«, »poračun« whole; »enkratno iz…«
    ("child", 72),
    ("carer", 72),
)
_SETTING = "payments/hidden_columns/{0}"


def fitted(natural: Sequence[int], keys: Sequence[str], room: int) -> list[int]:
    """Widths of the columns shown (`natural`, their `keys`) within `room` px: the
    columns of ``GIVE_WAY`` give up width in its order, each down to its narrowest;
    the others keep theirs (below that the table scrolls sideways)."""
    floors = [(keys.index(key), narrowest) for key, narrowest in GIVE_WAY if key in keys]
    widths = give_way(natural, floors, room)
    # the room left: to the reason where it is shown (the longest text), else to the
    # names (their usual width is a short name's), else to the last column
    growing = [keys.index(k) for k in ("reason",) if k in keys] or [
        keys.index(k) for k in ("carer", "child") if k in keys
    ]
    if not growing and widths:
        growing = [len(widths) - 1]
    return share_out(widths, growing, room)


class LineColumns(ColumnFitter):
    """One of the ledger's tables (*Izplačilo*, *Poračun*, *Preplačila*) with its
    columns fitted to its width (see the module's text): `natural` are the columns'
    usual widths (``payments_table.sample_widths``), `name` the table's key in
    ``HIDDEN_AT_FIRST`` and in the settings."""

    def __init__(
        self,
        table: QTableView,
        columns: Sequence[Column],
        natural: Sequence[int],
        name: str,
        settings: Any,
        tr: Callable[[str], str],
    ) -> None:
        super().__init__(table)
        self._keys = [column.key for column in columns]
        self._headers = [column.header.replace("\n", " ") for column in columns]
        self._natural = list(natural)
        self._settings = settings
        self._setting = _SETTING.format(name)
        self._tr = tr
        kept = settings.value(self._setting) if settings is not None else None
        if isinstance(kept, str):
            self.hidden = {key for key in kept.split(",") if key in self._keys}
        else:
            self.hidden = set(HIDDEN_AT_FIRST[name])
        header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_menu)
        self.apply()

    def layout(self, room: int) -> tuple[dict[int, bool], dict[int, int]]:
        shown = [c for c, key in enumerate(self._keys) if key not in self.hidden]
        widths = fitted([self._natural[c] for c in shown], [self._keys[c] for c in shown], room)
        hidden = {column: key in self.hidden for column, key in enumerate(self._keys)}
        return hidden, dict(zip(shown, widths, strict=True))

    def menu(self) -> QMenu:
        """The header's menu: each column with a check mark, shown or not (at least
        one column stays)."""
        menu = QMenu(self._table)
        menu.setTitle(self._tr("Stolpci"))
        for key, text in zip(self._keys, self._headers, strict=True):
            action = QAction(text, menu)
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
