"""QA60: Shrani refused (»Zapis ni shranjen: popravite označena polja.«), then »Zavrzi
spremembe«: the status bar kept the refusal for its six seconds, and the clerk read that
something was still wrong with the record now shown as stored. So after opening another
record, after Ctrl+N and after a save that went through. Now the refusal goes when the
edits it was about go: »Zavrzi« says »Spremembe so zavržene.«, another record clears it, a
save says »Shranjeno.«. On Rejniki, Otroci and Namestitve (one editor), and on R-4."""

from __future__ import annotations

import pytest
from _fixtures_b import b_ctx, b_db  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from test_r4_flow import fill_proposal, make_view

from rejnistvo.ui.interaction import Choice

REFUSED = "Zapis ni shranjen: popravite označena polja."

#: screen, the required field emptied to have Shrani refused
SCREENS = [
    ("carers_view", "name_edit"),
    ("children_view", "name_edit"),
    ("placements_view", "contract_edit"),
]


def _refused(qtbot, window, screen: str, field_name: str):
    window.show_screen(screen)
    view = window.current_view()
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(1, 0))
    field = getattr(view, field_name)
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == REFUSED
    return view, field


@pytest.mark.parametrize(("screen", "field_name"), SCREENS)
def test_discard_withdraws_the_refusal(qtbot, shown_window, screen, field_name):
    window = shown_window
    view, field = _refused(qtbot, window, screen, field_name)
    view.btn_discard.setFocus()
    qtbot.keyClick(view.btn_discard, Qt.Key.Key_Space)
    assert field.text() and not view.has_unsaved_changes()
    assert window.statusBar().currentMessage() == "Spremembe so zavržene."


@pytest.mark.parametrize(("screen", "field_name"), SCREENS)
def test_another_record_withdraws_the_refusal(qtbot, shown_window, screen, field_name):
    window = shown_window
    view, _field = _refused(qtbot, window, screen, field_name)
    view.ctx.interaction.answers.append(Choice.DISCARD)  # asked about the edits
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(2, 0))
    assert not view.has_unsaved_changes()
    assert window.statusBar().currentMessage() == ""


def test_a_new_record_and_a_later_save_withdraw_the_refusal(qtbot, shown_window):
    window = shown_window
    view, field = _refused(qtbot, window, "carers_view", "name_edit")
    qtbot.keyClicks(field.edit, "Nekdo Drug")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Shranjeno."
    _refused(qtbot, window, "carers_view", "name_edit")
    view.ctx.interaction.answers.append(Choice.DISCARD)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert view.current_id() is None
    assert window.statusBar().currentMessage() == ""


def test_a_message_said_since_stays(qtbot, shown_window):
    window = shown_window
    view, _field = _refused(qtbot, window, "carers_view", "name_edit")
    view.ctx.bus.status_message.emit("Seznam je shranjen: x.xlsx")
    view.btn_discard.click()
    assert window.statusBar().currentMessage() == "Spremembe so zavržene."
    view.ctx.bus.status_message.emit("Seznam je shranjen: x.xlsx")
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(3, 0))
    assert window.statusBar().currentMessage() == "Seznam je shranjen: x.xlsx"


def test_r4_refusal_goes_with_the_case(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    said: list[str] = []
    withdrawn: list[str] = []
    b_ctx.bus.status_message.connect(said.append)
    b_ctx.bus.status_withdrawn.connect(withdrawn.append)
    fill_proposal(qtbot, view, b_ctx)
    view.subgroup_combo.setCurrentIndex(view.subgroup_combo.findData(3))
    assert view.save()
    qtbot.keyClicks(view.step_edits["sent_on"].edit, "2. 3. 2026")
    assert view.save() is False
    refusal = said[-1]
    assert refusal.startswith("Predlog ni shranjen")
    assert withdrawn == []
    view.discard()  # »Zavrzi« asked on leaving the case
    assert withdrawn == [refusal]
