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


# -- signal colours on any theme -------------------------------------------------------------
# The program's red, orange, green and grey texts were chosen for the light window it was
# drawn on: on a dark theme (Windows' dark mode, a dark desktop) #b00020 reads at 2.3 : 1
# on the table's #1c1c1c. Each is kept where it reads at READABLE on the background it is
# painted on (the light look unchanged); elsewhere the same hue is lightened (on a dark
# background) or darkened until it does.

#: overdue, invalid, missing: the program's red
ERROR = "#b00020"
#: a warning to read before going on (the payment run's)
WARNING = "#9a4d00"
#: a check that passed (the audit chain)
SUCCESS = "#1b5e20"
#: rows that are done (settled overpayments)
SETTLED = "#757575"
#: the text of a notice box (the R-4 proposal that differs from the coordinator's)
NOTICE = "#8a4b00"
#: the notice box's background
NOTICE_BACKGROUND = "#fff4e0"
#: the pale blue box around what the program suggests or explains
SUGGESTION_BACKGROUND = "#eef4ff"


def _readable_on_all(colour: Any, backgrounds: tuple[Any, ...]) -> bool:
    return all(contrast(colour, behind) >= READABLE for behind in backgrounds)


def readable(colour: str, background: Any, *also: Any) -> Any:
    """``colour`` as a QColor where it reads at READABLE on ``background``; else the
    same hue with its lightness moved away from the background until it reads on it and
    on each of ``also`` (a table's alternate rows)."""
    from PySide6.QtGui import QColor

    wanted = QColor(colour)
    if contrast(wanted, background) >= READABLE:
        return wanted
    behinds = (background, *also)
    hue, saturation, lightness, _alpha = wanted.getHslF()
    darker = _luminance(background) >= 0.18
    steps = [i / 100 for i in range(101)]
    for level in reversed(steps) if darker else steps:
        if (darker and level > lightness) or (not darker and level < lightness):
            continue
        candidate = QColor.fromHslF(max(hue, 0.0), saturation, level)
        if _readable_on_all(candidate, behinds):
            return candidate
    return QColor("#000000") if darker else QColor("#ffffff")


def _palette() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.palette()


def text_colour(colour: str) -> Any:
    """A signal colour for a label's text, on the window's background."""
    from PySide6.QtGui import QPalette

    return readable(colour, _palette().color(QPalette.ColorRole.Window))


def cell_colour(colour: str) -> Any:
    """A signal colour for a table's text: on its rows and its alternate rows."""
    from PySide6.QtGui import QPalette

    palette = _palette()
    roles = QPalette.ColorRole
    return readable(colour, palette.color(roles.Base), palette.color(roles.AlternateBase))


def text_style(colour: str) -> str:
    """The style sheet of a label in a signal colour: ``color: #b00020;`` on a light window."""
    return f"color: {text_colour(colour).name()};"


def box_background(tint: str) -> Any:
    """A box's background: ``tint`` where the window's text reads on it; on a dark theme
    (white text on a pale box) a dark shade of the same hue, so the box stays a box."""
    from PySide6.QtGui import QColor, QPalette

    palette = _palette()
    pale = QColor(tint)
    text = palette.color(QPalette.ColorRole.WindowText)
    if contrast(text, pale) >= READABLE:
        return pale
    hue, saturation, _lightness, _alpha = pale.getHslF()
    window = palette.color(QPalette.ColorRole.Window)
    for level in range(25, 0, -1):
        shade = QColor.fromHslF(max(hue, 0.0), min(saturation, 0.45), level / 100)
        if contrast(text, shade) >= READABLE and shade != window:
            return shade
    return window


def box_style(tint: str, colour: str | None = None, extra: str = "") -> str:
    """The style sheet of a box: its background from ``box_background``, its text in
    ``colour`` (readable on that background) or the window's text colour."""
    background = box_background(tint)
    parts = []
    if colour is not None:
        parts.append(f"color: {readable(colour, background).name()};")
    parts.append(f"background: {background.name()};")
    if extra:
        parts.append(extra)
    return " ".join(parts)
