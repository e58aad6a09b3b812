"""QA18: the payment run PDF never ends a page with the heading »Preplačila …« (or
»Razveljavljena preplačila …«) whose table starts on the next page: seen at the foot of
page 1 of a two-page March run, its overpayment on page 2 under no heading."""

from __future__ import annotations

from _payment_fixtures import D, closed_then_changed
from rejnistvo.forms import payment_run as form
from reportlab.platypus.flowables import CondPageBreak

from rejnistvo.printing.document import Paragraph, TableEnd
from rejnistvo.services import payment_run as service

HEADS = ("Preplačila (niso odšteta", "Razveljavljena preplačila")


def _text(flowable) -> str:
    return flowable.getPlainText() if isinstance(flowable, Paragraph) else ""


def _flat(story) -> list:
    """The story with the last table's TableEnd as what it holds: its heading (lead),
    the table, what signs it (QA55: the last section's heading stands in it)."""
    flat = []
    for f in story:
        flat += [*f.lead, f.table, *f.tail] if isinstance(f, TableEnd) else [f]
    return flat


def _asks_room_before_each_section(story) -> None:
    story = _flat(story)
    headings = [i for i, f in enumerate(story) if _text(f).startswith(HEADS)]
    assert headings
    for i in headings:
        assert isinstance(story[i - 1], CondPageBreak), _text(story[i])
        assert story[i - 1].height >= form.HEADING_ROOM


def test_the_overpayments_heading_asks_for_room_for_its_table(run_db, clock):
    closed_then_changed(run_db, clock)
    run = service.payment_run(run_db, D("2026-11-01"), clock)
    assert run.overpayment_lines()
    _asks_room_before_each_section(form.build_story(run, clock.today()))


def test_the_undone_heading_asks_for_room_for_its_table(run_db, clock, monkeypatch):
    closed_then_changed(run_db, clock)
    run = service.payment_run(run_db, D("2026-11-01"), clock)
    over = run.overpayment_lines()
    monkeypatch.setattr(type(run), "undone_lines", lambda _run: over)
    story = form.build_story(run, clock.today())
    assert any(_text(f).startswith(HEADS[1]) for f in _flat(story))
    _asks_room_before_each_section(story)
