"""A list's scroll bar that repaints only when its picture changes (issue 13: a filter
keystroke within one frame).

A filter keystroke changes the list's row count, so the view sets its scroll bar's range
(and often its value) on every key, and ``QAbstractSlider`` repaints the whole bar on any
change: Fusion's bar, 800 pixels of gradients, cost ~2.2 million instructions a key at
20,000 placements, 6 % of the key. With thousands of rows the handle stays at its least
length at the top from key to key, and the picture with it. ``SteadyScrollBar`` asks for
a repaint only when what the style paints from the change differs: the handle's place
and length, and whether the value sits at either end (the arrows' look) or the range is
empty. Everything else (hover, press, style, size, enabling) repaints as usual.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QScrollBar,
    QStyle,
    QStyleOptionSlider,
    QWidget,
)

_SLIDER = QStyle.SubControl.SC_ScrollBarSlider
_BAR = QStyle.ComplexControl.CC_ScrollBar
_ORIENTATION = QAbstractSlider.SliderChange.SliderOrientationChange

#: what a bar's picture is made of besides its state: the handle's rectangle, and the
#: value at the start, at the end, an empty range
_Look = tuple[tuple[int, int, int, int], bool, bool, bool]


class SteadyScrollBar(QScrollBar):
    """A ``QScrollBar`` that skips repaints which would paint the same picture."""

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        #: the look the bar was last painted with (by any paint: a resize, a hover …)
        self._painted: _Look | None = None

    def look(self) -> _Look:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        handle = self.style().subControlRect(_BAR, option, _SLIDER, self)
        value, low, high = option.sliderValue, option.minimum, option.maximum
        place = cast(tuple[int, int, int, int], handle.getRect())
        return (place, value <= low, value >= high, low == high)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self._painted = self.look()
        super().paintEvent(event)

    def sliderChange(self, change: QAbstractSlider.SliderChange) -> None:  # noqa: N802
        if change != _ORIENTATION and self._painted is not None and self.look() == self._painted:
            # the picture on screen is this one: QAbstractSlider would repaint it as it
            # is (a repaint already asked for by an earlier change still comes)
            return
        super().sliderChange(change)


def steady_vertical_scroll_bar(area: QAbstractScrollArea) -> None:
    """Give the area a ``SteadyScrollBar`` as its vertical bar (Qt copies the old bar's
    range, value and steps to it)."""
    if not isinstance(area.verticalScrollBar(), SteadyScrollBar):
        area.setVerticalScrollBar(SteadyScrollBar(Qt.Orientation.Vertical, area))
