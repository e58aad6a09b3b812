"""»Zahtevaj novo poročilo …« with the keyboard (QA54): the button pressed is disabled by
its own step, and Qt left the keyboard in the emptied expense table below. The cursor
goes to the new report's date, in sight, once the dialog is closed."""

from __future__ import annotations

import pytest
from _fixtures_b import b_db  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from test_r5_flow import b_ctx, make_view  # noqa: F401 (fixtures)
from test_r5_new_report_ui import ASKED, _reported


@pytest.mark.today(ASKED)
def test_after_asking_again_the_cursor_is_in_the_report_date(qtbot, b_ctx):  # noqa: F811
    increase_id = _reported(b_ctx)
    view = make_view(qtbot, b_ctx)
    view.load(increase_id)
    view.ask_again_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(view.ask_again_button, Qt.Key.Key_Space)
    dialog = view.new_report_dialog
    qtbot.keyClicks(dialog.due_edit.edit, "14. 8. 2026")
    qtbot.keyClick(dialog.due_edit.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert not view.ask_again_button.isEnabled()
    focus = view.focusWidget()
    assert focus is not None and view.report_date.isAncestorOf(focus) or (focus is view.report_date)
