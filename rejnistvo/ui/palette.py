"""Disabled texts that can be read.

A decided R-4 case, an R-5 whose finding is closed and the coordinator's steps not yet
open are shown disabled: they are information the caseworker reads, not noise. Qt's
Fusion style greys disabled text to #bebebe on #efefef (contrast 1.6 : 1); the program
darkens it (on a dark theme: lightens it) until it reads at 4.5 : 1, the contrast asked
of body text (WCAG 2.1, 1.4.3), still lighter than enabled text."""

from __future__ import annotations

from typing import Any

#: the contrast a disabled text keeps against its background
READABLE = 4.5


def _luminance(colour: Any) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    red, green, blue = colour.red(), colour.green(), colour.blue()
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: Any, second: Any) -> float:
    """WCAG contrast ratio of two QColors (1 … 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_disabled_texts(app: Any) -> bool:
    """Give the application's disabled texts a readable grey where the style's is too
    faint; True when the palette was changed."""
    from PySide6.QtGui import QColor, QGuiApplication, QPalette

    if not isinstance(app, QGuiApplication):
        return False
    palette = app.palette()
    disabled = QPalette.ColorGroup.Disabled
    roles = QPalette.ColorRole
    changed = False
    for text, background in (
        (roles.Text, roles.Base),
        (roles.WindowText, roles.Window),
        (roles.ButtonText, roles.Button),
    ):
        behind = palette.color(disabled, background)
        if contrast(palette.color(disabled, text), behind) >= READABLE:
            continue
        dark_background = _luminance(behind) < 0.18
        # step from mid grey away from the background until the text reads
        for level in range(0x80, -1, -4) if not dark_background else range(0x80, 0x100, 4):
            grey = QColor(level, level, level)
            if contrast(grey, behind) >= READABLE:
                palette.setColor(disabled, text, grey)
                changed = True
                break
    if changed:
        app.setPalette(palette)
    return changed
