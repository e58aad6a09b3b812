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

from PySide6.QtWidgets import QTableView

from rejnistvo.ui.models import Column
from rejnistvo.ui.widgets.column_fitter import ChosenColumns, give_way, share_out

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
    ("place", 64),  # the unit's name (»Šentjur (…«, »Škofja L…«), the whole in its tooltip
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


class LineColumns(ChosenColumns):
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
        super().__init__(
            table,
            [column.key for column in columns],
            settings,
            _SETTING.format(name),
            HIDDEN_AT_FIRST[name],
            tr,
        )
        self._natural = list(natural)
        self.apply()

    def layout(self, room: int) -> tuple[dict[int, bool], dict[int, int]]:
        shown = [c for c, key in enumerate(self._keys) if key not in self.hidden]
        widths = fitted([self._natural[c] for c in shown], [self._keys[c] for c in shown], room)
        hidden = {column: key in self.hidden for column, key in enumerate(self._keys)}
        return hidden, dict(zip(shown, widths, strict=True))
