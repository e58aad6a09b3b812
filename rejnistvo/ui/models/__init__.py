"""Table models: rows come in through set_rows(); models never query the database."""

from rejnistvo.ui.models.cell_delegate import CellDelegate
from rejnistvo.ui.models.cells import SORT_ROLE, Column
from rejnistvo.ui.models.filter_proxy import FilterProxy
from rejnistvo.ui.models.table import RecordTableModel

__all__ = ["SORT_ROLE", "CellDelegate", "Column", "FilterProxy", "RecordTableModel"]
