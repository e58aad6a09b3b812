"""Paints the cells of a ``RecordTableModel``/``FilterProxy`` list (issue 13: a filter
keystroke within one frame, 16 ms).

Qt's own delegate asks ``data()`` for seven roles of every painted cell and then lays the
text out two or three times (once to see whether it must be elided, once to draw it) and
shapes it each time: at 20,000 placements a keystroke repainting 160 cells spent two
thirds of its time there (callgrind: 26 of 44 million instructions). ``CellDelegate``
asks the model's ``paint_cell`` once per cell and keeps each text it has drawn laid out
(``QTextLayout`` with its glyphs cached, shaped once with kerning), so a repaint only
draws: the style paints the cell's background and selection, then the kept layout is
drawn where ``QCommonStyle`` would draw the text.

Whatever this cannot promise to paint exactly as Qt does goes to Qt's own painting, with
the text from ``paint_cell`` (``initStyleOption``): the current cell with its focus
frame, a text that must be elided (or wrapped) or holds a line break, a cell with a
check box or icon, a right-to-left view, a model answering ``data()`` its own way. Each
kind of cell (its state, selection and alignment) is painted both ways once, offscreen,
when it is first met: if the pictures differ (another style's item painting), that kind
is left to Qt for good. The tests compare whole tables with Qt's delegate pixel by pixel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPointF,
    QRect,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QPainter,
    QPalette,
    QPen,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from rejnistvo.ui.models.cells import RIGHT_FLAGS, Index, row_of
from rejnistvo.ui.models.table import RecordTableModel, answers_as_cell

_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_TEXT_ROLE = QPalette.ColorRole.Text
#: features and states whose painting is left to Qt (see the module's docstring)
_QT_FEATURES = (
    QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    | QStyleOptionViewItem.ViewItemFeature.HasDecoration
)
_QT_STATES = QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_Editing
_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
#: Qt's methods called per painted cell, unbound: a method looked up on a PySide object
#: costs about as much as the call (0.1 µs of each 0.2-0.3 µs)
_model_of = cast(Callable[[Index], QAbstractItemModel], QModelIndex.model)
_column_of = cast(Callable[[Index], int], QModelIndex.column)
_rect_of = cast(Callable[[QRect], tuple[int, int, int, int]], QRect.getRect)
_set_pen = QPainter.setPen
_draw_line = QTextLine.draw
_LEFT_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
#: events after which every kept layout, colour and verdict is made again
_RESET_EVENTS = frozenset(
    {
        QEvent.Type.FontChange,
        QEvent.Type.PaletteChange,
        QEvent.Type.StyleChange,
        QEvent.Type.LayoutDirectionChange,
    }
)
#: laid-out texts kept by the list on screen (3-7 KB each with their glyphs): a screen
#: shows 150-300 cells, and the next keystroke shows many of them again
TEXT_LIMIT = 1500
#: a line as long as any cell: the text is laid out once, whatever its column's width
_LONG_LINE = 1_000_000.0


#: a kept text: its layout (owning the line), its one line, natural width, line height
_Laid = tuple[QTextLayout, QTextLine, float, int]


class _Plan:
    """How to paint the cells of one state (selected, active, alternate row …)."""

    __slots__ = ("colour", "margin", "panel", "pen", "selected", "style", "verdict", "widget")

    def __init__(self, style: QStyle, widget: Any, colour: QColor, selected: bool) -> None:
        self.style = style
        self.widget = widget
        # QCommonStyle's text margin inside a cell: the focus frame's margin and one pixel
        self.margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        self.colour = colour  # the palette's text colour for this state
        #: the same as a pen, made once: setPen(QColor) converts the colour on each call
        self.pen = QPen(colour)
        self.selected = selected
        #: whether the style's item panel paints anything in this state (a selection, a
        #: hover): an unselected cell's panel is empty in QCommonStyle's styles, and
        #: asking the style for it through PySide is ~15 % of a quick cell (None: not
        #: looked at yet, see ``CellDelegate._panel_paints``)
        self.panel: bool | None = None
        #: per alignment (left, right): None not tried yet, else whether it paints as Qt
        self.verdict: list[bool | None] = [None, None]


class CellDelegate(QStyledItemDelegate):
    """Paints a ``RecordTableModel`` or ``FilterProxy`` cell from one ``paint_cell``
    call and a kept text layout; any other model is painted by Qt as usual."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model: object = None
        self._paint_cell: Callable[[int, int], tuple[str, Any, Any] | None] | None = None
        #: the view's features (alternate row, wrap) with HasDisplay added: ``|`` on
        #: PySide's flags runs Python enum code, 5 µs a cell
        self._with_display: dict[Any, Any] = {}
        #: text -> (its layout, its line, natural width, line height), None: left to Qt
        self._texts: dict[str, _Laid | None] = {}
        #: where texts were drawn (a repaint draws its texts where the last one did): a
        #: QPointF made through PySide costs as much as a third of drawing the text
        self._points: dict[tuple[float, int], QPointF] = {}
        self._text_option = QTextOption()
        self._text_option.setWrapMode(QTextOption.WrapMode.ManualWrap)
        #: a cell's state -> how to paint such cells, None: left to Qt
        self._plans: dict[Any, _Plan | None] = {}
        self._last: tuple[Any, _Plan | None] = (None, None)  # the last state and its plan
        if parent is not None:
            parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind != QEvent.Type.Hide and kind not in _RESET_EVENTS:
            return False
        if "_texts" not in self.__dict__:
            # the view is going away and this delegate with it (PySide has already let
            # go of its attributes): nothing to forget
            return False
        if kind == QEvent.Type.Hide:
            # another screen is shown: only the list on screen keeps its texts (a kept
            # layout holds its glyphs, 3-7 KB)
            self._texts.clear()
        else:
            self.forget()
        return False

    def forget(self) -> None:
        """Lay out and verify again (the view's font, palette or style changed)."""
        self._texts.clear()
        self._plans.clear()
        self._last = (None, None)

    def _use(self, model: object) -> None:
        """The model whose cells come next (looked up once a model: a failed getattr on
        a Qt model costs 10 µs)."""
        self._model = model
        self._paint_cell = getattr(model, "paint_cell", None)
        if isinstance(model, RecordTableModel) and not answers_as_cell(type(model)):
            self._paint_cell = None  # a subclass answering data() its own way

    def _cell_of(self, index: Index) -> tuple[str, Any, Any] | None:
        model = index.model()
        if model is not self._model:
            self._use(model)
        paint_cell = self._paint_cell
        return None if paint_cell is None else paint_cell(index.row(), index.column())

    # -- Qt's painting, with the text from paint_cell ------------------------------------
    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802
        cell = self._cell_of(index)
        if cell is None:
            super().initStyleOption(option, index)
            return
        text, align, colour = cell
        option.index = index  # type: ignore[assignment]  # Qt takes either index
        features = option.features
        shown = self._with_display.get(features)
        if shown is None:
            shown = self._with_display[features] = features | _HAS_DISPLAY
        option.features = shown
        # as Qt's displayText shows a line break inside one line
        option.text = text.replace("\n", "\u2028") if "\n" in text else text
        if align is not None:
            option.displayAlignment = align
        if colour is not None:
            palette = option.palette
            if isinstance(colour, QColor):
                # the same solid brush as Qt's setBrush(QBrush(colour)); the QBrush(QColor)
                # overload check would build QGradient's enums (~4 ms of the first paint)
                palette.setColor(_TEXT_ROLE, colour)
            else:
                palette.setBrush(_TEXT_ROLE, QBrush(colour))
            option.palette = palette

    # -- the quick way ----------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        model = _model_of(index)
        if model is not self._model:
            self._use(model)
        paint_cell = self._paint_cell
        cell = None if paint_cell is None else paint_cell(row_of(index), _column_of(index))
        if cell is None:
            super().paint(painter, option, index)
            return
        # PySide makes each flag a Python enum (~1.5 µs) whose hash is Python code: the
        # cells of a row share their state, so the last plan is checked by identity first.
        # The features (alternate row, wrapping) are not read per cell: the background is
        # the style's from this very option, and a text is drawn here only when it fits
        # on its line, where wrapping changes nothing
        state = option.state
        if state is self._last[0]:
            plan = self._last[1]
        else:
            if state in self._plans:
                plan = self._plans[state]
            else:
                plan = self._plans[state] = self._plan(option)
            self._last = (state, plan)
        text, align, colour = cell
        laid = None
        if text:
            try:
                laid = self._texts[text]
            except KeyError:
                laid = self._lay_out(text, option)
        # the model's own constant: an identity test, not PySide's enum arithmetic
        right = align is RIGHT_FLAGS
        if plan is None or (text and laid is None) or (align is not None and not right):
            super().paint(painter, option, index)
            return
        verdict = plan.verdict[right]
        if verdict is None and laid is not None:  # tried on a cell with a text
            verdict = self._same_as_qt(plan, laid, right, colour, option, index)
            plan.verdict[right] = verdict
        if not verdict or not self._draw(painter, plan, laid, right, colour, option):
            super().paint(painter, option, index)

    def _draw(
        self,
        painter: QPainter,
        plan: _Plan,
        laid: _Laid | None,
        right: bool,
        colour: Any,
        option: QStyleOptionViewItem,
    ) -> bool:
        """The cell as QCommonStyle paints it (background, selection, then the text in
        the cell less its margins, centred vertically); False when the text must be
        elided (nothing painted: Qt paints it)."""
        x, y, width, height = _rect_of(option.rect)
        if laid is not None:
            _layout, line, natural, line_height = laid
            if natural > width - 2 * plan.margin:
                return False
        panel = plan.panel
        if panel is None:
            panel = plan.panel = self._panel_paints(plan, option)
        if panel:
            plan.style.drawPrimitive(_PANEL, option, painter, plan.widget)
        if laid is None:
            return True
        if colour is not None and not plan.selected:
            # what the style draws with after initStyleOption: the brush's colour
            _set_pen(painter, colour if isinstance(colour, QColor) else QBrush(colour).color())
        else:
            _set_pen(painter, plan.pen)
        left = x + width - plan.margin - natural if right else x + plan.margin
        # QStyle.alignedRect's vertical centring, in whole pixels
        top = y + height // 2 - line_height // 2
        point = self._points.get((left, top))
        if point is None:
            if len(self._points) >= TEXT_LIMIT:
                self._points.clear()
            point = self._points[(left, top)] = QPointF(left, top)
        _draw_line(line, painter, point)  # as QTextLayout.draw draws its one line
        return True

    @staticmethod
    def _panel_paints(plan: _Plan, option: QStyleOptionViewItem) -> bool:
        """Whether the style paints anything for the item panel of a cell in this
        state: painted once on a clear image the size of the cell. Whatever the answer,
        the plan's verdict (``_same_as_qt``) compares the quick cell with Qt's."""
        rect = option.rect
        if rect.isEmpty():
            return True  # nothing to look at: the panel is asked for, as Qt does
        image = QImage(rect.width(), rect.height(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        clear = QImage(image)
        painter = QPainter(image)
        painter.translate(-rect.x(), -rect.y())
        plan.style.drawPrimitive(_PANEL, option, painter, plan.widget)
        painter.end()
        return image != clear

    def _plan(self, option: QStyleOptionViewItem) -> _Plan | None:
        widget = option.widget
        state = option.state
        if (
            widget is None
            or widget is not self.parent()  # the events that reset the plans are its own
            or option.direction != Qt.LayoutDirection.LeftToRight
            or option.features & _QT_FEATURES
            or state & _QT_STATES
            or option.displayAlignment != _LEFT_FLAGS
        ):
            return None
        if not state & QStyle.StateFlag.State_Enabled:
            group = QPalette.ColorGroup.Disabled
        elif state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Normal
        else:
            group = QPalette.ColorGroup.Inactive
        selected = bool(state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else _TEXT_ROLE
        colour = option.palette.color(group, role)
        return _Plan(widget.style(), widget, colour, selected)

    def _lay_out(self, text: str, option: QStyleOptionViewItem) -> _Laid | None:
        """The text laid out in one line in the view's font and kept (None: a line
        break, left to Qt)."""
        if len(self._texts) >= TEXT_LIMIT:
            self._texts.clear()
        if "\n" in text or "\u2028" in text:
            self._texts[text] = None
            return None
        layout = QTextLayout(text, option.font)
        layout.setTextOption(self._text_option)
        layout.setCacheEnabled(True)  # keep the shaped glyphs for the next paint
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(_LONG_LINE)
        layout.endLayout()
        laid = (layout, line, line.naturalTextWidth(), int(line.height()))
        self._texts[text] = laid
        return laid

    def _same_as_qt(
        self,
        plan: _Plan,
        laid: _Laid | None,
        right: bool,
        colour: Any,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool | None:
        """Whether this cell, painted the quick way, is pixel for pixel the cell Qt
        paints (tried once for each kind of cell, offscreen); None: not known from this
        cell (an elided text, which Qt paints anyway)."""
        rect = option.rect
        images = []
        for quick in (True, False):
            image = QImage(rect.width(), rect.height(), QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(option.palette.color(QPalette.ColorRole.Base))
            painter = QPainter(image)
            painter.translate(-rect.x(), -rect.y())
            if quick and not self._draw(painter, plan, laid, right, colour, option):
                painter.end()
                return None
            if not quick:
                super().paint(painter, option, index)
            painter.end()
            images.append(image)
        return images[0] == images[1]
