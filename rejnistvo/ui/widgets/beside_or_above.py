"""Two boxes side by side while both fit at their narrowest, else the first above the
second (QA63: at a larger font, 12–13 pt, *Nastavitve → Podskupine in kandidati* put the
candidate's box and the coordinator's side by side in 1037 px of a 770 px page at
1024 × 700, and the page scrolled sideways past its buttons). At the usual font the two
stand side by side exactly as in the plain row they replace."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLayout, QWidget


def narrowest(widget: QWidget) -> int:
    """The least width ``widget`` can be given: its hint or its set minimum."""
    return max(widget.minimumSizeHint().width(), widget.minimumWidth())


class BesideOrAbove(QWidget):
    """``first`` and ``second`` with the stretches of a row while both fit beside each other;
    one above the other when the width is less than that."""

    def __init__(
        self,
        first: QWidget,
        second: QWidget,
        stretches: tuple[int, int] = (1, 1),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.row.setContentsMargins(0, 0, 0, 0)
        # the narrowest is the stacked one (minimumSizeHint), not the side by side
        self.row.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.row.addWidget(first, stretches[0])
        self.row.addWidget(second, stretches[1])
        self._parts = (first, second)

    def beside_width(self) -> int:
        """The width the two need side by side."""
        return sum(narrowest(part) for part in self._parts) + self.row.spacing()

    def is_beside(self) -> bool:
        return self.row.direction() == QBoxLayout.Direction.LeftToRight

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        """As narrow as the wider of the two; as tall as they stand now."""
        height = self.row.minimumSize().height()
        return QSize(max(narrowest(part) for part in self._parts), height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        beside = event.size().width() >= self.beside_width()
        if beside != self.is_beside():
            self.row.setDirection(
                QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
            )
            self.updateGeometry()  # a new height for the page
        super().resizeEvent(event)
