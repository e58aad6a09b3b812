"""What the window's start leaves until its first paint is on screen (issue 13)."""

from __future__ import annotations

import sys
import types

from PySide6.QtWidgets import QComboBox, QVBoxLayout

from rejnistvo.ui.main_window import MainWindow
from rejnistvo.ui.views.base import View


class _ComboScreen(View):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.combo = QComboBox(self)
        self.combo.addItems(["a", "b"])
        QVBoxLayout(self).addWidget(self.combo)

    def title(self) -> str:
        return "Preizkus"


def _screens(monkeypatch):
    module = types.ModuleType("rejnistvo.ui.views._start_order_screen")
    module.VIEW_CLASS = _ComboScreen  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    return (("_start_order_screen", ()),)


def test_a_screen_built_before_the_window_shows_is_guarded_after_its_first_paint(
    qtbot, ctx, monkeypatch
):
    window = MainWindow(ctx, screens=_screens(monkeypatch))
    qtbot.addWidget(window)
    assert window.open_before_show()
    view = window.current_view()
    assert isinstance(view, _ComboScreen)
    assert not view.combo.property("rejnistvoWheelGuarded")  # not before the paint
    painted = []
    view.paintEvent = lambda event: painted.append(
        bool(view.combo.property("rejnistvoWheelGuarded"))
    )
    window.show()
    qtbot.waitUntil(lambda: bool(view.combo.property("rejnistvoWheelGuarded")), timeout=2000)
    assert painted and painted[0] is False  # the first paint came first


def test_a_screen_built_on_a_shown_window_is_guarded_at_once(qtbot, ctx, monkeypatch):
    window = MainWindow(ctx, screens=_screens(monkeypatch))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.current_view() is not None, timeout=2000)
    assert window.current_view().combo.property("rejnistvoWheelGuarded")


def test_work_after_the_first_paint_runs_once_and_also_without_a_paint(qtbot):
    from PySide6.QtWidgets import QWidget

    from rejnistvo.ui.first_paint import after_first_paint

    shown = QWidget()
    qtbot.addWidget(shown)
    runs: list[str] = []
    after_first_paint(shown, lambda: runs.append("painted"), fallback_ms=60_000)
    shown.show()
    qtbot.waitUntil(lambda: runs == ["painted"], timeout=2000)
    shown.update()
    qtbot.wait(50)
    assert runs == ["painted"]  # once, not at every paint
    never = QWidget()  # never shown: the work is not left undone
    qtbot.addWidget(never)
    after_first_paint(never, lambda: runs.append("fallback"), fallback_ms=30)
    qtbot.waitUntil(lambda: runs == ["painted", "fallback"], timeout=2000)
    qtbot.wait(50)
    assert runs == ["painted", "fallback"]


def test_work_asked_for_while_the_window_is_first_shown_waits_for_its_paint(qtbot):
    # A screen reading its rows in its showEvent (Roki) sees its widgets visible already,
    # but nothing is painted until the window is exposed: the work must come after that
    # paint, not at once (it took the first paint's time: the first idle step of Roki)
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from rejnistvo.ui.first_paint import after_first_paint, on_screen

    events: list[str] = []

    class Screen(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.child = QLabel("rows", self)
            QVBoxLayout(self).addWidget(self.child)

        def showEvent(self, event) -> None:  # noqa: N802
            events.append(f"shown, on screen: {on_screen(self.child)}")
            after_first_paint(self.child, lambda: events.append("work"), fallback_ms=60_000)
            super().showEvent(event)

        def paintEvent(self, event) -> None:  # noqa: N802
            events.append("paint")

    screen = Screen()
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: "work" in events, timeout=2000)
    assert events[0] == "shown, on screen: False"
    assert events.index("paint") < events.index("work")
    assert on_screen(screen.child)  # on screen now: later work runs at once
    after_first_paint(screen.child, lambda: events.append("at once"))
    assert events[-1] == "at once"


def test_a_widget_deleted_right_after_its_first_paint_drops_its_work_quietly(qtbot):
    # the work is posted while the paint is delivered; the widget (and the object that
    # waits with it) may be gone when it comes: no "already deleted" error reaches the user
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QWidget

    from rejnistvo.ui.first_paint import after_first_paint

    class DeletedWhenPainted(QObject):
        def eventFilter(self, watched, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                watched.deleteLater()
            return False

    runs: list[str] = []
    widget = QWidget()
    after_first_paint(widget, lambda: runs.append("ran"), fallback_ms=60_000)
    killer = DeletedWhenPainted()
    widget.installEventFilter(killer)  # a later filter is asked first
    errors: list[BaseException] = []
    hook, sys.excepthook = sys.excepthook, lambda _t, error, _tb: errors.append(error)
    try:
        widget.show()
        qtbot.wait(200)
    finally:
        sys.excepthook = hook
    assert errors == [] and runs == []


def test_the_windows_dialogs_are_made_when_first_asked_for(qtbot):
    from PySide6.QtWidgets import QWidget

    from rejnistvo.ui.app import DialogsWhenAsked
    from rejnistvo.ui.interaction import QtInteraction

    parent = QWidget()
    qtbot.addWidget(parent)
    dialogs = DialogsWhenAsked(parent)
    assert dialogs._dialogs is None  # nothing made (nor imported) before it is asked
    confirm = dialogs.confirm
    assert isinstance(dialogs._dialogs, QtInteraction) and dialogs._dialogs.parent is parent
    assert confirm.__func__ is QtInteraction.confirm
    assert dialogs.info.__self__ is dialogs._dialogs  # the same dialogs from then on
