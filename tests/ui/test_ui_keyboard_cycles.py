"""Tab goes round every screen and comes back: a read-only list or sheet is one stop
(R-4 and R-5 case lists, Izračun's sheet walked Tab cell by cell, so the case editor and
the fields after the sheet were out of reach), and the periods' kind lists of Namestitve
stand before their table in the Tab order (made with each record, they stood last, and
Tab after Izbriši went round the periods and the buttons, never to the search again)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from test_ui_keyboard import go, window  # noqa: F401 (fixture)

from rejnistvo.store import get_record, list_records


def cycle(qtbot, main: QWidget, start: QWidget, limit: int = 200) -> list[QWidget] | None:
    """The widgets Tab visits from ``start`` until it is back there; None if it never is."""
    start.setFocus()
    seen: list[QWidget] = []
    for _ in range(limit):
        current = QApplication.focusWidget()
        if current is not None and current.window() is not main:
            current.window().hide()  # a list that popped up
            main.activateWindow()
        qtbot.keyClick(QApplication.focusWidget() or main, Qt.Key.Key_Tab)
        current = QApplication.focusWidget()
        if current is start:
            return seen
        seen.append(current)
    return None


def reached(widget: QWidget, seen: list[QWidget]) -> bool:
    return any(w is widget or widget.isAncestorOf(w) for w in seen)


def test_case_lists_are_one_tab_stop_and_the_editor_is_reached(qtbot, window):  # noqa: F811
    for number, name in ((5, "r4_view"), (6, "r5_view")):
        view = go(qtbot, window, number, name)
        seen = cycle(qtbot, window, view.search)
        assert seen is not None, f"Tab never came back to the search of {name}"
        assert seen.count(view.table) == 1
        saves = [w for w in view.findChildren(QWidget) if w.objectName() == "saveButton"]
        assert any(reached(s, seen) for s in saves if s.isVisible()), name


def test_izracun_sheet_is_one_tab_stop(qtbot, window):  # noqa: F811
    view = go(qtbot, window, window.screen_names().index("calc_view") + 1, "calc_view")
    view.sheet_table.setFocus()
    qtbot.keyClick(view.sheet_table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not view.sheet_table


def test_namestitve_tab_comes_back_round_after_izbrisi(qtbot, window, ctx):  # noqa: F811
    view = go(qtbot, window, 4, "placements_view")
    with_annex = next(
        p
        for p in list_records(ctx.db, "placements")
        if len(get_record(ctx.db, "placements", p["id"])["periods"]) > 1
    )
    view.open_record("placement", with_annex["id"])
    seen = cycle(qtbot, window, view.search)
    assert seen is not None, "Tab never came back to the search"
    for widget in (view.table, view.contract_edit, view.periods.table, view.btn_delete):
        assert reached(widget, seen)
    # the kind lists are entered from the field above the table, before its cells
    order = [w for w in seen if view.periods.isAncestorOf(w)]
    assert order[0] is view.periods.table.cellWidget(0, 0)
    view.btn_delete.setFocus()
    rest = cycle(qtbot, window, view.btn_delete)
    assert rest is not None and reached(view.search, rest)
