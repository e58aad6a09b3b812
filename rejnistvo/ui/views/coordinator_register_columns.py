"""Koordinator → *Evidenca (čl. 29)*: the register's sixteen columns fitted to the width
the screen has, as Izplačila's ledger is (``payments_columns``).

At 1024 × 700 the register has ~760 px and its columns at their natural widths ~1,900:
the list scrolled sideways and the decision stood off to the right. Now:

* the centre (the unit names it), the proposal and its date, the acceptance, the commission's
  date and members and the return are hidden until shown: a right click on the header
  shows or hides any column, and the choice is kept for the next start. Every export
  has all the columns;
* the decision, the members, the unit, the centre and the names give way in that order
  (elided, the whole text in the cell's tooltip); the numbers and dates never do;
* the width left over goes to the decision, else to the last column shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QTableView

from rejnistvo.ui.views.coordinator_columns import measure
from rejnistvo.ui.widgets.column_fitter import ChosenColumns, give_way, share_out

#: hidden until the user shows them (the header's menu)
HIDDEN_AT_FIRST = frozenset(
    {
        "centre",
        "proposed_percent",  # the decision says what was decided, the export both
        "prepared",
        "accepted",
        "commission_named",
        "members",
        "returned",
    }
)
#: the columns that give way, first to last, each down to its narrowest
GIVE_WAY: tuple[tuple[str, int], ...] = (
    ("decision", 116),  # »ZVIŠA za 50 % …«: the percent in view; »NE ZVIŠA« whole
    ("members", 120),
    ("unit", 72),  # »Ljubljana …«, »Kočevje«
    ("centre", 72),
    ("carer", 72),  # as on Izplačila
    ("child", 72),
)
#: the widest a column is measured to (a long decision or the three members)
MAX_WIDTH = 260
SETTING = "coordinator/register_hidden_columns"


def fitted(natural: Sequence[int], keys: Sequence[str], room: int) -> list[int]:
    """Widths of the columns shown (``natural``, their ``keys``) within ``room`` px."""
    floors = [(keys.index(key), narrowest) for key, narrowest in GIVE_WAY if key in keys]
    widths = give_way(natural, floors, room)
    growing = [keys.index("decision")] if "decision" in keys else [len(widths) - 1]
    return share_out(widths, growing if widths else [], room)


class RegisterColumns(ChosenColumns):
    """The register's table with its columns fitted to its width (the module's text):
    ``refit()`` after the rows are read measures them; ``keys`` are the columns' keys
    in the model's order, ``settings`` where the hidden ones are kept."""

    def __init__(
        self, table: QTableView, keys: Sequence[str], settings: Any, tr: Callable[[str], str]
    ) -> None:
        super().__init__(table, keys, settings, SETTING, HIDDEN_AT_FIRST, tr)
        self._natural: list[int] = []

    def refit(self) -> None:
        """Measure the columns (after the rows are read) and fit them."""
        self._natural = measure(self._table, MAX_WIDTH)
        self.apply()

    def layout(self, room: int) -> tuple[dict[int, bool], dict[int, int]] | None:
        hidden = {column: key in self.hidden for column, key in enumerate(self._keys)}
        if len(self._natural) != len(self._keys):
            return hidden, {}  # not measured yet: the hidden ones hidden all the same
        shown = [c for c, key in enumerate(self._keys) if key not in self.hidden]
        widths = fitted([self._natural[c] for c in shown], [self._keys[c] for c in shown], room)
        return hidden, dict(zip(shown, widths, strict=True))
