"""Keyboard and mouse habits every screen shares (issue 12, items 1 and 3).

* :class:`WheelGuard` / :func:`guard_wheel` — the main window guards every screen it
  shows (and widgets that make combos later guard them): a combo box or spin box that
  does not have the focus ignores the mouse wheel (the wheel scrolls the editor around
  it instead), so passing over a field never changes it.
* :class:`PlainTextField` — a multi-line text box where Tab moves to the next field
  (Ctrl+Tab types a tab character, as in Qt's own convention).
* :class:`EditTable` / :class:`EditTableView` — an editable table that Tab leaves after
  its last cell (and Shift+Tab before its first), so a keyboard user never gets trapped.
* :func:`make_searchable` — a combo box (the 16 centres) where typing any part of a
  name finds it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QCompleter,
    QPlainTextEdit,
    QTableView,
    QTableWidget,
    QWidget,
)

from rejnistvo.ui.widgets.choice_start import show_choice_start

_GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    """Event filter on combo boxes and spin boxes: without the focus they ignore the wheel.

    A real wheel event would first give such a widget the focus (Qt's ``WheelFocus``
    policy), so guarded widgets get ``StrongFocus`` instead. The ignored wheel goes on to
    the widget's parent, so the scroll area around an editor still scrolls.

    The filter sits on the guarded widgets only (see ``guard_wheel``), not on the whole
    application: a Python filter on every event of the program would slow each keystroke."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Wheel and isinstance(watched, _GUARDED):
            if not watched.hasFocus() and not _has_focused_child(watched):
                parent = watched.parentWidget()
                if parent is not None:
                    QApplication.sendEvent(parent, event)
                return True
        return False


