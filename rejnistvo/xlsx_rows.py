"""Rows appended to an openpyxl sheet with every text kept as the text it is.

openpyxl stores a string that starts with »=« as a formula, and Excel runs it: a note
typed as »=1+2« showed 3 in the exported list, and »=HYPERLINK(…)« became a live link
in a file of children's personal data. Such a cell is marked as text again."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def append_as_typed(sheet: Any, values: Sequence[object]) -> None:
    """``sheet.append(values)``, but a text starting with »=« stays text."""
    sheet.append(values)
    if any(isinstance(value, str) and value.startswith("=") for value in values):
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
