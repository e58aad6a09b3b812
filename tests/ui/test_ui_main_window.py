from PySide6.QtCore import Qt

from rejnistvo.ui.interaction import Choice
from rejnistvo.ui.main_window import MainWindow
from rejnistvo.ui.views.base import View


def make_window(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.current_view() is not None)
    return window


def test_main_window_opens_on_deadlines_and_switches_views(qtbot, ctx):
    window = make_window(qtbot, ctx)
    names = window.screen_names()
    assert names[0] == "deadlines_view"
    assert window.nav.item(0).text() == "Roki"
    for row, name in enumerate(names):
        window.nav.setCurrentRow(row)
        assert window.stack.currentIndex() == row
        assert isinstance(window.current_view(), View), name


def test_shortcuts_route_to_the_current_view(qtbot, ctx):
    window = make_window(qtbot, ctx)
    window.show_screen("carers_view")
    view = window.current_view()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus() or window.focusWidget() is view.search
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert view.current_id() is None and view.heading.text() == "Nov zapis"


def test_close_asks_about_unsaved_changes(qtbot, ctx, interaction):
    window = make_window(qtbot, ctx)
    window.show_screen("carers_view")
    view = window.current_view()
    view.new_record()
    qtbot.keyClicks(view.name_edit.edit, "Nekdo Nov")
    assert view.has_unsaved_changes()
    interaction.answers.append(Choice.CANCEL)
    assert window.close() is False
    assert view.name_edit.text() == "Nekdo Nov"
    interaction.answers.append(Choice.DISCARD)
    assert window.close() is True
    assert ctx.settings.value("window/geometry") is not None


def test_open_case_switches_to_the_screen(qtbot, ctx):
    from rejnistvo.store import list_records

    window = make_window(qtbot, ctx)
    child = list_records(ctx.db, "children")[3]
    ctx.bus.open_case.emit("child", child["id"])
    assert window.current_view() is window.view("children_view")
    assert window.current_view().name_edit.text() == child["name"]


def test_deadline_of_a_coordinator_term_opens_the_settings(qtbot, ctx):
    window = make_window(qtbot, ctx)
    ctx.bus.open_case.emit("subgroup", 2)
    view = window.current_view()
    assert view is window.view("settings_view")
    assert view.subgroups_tab.subgroup_combo.currentData() == 2


def test_wheel_over_an_unfocused_combo_of_a_screen_changes_nothing(qtbot, ctx):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    window = make_window(qtbot, ctx)
    window.show_screen("carers_view")
    view = window.current_view()
    record = view.model.row_record(0)
    view.open_record("carer", record["id"])
    combo = view.centre_edit.centre
    before = combo.currentIndex()
    view.name_edit.setFocus()
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
    assert combo.currentIndex() == before  # the centre stays; the unit is not cleared
    assert not view.has_unsaved_changes()


def test_pogled_menu_lists_the_screens_with_their_shortcuts(qtbot, ctx):
    window = make_window(qtbot, ctx)
    actions = window.view_menu.actions()
    assert [a.text() for a in actions[:3]] == ["Roki", "Rejniki", "Otroci"]
    assert actions[1].shortcut().toString() == "Ctrl+2"
    actions[3].trigger()
    assert window.stack.currentIndex() == 3


def test_every_screen_has_a_slovenian_name_and_help_is_the_last_menu(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    names = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert "Izplačila" in names
    assert not [n for n in names if "_" in n or n.endswith("view")]
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus[-1] == "Pomoč"


def test_the_other_screens_are_imported_while_the_first_is_read(qtbot, ctx, monkeypatch):
    import sys

    for name in ("rejnistvo.ui.views.settings_view", "rejnistvo.ui.views.payments_view"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.preload_screens(delay_ms=1)
    # both awaited: which of the two the preloading imports first is not the point
    qtbot.waitUntil(
        lambda: (
            "rejnistvo.ui.views.settings_view" in sys.modules
            and "rejnistvo.ui.views.payments_view" in sys.modules
        ),
        timeout=10000,
    )
    assert [v.objectName() or type(v).__name__ for v in window.built_views()] == [
        "DeadlinesView"
    ]  # imported, not built: a screen is built when it is first opened
