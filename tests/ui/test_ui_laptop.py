"""A laptop screen (issue 12, item 2): at 1024×700 the window never asks for more width,
even after visiting every screen and typing into Izračun → Kaj če."""

from __future__ import annotations

from _laptop_window import laptop_window
from PySide6.QtCore import QByteArray, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QVBoxLayout, QWidget

from rejnistvo.ui.main_window import MainWindow


def test_every_screen_fits_1024_after_typing_into_kaj_ce(qtbot, ctx):
    window = laptop_window(qtbot, ctx)
    for name in window.screen_names():
        window.show_screen(name)
        qtbot.waitUntil(
            lambda n=name: window.stack.currentIndex() == window.screen_names().index(n)
        )
    calc = window.view("calc_view")
    window.show_screen("calc_view")
    calc.tabs.setCurrentIndex(1)
    row = calc.whatif_placement.rows[0]
    row.period.end_edit.edit.clear()
    qtbot.keyClicks(row.period.end_edit.edit, "31. 12. 2026")
    assert calc.whatif_payments
    assert window.minimumSizeHint().width() <= 1024
    # On the laptop the list stands above the editor, the Kaj če inputs above the table.
    assert window.view("carers_view").splitter.orientation() == Qt.Orientation.Vertical
    assert calc.whatif_splitter.orientation() == Qt.Orientation.Vertical
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: calc.whatif_splitter.orientation() == Qt.Orientation.Horizontal)
    # Own screens fit without even scrolling sideways.
    nav = window.nav.minimumSizeHint().width() + 40  # the list of screens and the margins
    for name in ("carers_view", "children_view", "placements_view", "calc_view"):
        assert window.view(name).minimumSizeHint().width() + nav <= 1024, name


def test_restored_geometry_never_exceeds_the_screen(qtbot, ctx):
    big = MainWindow(ctx)
    qtbot.addWidget(big)
    big.resize(4000, 3000)
    ctx.settings.setValue("window/geometry", big.saveGeometry())
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    assert window.width() <= area.width() and window.height() <= area.height()
    assert isinstance(ctx.settings.value("window/geometry"), QByteArray)


def test_wheel_over_an_unfocused_combo_changes_nothing(qtbot, ctx):
    from rejnistvo.ui.widgets.keyboard import guard_wheel

    outer = QWidget()
    qtbot.addWidget(outer)
    layout = QVBoxLayout(outer)
    combo = QComboBox(outer)
    combo.addItems(["CSD Maribor", "CSD Celje", "CSD Koper"])
    layout.addWidget(combo)
    assert guard_wheel(outer) == 1 and guard_wheel(outer) == 0  # once
    outer.show()
    qtbot.waitExposed(outer)
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel gives no focus

    def wheel() -> None:
        event = QWheelEvent(
            QPointF(5, 5),
            QPointF(combo.mapToGlobal(QPoint(5, 5))),
            QPoint(0, 0),
            QPoint(0, -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(combo, event)

    wheel()
    assert combo.currentIndex() == 0
    outer.activateWindow()
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    wheel()
    assert combo.currentIndex() == 1  # a focused combo still takes the wheel