def _has_focused_child(widget: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and widget.isAncestorOf(focus)


def install_wheel_guard(app: QApplication | None = None) -> WheelGuard:
    """The program's one guard (made on first use, owned by the application)."""
    application = app or QApplication.instance()
    assert isinstance(application, QApplication)
    existing = application.property("rejnistvoWheelGuard")
    if isinstance(existing, WheelGuard):
        return existing
    guard = WheelGuard(application)
    application.setProperty("rejnistvoWheelGuard", guard)
    return guard


def guard_wheel(root: QWidget) -> int:
    """Guard ``root`` and every combo and spin box inside it (again after a screen
    made new ones: a widget is guarded once). How many were newly guarded."""
    guard = install_wheel_guard()
    found: list[QWidget] = [root] if isinstance(root, _GUARDED) else []
    found += root.findChildren(QComboBox)
    found += root.findChildren(QAbstractSpinBox)
    count = 0
    for widget in found:
        if widget.property("rejnistvoWheelGuarded"):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(guard)
        widget.setProperty("rejnistvoWheelGuarded", True)
        count += 1
    return count


class PlainTextField(QPlainTextEdit):
    """A multi-line text (a rationale, a note) where Tab goes to the next field.

    ``edited`` fires when the user changes the text (not when ``set_text`` fills it)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, min_lines: int = 4) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._filling = False
        self.textChanged.connect(self._changed)
        line = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(line * min_lines + 12)

    def _changed(self) -> None:
        if not self._filling:
            self.edited.emit()

    def text(self) -> str:
        return self.toPlainText()

    def set_text(self, text: str | None) -> None:
        self._filling = True
        try:
            self.setPlainText(text or "")
        finally:
            self._filling = False


class _LeavesAtEdges:
    """Tab walks an editable table cell by cell and leaves it after the last one
    (Shift+Tab before the first); an empty table is passed over at once. Mixed into a
    QTableWidget or a QTableView (Qt's own Tab wraps round to the first cell, so a
    keyboard user was trapped in the table)."""

    def _rows_columns(self) -> tuple[int, int]:
        model = self.model()
        if model is None:
            return 0, 0
        return model.rowCount(), model.columnCount()

    def _at_edge(self, forward: bool) -> bool:
        rows, cols = self._rows_columns()
        if rows == 0 or cols == 0:
            return True
        current = self.currentIndex()
        if not current.isValid():
            return False
        if forward:
            return current.row() == rows - 1 and current.column() == self._last_column()
        return current.row() == 0 and current.column() == self._first_column()

    def _last_column(self) -> int:
        for col in range(self._rows_columns()[1] - 1, -1, -1):
            if not self.isColumnHidden(col):
                return col
        return 0

    def _first_column(self) -> int:
        for col in range(self._rows_columns()[1]):
            if not self.isColumnHidden(col):
                return col
        return 0

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802 (Qt names)
        if self._at_edge(next):
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def closeEditor(self, editor: QWidget, hint: Any) -> None:  # noqa: N802 (Qt name)
        hints = QAbstractItemDelegate.EndEditHint
        forward = hint == hints.EditNextItem
        if (forward or hint == hints.EditPreviousItem) and self._at_edge(forward):
            super().closeEditor(editor, hints.NoHint)
            QWidget.focusNextPrevChild(self, forward)
            return
        super().closeEditor(editor, hint)


class EditTable(_LeavesAtEdges, QTableWidget):
    """An editable table Tab walks through cell by cell and leaves after the last one.

    Shift+Tab leaves before the first cell; an empty table is passed over at once."""


class EditTableView(_LeavesAtEdges, QTableView):
    """``EditTable`` over a model of one's own (the R-5 expenses, the refund's
    instalments)."""


def make_searchable(combo: QComboBox, on_pending: Callable[[str], None] | None = None) -> QComboBox:
    """Typing any part of an item's text (any case) offers it; Enter or a click takes it.

    A part that only one item contains (»mari«, with č = c) takes that item when the
    field is left (Tab), as a click on the one offer would; what matches several items,
    or none, stays in the box as typed (what the user typed is never lost) and the
    chosen item stays chosen until one is taken from the list, as in the placement
    picker (``SearchCombo``). ``on_pending(message)`` is told why in Slovenian ("" once
    the box shows the choice again); without it the message is the box's tool tip."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    show_choice_start(combo)
    # The »—« of »no choice« is not part of what is typed after a click into it.
    dash = _BlankDash(combo)
    combo.installEventFilter(dash)
    # An exact name (typed in full, or taken from the list) is chosen at once …
    line = combo.lineEdit()
    if line is not None:
        line.installEventFilter(dash)
        line.textEdited.connect(lambda text: _take_exact(combo, text))
    completer.activated.connect(lambda text: _take_exact(combo, text))
    # … and a partial one is put back when the keyboard leaves the combo.
    app = QApplication.instance()
    if isinstance(app, QApplication):
        settle = combo_settler(combo, take_only_match=True, on_pending=on_pending)
        app.focusChanged.connect(settle)
        # A function has no receiver Qt would disconnect with the combo: every screen
        # built and closed would leave one more slot called at each focus change.
        combo.destroyed.connect(lambda *_: _disconnect(app.focusChanged, settle))
    return combo


#: the text of the first, empty choice of the centre combos (»no centre«)
BLANK = "—"


