"""A list and its editor in a splitter: side by side while both fit, else the list above
the editor (Rejniki, Otroci, Namestitve, R-4, R-5).

Side by side the editor gets the width its fields need, taken from the list: at
1280 × 800 Namestitve's editor had 450 of the 540 px it needs, and at 1100 px R-5's 430
of 605; both scrolled sideways with their buttons and columns cut. Where the list would
be left narrower than ``list_min``, the two stand one above the other instead.

The sizes are checked after the splitter is laid out (a zero timer after the owner's
resize, and once after the first show): at the resize itself the splitter still has its
old sizes and, before the first show, the editor's fields are not polished yet."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QScrollArea, QSplitter, QWidget


class SideBySide(QObject):
    """``resized(width, height)`` from the owner's ``resizeEvent``; ``on_stack`` is called
    with the height when the two are put one above the other (to share it out)."""

    def __init__(
        self,
        owner: QWidget,
        splitter: QSplitter,
        editor: QScrollArea,
        stack_below: int,
        list_min: int = 320,
        on_stack: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(owner)
        self.owner = owner
        self.splitter = splitter
        self.editor = editor
        self.stack_below = stack_below
        self.list_min = list_min
        self.on_stack = on_stack
        self._need = 0  # the editor's width at the last arrange (0: not known yet)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.arrange)
        owner.installEventFilter(self)  # its Show only (a filter on one widget, not all)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.owner and event.type() == QEvent.Type.Show:
            self._timer.start()  # the fields are polished now: their real width
        return False

    def editor_need(self) -> int:
        """The width the editor's fields need, with its scroll bar and frame."""
        content = self.editor.widget()
        if content is None:
            return 0
        return (
            content.minimumSizeHint().width()
            + self.editor.verticalScrollBar().sizeHint().width()
            + 2 * self.editor.frameWidth()
        )

    def _fits(self, width: int, need: int) -> bool:
        """Whether the list (``list_min``) and the editor (``need``) fit in the owner's
        ``width`` (its layout's margins taken off)."""
        layout = self.owner.layout()
        if layout is not None:
            margins = layout.contentsMargins()
            width -= margins.left() + margins.right()
        room = self._list_min() + need + self.splitter.handleWidth()
        return width >= max(self.stack_below, room)

    def _list_min(self) -> int:
        """The list's narrowest: ``list_min``, or more when its buttons need it."""
        widget = self.splitter.widget(0)
        own = widget.minimumSizeHint().width() if widget is not None else 0
        return max(self.list_min, own)

    def resized(self, width: int, height: int) -> None:
        self._set_vertical(not self._fits(width, self._need), height)
        self._timer.start()  # and again once the splitter has its new size

    @Slot()
    def arrange(self) -> None:
        """Stack when the editor cannot have its width beside the list; else give it."""
        width, height = self.owner.width(), self.owner.height()
        need = self._need = self.editor_need()
        fits = self._fits(width, need)
        self._set_vertical(not fits, height)
        if not fits:
            return
        sizes = self.splitter.sizes()
        if len(sizes) != 2 or sizes[1] >= need:
            return
        give = min(need - sizes[1], sizes[0] - self._list_min())
        if give > 0:
            self.splitter.setSizes([sizes[0] - give, sizes[1] + give])

    def _set_vertical(self, vertical: bool, height: int) -> None:
        wanted = Qt.Orientation.Vertical if vertical else Qt.Orientation.Horizontal
        if self.splitter.orientation() == wanted:
            return
        self.splitter.setOrientation(wanted)
        if vertical and self.on_stack is not None:
            self.on_stack(height)
        # once laid out in the new places (QA65: Roki → Enter opened R-5 at the case's
        # instalments and then stacked, leaving them and the case's row out of sight)
        QTimer.singleShot(0, self, self.keep_in_sight)

    @Slot()
    def keep_in_sight(self) -> None:
        """The list's chosen row and the editor's field with the cursor in sight."""
        from PySide6.QtWidgets import QAbstractItemView, QApplication

        pane = self.splitter.widget(0)
        views = [] if pane is None else [pane, *pane.findChildren(QAbstractItemView)]
        for view in views:
            if isinstance(view, QAbstractItemView) and view.isVisible():
                index = view.currentIndex()
                if index.isValid():
                    view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        content = self.editor.widget()
        focus = QApplication.focusWidget()
        if content is not None and focus is not None and content.isAncestorOf(focus):
            self.editor.ensureWidgetVisible(focus)
