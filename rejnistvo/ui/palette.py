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
#: where a disabled text's grey starts from
MID_GREY = "#808080"


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
    from PySide6.QtGui import QGuiApplication, QPalette

    if not isinstance(app, QGuiApplication):
        return False
    palette = app.palette()
    disabled = QPalette.ColorGroup.Disabled
    roles = QPalette.ColorRole
    changed = False
    # a decided R-4's rule suggestion is a disabled label on its box (the notice box gives
    # its text a colour of its own): on a dark theme's dark blue box the window's grey read
    # at 3.3 : 1
    boxes = (box_background(SUGGESTION_BACKGROUND),)
    for text, background, also in (
        (roles.Text, roles.Base, ()),
        (roles.WindowText, roles.Window, boxes),
        (roles.ButtonText, roles.Button, ()),
    ):
        behind = palette.color(disabled, background)
        if _readable_on_all(palette.color(disabled, text), (behind, *also)):
            continue
        # mid grey moved away from the background until the text reads (``readable``)
        palette.setColor(disabled, text, readable(MID_GREY, behind, *also))
        changed = True
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
#: Saturdays, Sundays and public holidays in a calendar (Qt's own red)
WEEKEND = "#ff0000"

#: ``cell_colour``'s colours of the theme of now
_cells: dict[str, Any] = {}


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
    """A signal colour for a table's text: on its rows and its alternate rows. Kept until
    the theme changes (a table asks it for each row it paints)."""
    found = _cells.get(colour)
    if found is None:
        from PySide6.QtGui import QPalette

        palette = _palette()
        roles = QPalette.ColorRole
        found = readable(colour, palette.color(roles.Base), palette.color(roles.AlternateBase))
        if follow_theme():  # forgotten when the theme changes
            _cells[colour] = found
    return found


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


def box_text_colour(tint: str, colour: str) -> str:
    """``colour`` (its #rrggbb) readable on the box of ``tint`` (a red line in rich text)."""
    return str(readable(colour, box_background(tint)).name())


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


def set_text_style(widget: Any, colour: str) -> None:
    """Give ``widget`` (a label) the text colour ``colour`` readable on the window, now
    and again whenever the desktop's theme changes (``follow_theme``)."""
    _set_style(widget, f"text\n{colour}")


def set_box_style(widget: Any, tint: str, colour: str | None = None, extra: str = "") -> None:
    """``box_style`` as ``widget``'s style sheet, now and at each change of theme."""
    _set_style(widget, f"box\n{tint}\n{colour or ''}\n{extra}")


#: the dynamic properties of a widget styled by ``set_text_style``/``set_box_style``:
#: what it was asked for, and the style sheet that gave
_RECIPE = "signalStyle"
_SHEET = "signalSheet"


def _sheet(recipe: str) -> str:
    kind, *parts = recipe.split("\n")
    if kind == "text":
        return text_style(parts[0])
    tint, colour, extra = parts
    return box_style(tint, colour or None, extra)


def _set_style(widget: Any, recipe: str) -> None:
    sheet = _sheet(recipe)
    widget.setProperty(_RECIPE, recipe)
    widget.setProperty(_SHEET, sheet)
    widget.setStyleSheet(sheet)
    follow_theme()


# -- following the desktop's theme while the program runs -------------------------------------
# Windows' dark mode switched on in the afternoon changes the application's palette (Qt 6
# emits paletteChanged, and colorSchemeChanged); the colours above were made for the palette
# of the start, so the clerk read dark red on a dark table until restarting.


def _theme() -> Any:
    """The one object that tells of a change of theme (``changed``), made when first asked."""
    global _THEME
    if _THEME is None:
        from PySide6.QtCore import QObject, Signal

        class Theme(QObject):
            #: the palette changed and the colours were made again: repaint what kept one
            changed = Signal()

        _THEME = Theme()
    return _THEME


_THEME: Any = None
#: the application whose palette is followed
_FOLLOWED: Any = None
_CHANGING = False


def follow_theme() -> bool:
    """Make the colours again whenever the application's palette changes (once per
    application; the first call connects). False where there is no application."""
    global _FOLLOWED
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return False
    if _FOLLOWED is app:
        return True
    from PySide6.QtCore import QTimer

    _FOLLOWED = app
    _cells.clear()
    app.paletteChanged.connect(theme_changed)
    # a scheme that changes without a new palette (a style that draws it itself)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: QTimer.singleShot(0, theme_changed))
    return True


def on_theme_change(slot: Any) -> None:
    """Call ``slot`` (a bound method of a QObject: disconnected when it goes) after each
    change of theme, once the colours are made again."""
    follow_theme()
    _theme().changed.connect(slot)


def theme_changed(*_args: Any) -> None:
    """The palette changed: disabled texts made readable on it again, the kept colours
    forgotten, the styled labels given their colours again, then ``changed``."""
    global _CHANGING
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if _CHANGING or not isinstance(app, QApplication):
        return  # the palette this sets itself
    _CHANGING = True
    try:
        readable_disabled_texts(app)
        _cells.clear()
        for widget in app.allWidgets():
            recipe = widget.property(_RECIPE)
            if not recipe or widget.styleSheet() != widget.property(_SHEET):
                continue  # styled otherwise since (a hint that lost its red)
            sheet = _sheet(str(recipe))
            if sheet != widget.styleSheet():
                widget.setProperty(_SHEET, sheet)
                widget.setStyleSheet(sheet)
        _theme().changed.emit()
    finally:
        _CHANGING = False