class _BlankDash(QObject):
    """Event filter on a searchable combo (and its line): the first key typed while
    the box shows the blank choice's »—« replaces it. A click put the cursor beside
    the dash (Tab selects all, a click does not) and »Kran« became »—Kran«, which
    finds nothing."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo)
        self._combo = combo

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.KeyPress:
            line = self._combo.lineEdit()
            typed = event.text()  # type: ignore[attr-defined]
            if line is not None and line.text() == BLANK and typed and typed.isprintable():
                line.clear()
        return False


def _disconnect(signal: Any, slot: Any) -> None:
    with contextlib.suppress(RuntimeError, TypeError):  # the application is ending
        signal.disconnect(slot)


def combo_settler(
    combo: QComboBox,
    take_only_match: bool = False,
    on_pending: Callable[[str], None] | None = None,
) -> Any:
    """``focusChanged`` slot: settle the combo's text when the focus leaves it. With
    ``take_only_match`` (a combo holding every choice, not a search's first page) a part
    typed that only one item contains takes that item, and a part that several items
    contain, or none, stays as typed with the reason given to ``on_pending``."""

    def changed(old: QWidget | None, new: QWidget | None) -> None:
        if not focus_left(combo, old, new):
            return
        reason = _why_not_chosen(combo) if take_only_match else ""
        if not reason:
            settle_combo(combo, take_only_match)
        if on_pending is not None:
            on_pending(reason)
        else:
            combo.setToolTip(reason)

    return changed


def _why_not_chosen(combo: QComboBox) -> str:
    """Why the typed text stays without being a choice ("" when it is one, or names
    the chosen item in part, or nothing is typed)."""
    from rejnistvo.rules.text import fold

    line = combo.lineEdit()
    typed = line.text().strip() if line is not None else ""
    chosen = combo.itemText(combo.currentIndex())
    if not typed or combo.findText(typed, Qt.MatchFlag.MatchFixedString) >= 0:
        return ""
    found = _matches(combo, typed)
    if len(found) == 1 or (chosen and fold(typed) in fold(chosen)):
        return ""  # settle_combo takes the one, or shows the chosen one's whole name
    translate = QCoreApplication.translate
    if found:
        message = translate(
            "make_searchable", "»{0}« je del več imen s seznama: izberite eno (puščica ↓ in Enter)."
        )
    else:
        message = translate(
            "make_searchable", "»{0}« ni del nobenega imena s seznama: vtipkajte del imena."
        )
    message = message.format(typed)
    if chosen and chosen != BLANK:
        message += " " + translate("make_searchable", "Do izbire ostane izbrano: {0}.").format(
            chosen
        )
    return message


def focus_left(widget: QWidget, old: QWidget | None, new: QWidget | None) -> bool:
    """Whether a ``focusChanged(old, new)`` takes the focus out of `widget` (or out of a
    child of it); False once the widget is deleted."""
    import shiboken6

    if not shiboken6.isValid(widget):
        return False
    was_in = old is not None and (old is widget or widget.isAncestorOf(old))
    now_in = new is not None and (new is widget or widget.isAncestorOf(new))
    return was_in and not now_in


def _take_exact(combo: QComboBox, text: str) -> None:
    index = combo.findText(text.strip(), Qt.MatchFlag.MatchFixedString)
    if index >= 0 and index != combo.currentIndex():
        line = combo.lineEdit()
        combo.setCurrentIndex(index)
        if line is not None and line.text() != text:
            line.setText(combo.itemText(index))
        combo.activated.emit(index)


def _matches(combo: QComboBox, typed: str) -> list[int]:
    """The items whose text contains ``typed`` (case and č/c ignored)."""
    from rejnistvo.rules.text import fold

    part = fold(typed)
    if not part:
        return []
    return [i for i in range(combo.count()) if part in fold(combo.itemText(i))]


def _only_match(combo: QComboBox, typed: str) -> int:
    """The one item whose text contains ``typed`` (case and č/c ignored), else -1."""
    found = _matches(combo, typed)
    return found[0] if len(found) == 1 else -1


def settle_combo(combo: QComboBox, take_only_match: bool = False) -> None:
    """Take the item whose text was typed in full (or, with ``take_only_match``, the only
    item containing what was typed); otherwise show the current one again."""
    line = combo.lineEdit()
    if line is None:
        return
    typed = line.text().strip()
    index = combo.findText(typed, Qt.MatchFlag.MatchFixedString)
    if index < 0 and take_only_match and typed != combo.itemText(combo.currentIndex()):
        index = _only_match(combo, typed)
    if index >= 0 and index != combo.currentIndex():
        combo.setCurrentIndex(index)
        combo.activated.emit(index)
    if line.text() != combo.itemText(combo.currentIndex()):
        line.setText(combo.itemText(combo.currentIndex()))
    line.setCursorPosition(0)  # a long choice shows its start once the box is left
