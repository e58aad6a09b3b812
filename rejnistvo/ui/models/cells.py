"""A list's columns and what their cells answer Qt: ``Column`` (its record's key, its
header, how its value is shown), a value's text and sort order, and the roles, alignment
and flags as plain values looked up once (a painted cell asks ~8 roles, a keystroke
repaints a few hundred cells, and most roles (font, icon, check box …) get None)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from rejnistvo.rules.text import sort_fold
from rejnistvo.ui.format import format_amount, format_date

SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
RECORD_ROLE = int(Qt.ItemDataRole.UserRole) + 2

DISPLAY = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
#: the roles a list's model answers (any other: None)
ANSWERED = frozenset({DISPLAY, TOOLTIP, ALIGNMENT, FOREGROUND, SORT_ROLE, RECORD_ROLE})
RIGHT_FLAGS = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
RIGHT = int(RIGHT_FLAGS)  # data()'s answer; paint_cell's is the flags themselves
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
NO_FLAGS = Qt.ItemFlag.NoItemFlags

Index = QModelIndex | QPersistentModelIndex

#: Qt's methods called per painted cell, unbound (looked up once, not on each object)
is_valid = cast(Callable[[Index], bool], QModelIndex.isValid)
row_of = cast(Callable[[Index], int], QModelIndex.row)


def default_formatter(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "da" if value else "ne"
    if isinstance(value, Decimal):
        return format_amount(value)
    if isinstance(value, date):
        return format_date(value)
    return str(value)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    formatter: Callable[[Any], str] | None = None
    align_right: bool = False


def as_column(spec: Column | tuple) -> Column:
    if isinstance(spec, Column):
        return spec
    key, header, *rest = spec
    formatter = rest[0] if rest else None
    return Column(key, header, formatter)


def sort_key(value: Any) -> tuple:
    """Empty values sort last; otherwise the native value (str case-insensitively, in
    the Slovenian alphabet's order: C before Č, Z before Ž)."""
    if value is None or value == "":
        return (1, 0)
    if isinstance(value, str):
        return (0, sort_fold(value))
    return (0, value)
