"""Table models: rows come in through set_rows(); models never query the database."""

from rejnistvo.ui.models.cell_delegate import CellDelegate
from rejnistvo.ui.models.table import (
    SORT_ROLE,
    Column,
    FilterProxy,
    RecordTableModel,
)

__all__ = ["SORT_ROLE", "CellDelegate", "Column", "FilterProxy", "RecordTableModel"]
