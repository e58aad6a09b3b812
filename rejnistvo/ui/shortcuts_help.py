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


def field_keys() -> list[str]:
    """The keys of the fields and buttons themselves, which are no actions to read: a
    keyboard user learnt Alt+letter, the calendar's key and Ctrl+Z nowhere in the
    program (found by QA54). Qt's standard keys are read as the system writes them."""
    undo = QKeySequence(QKeySequence.StandardKey.Undo).toString(
        QKeySequence.SequenceFormat.NativeText
    )
    return [
        "Tab, Shift+Tab – naslednje, prejšnje polje ali gumb",
        "Alt – pokaže črke gumbov; Alt+črka – pritisne gumb",
        "Preslednica – pritisne gumb z okvirjem, odkljuka potrditveno polje",
        "Alt+↓ ali F4 – koledar ob datumu, seznam ob izbiri",
        "Ctrl+Tab, Ctrl+Shift+Tab – naslednji, prejšnji zavihek (kazalec je v zavihku)",
        "Home, End – prva, zadnja vrstica seznama",
        "Enter v seznamu Rokov, R-4 ali R-5 – odpre izbrano vrstico",
        "Enter ali ↓ v iskanju na Rejnikih, Otrocih in Namestitvah – v seznam, na prvi "
        "zadetek; Enter v seznamu – v prvo polje zapisa",
        "Enter v iskanju R-4 ali R-5 – odpre prvi zadetek; ↓ – v seznam",
        f"{undo} – v tabeli obdobij ali usposabljanj vrne nazadnje odstranjeno vrstico",
        "Preslednica v stolpcu Plačano – obrok vračila je plačan; F2 – dan in znesek plačila",
    ]


def shortcuts_text(menus: Iterable[QMenu], screen: QWidget | None, screen_title: str) -> str:
    """Each menu's shortcuts under its title, then those of the shown screen, then the
    keys of the fields and buttons (:func:`field_keys`)."""
    parts = []
    for menu in menus:
        lines = action_lines(menu.actions())
        if lines:
            parts.append(_name(menu.menuAction()) + ":\n" + "\n".join(lines))
    if screen is not None:
        lines = action_lines(screen.findChildren(QAction))
        if lines:
            parts.append(screen_title + ":\n" + "\n".join(lines))
    parts.append("Polja in gumbi:\n" + "\n".join(field_keys()))
    return "\n\n".join(parts)
