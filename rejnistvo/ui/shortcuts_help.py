"""Pomoč → Bližnjice na tipkovnici: the program's shortcuts as its menus and the shown
screen hold them, read from their actions (never a second list typed by hand, which
would go out of date with the first change of a key)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget


def _name(action: QAction) -> str:
    """The action's text as the menu shows it: without the & of its Alt letter and
    without a trailing »…«."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(" …")


def _keys(action: QAction) -> str:
    """The key the menu shows (a standard key's other bindings, such as a keyboard's
    own »Open« key, are left out as the menu leaves them out)."""
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def action_lines(actions: Iterable[QAction]) -> list[str]:
    """»Ctrl+S – Shrani« for each action with a shortcut, in the given order."""
    lines = []
    for action in actions:
        keys = _keys(action)
        if keys and action.text():
            lines.append(f"{keys} – {_name(action)}")
    return lines


def shortcuts_text(menus: Iterable[QMenu], screen: QWidget | None, screen_title: str) -> str:
    """Each menu's shortcuts under its title, then those of the shown screen."""
    parts = []
    for menu in menus:
        lines = action_lines(menu.actions())
        if lines:
            parts.append(_name(menu.menuAction()) + ":\n" + "\n".join(lines))
    if screen is not None:
        lines = action_lines(screen.findChildren(QAction))
        if lines:
            parts.append(screen_title + ":\n" + "\n".join(lines))
    return "\n\n".join(parts)
