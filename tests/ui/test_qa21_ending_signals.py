"""QA21: SIGTERM (logging out, ``kill <pid>``) ended the program on the spot: the window
vanished with the typed, unsaved record and no question. Now it closes as the window's
close does: the unsaved question first (»Prekliči« keeps the program and the text), the
layout kept; a session manager's logout asks the same and is cancelled by »Prekliči«."""

from __future__ import annotations

import os
import signal

import pytest

from rejnistvo.ui.ending_signals import EndingSignals
from rejnistvo.ui.interaction import Choice
from rejnistvo.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, qapp, ctx):
    killed: list[int] = []
    # without the program's handler the test must fail, not end the test run
    before = signal.signal(signal.SIGTERM, lambda number, _frame: killed.append(number))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.current_view() is not None)
    ending = EndingSignals(qapp)
    window.killed_without_question = killed
    window.ending = ending
    yield window
    ending.uninstall()
    ending.deleteLater()
    signal.signal(signal.SIGTERM, before)


def _typed_new_carer(qtbot, window):
    window.show_screen("carers_view")
    view = window.current_view()
    view.new_record()
    qtbot.keyClicks(view.name_edit.edit, "Nekdo Nov")
    assert view.has_unsaved_changes()
    return view


def _questions(interaction):
    return [a for a in interaction.asked if a[0] == "save_discard_cancel"]


def test_sigterm_asks_about_unsaved_work_and_cancel_keeps_it(qtbot, window, interaction):
    view = _typed_new_carer(qtbot, window)
    interaction.answers.append(Choice.CANCEL)
    os.kill(os.getpid(), signal.SIGTERM)
    qtbot.waitUntil(lambda: bool(_questions(interaction)), timeout=3000)
    assert "»Rejniki«" in _questions(interaction)[0][2]
    assert window.isVisible() and view.name_edit.text() == "Nekdo Nov"
    assert window.killed_without_question == []

    interaction.answers.append(Choice.DISCARD)
    os.kill(os.getpid(), signal.SIGTERM)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    assert len(_questions(interaction)) == 2
    assert window.ctx.settings.value("window/geometry") is not None


def test_sigterm_with_nothing_unsaved_closes_keeping_the_layout(qtbot, window, interaction):
    os.kill(os.getpid(), signal.SIGTERM)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    assert _questions(interaction) == []
    assert window.ctx.settings.value("window/geometry") is not None


class _Manager:
    def __init__(self) -> None:
        self.cancelled = self.released = False

    def allowsInteraction(self) -> bool:  # noqa: N802 (Qt name)
        return True

    def release(self) -> None:
        self.released = True

    def cancel(self) -> None:
        self.cancelled = True


def test_logout_asks_and_cancel_cancels_the_logout(qtbot, window, interaction):
    view = _typed_new_carer(qtbot, window)
    manager = _Manager()
    interaction.answers.append(Choice.CANCEL)
    window.ending._commit_data(manager)  # as QGuiApplication.commitDataRequest calls it
    assert len(_questions(interaction)) == 1
    assert manager.cancelled and manager.released
    assert view.name_edit.text() == "Nekdo Nov"


def test_sigterm_ends_the_window_of_the_file_opened_now(qtbot, ctx, window, interaction):
    # Datoteka → Odpri drugo zbirko: a new window, the old one hidden (then deleted)
    newer = MainWindow(ctx)
    qtbot.addWidget(newer)
    newer.show()
    qtbot.waitUntil(lambda: newer.current_view() is not None)
    window.hide()
    _typed_new_carer(qtbot, newer)
    interaction.answers.append(Choice.CANCEL)
    os.kill(os.getpid(), signal.SIGTERM)
    qtbot.waitUntil(lambda: bool(_questions(interaction)), timeout=3000)
    assert newer.isVisible() and len(_questions(interaction)) == 1


def test_the_program_installs_the_handler_after_the_first_paint(qapp):
    """app.main installs it from a timer after the first paint (its socket import cost
    the first paint ~2 ms); install_ending_signals is what that timer calls."""
    from rejnistvo.ui import app as app_module
    from rejnistvo.ui.ending_signals import _noted

    earlier = set(qapp.findChildren(EndingSignals))
    before = signal.getsignal(signal.SIGTERM)
    app_module.install_ending_signals()
    installed = [e for e in qapp.findChildren(EndingSignals) if e not in earlier]
    try:
        assert len(installed) == 1 and signal.getsignal(signal.SIGTERM) is _noted
    finally:
        for ending in installed:
            ending.uninstall()
            ending.setParent(None)
            ending.deleteLater()
        signal.signal(signal.SIGTERM, before)
