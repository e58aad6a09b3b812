"""Izplačila: the status line said »december 2026 je zaključen.« (a sentence with a small
letter) after the close, and nothing after Ponovno odpri (QA59). Both are said, each a
sentence."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_db  # noqa: F401 (fixtures)
from _fixtures_b import payments_view as view  # noqa: F401 (the screen under test)
from _fixtures_b import show_month as choose

OCT = date(2026, 10, 1)


def test_close_and_reopen_are_said_as_sentences(qtbot, view):  # noqa: F811
    said: list[str] = []
    view.ctx.bus.status_message.connect(said.append)
    choose(qtbot, view, OCT)
    assert view.close_month()
    assert said[-1] == "Oktober 2026 je zaključen."
    view.ctx.interaction.answers.append("Napačen znesek rejnine")
    assert view.reopen_month()
    assert said[-1] == (
        "Oktober 2026 je ponovno odprt; izplačilo je izračunano po današnjih podatkih."
    )
