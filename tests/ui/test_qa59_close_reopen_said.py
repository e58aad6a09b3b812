"""Izplačila: the status line said »december 2026 je zaključen.« (a sentence with a small
letter) after the close, and nothing after Ponovno odpri (QA59). Both are said, each a
sentence."""

from __future__ import annotations

from datetime import date

import pytest
from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import QSettings

from rejnistvo.clock import FixedClock
from rejnistvo.ui.bus import Bus
from rejnistvo.ui.context import AppContext
from rejnistvo.ui.interaction import FakeInteraction
from rejnistvo.ui.views.payments_view import PaymentsView

OCT = date(2026, 10, 1)


@pytest.fixture
def view(qtbot, qapp, b_db, tmp_path):  # noqa: F811
    ctx = AppContext(
        db=b_db,
        db_path=tmp_path / "b.sqlite3",
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        interaction=FakeInteraction(),
        bus=Bus(),
        clock=FixedClock(date(2026, 12, 10)),
    )
    return show_view(qtbot, PaymentsView(ctx))


def test_close_and_reopen_are_said_as_sentences(qtbot, view):
    said: list[str] = []
    view.ctx.bus.status_message.connect(said.append)
    view.month_combo.setCurrentIndex(view.month_combo.findData(OCT.isoformat()))
    view.load_run()
    qtbot.waitUntil(lambda: not view.is_busy(), timeout=20000)
    assert view.close_month()
    assert said[-1] == "Oktober 2026 je zaključen."
    view.ctx.interaction.answers.append("Napačen znesek rejnine")
    assert view.reopen_month()
    assert said[-1] == (
        "Oktober 2026 je ponovno odprt; izplačilo je izračunano po današnjih podatkih."
    )
