"""The payment run PDF never ends a page with a centre's or unit's heading whose table
starts on the next page (seen: "Enota: Litija" alone at the foot of page 4 of the demo's
December run), and the signatures keep the line above them (the total) on their page."""

from _payment_fixtures import D
from rejnistvo.forms import payment_run as form
from reportlab.platypus.flowables import CondPageBreak, KeepTogether

from rejnistvo.printing.document import Paragraph
from rejnistvo.services import payment_run as service

OCT = D("2026-10-01")


def _text(flowable) -> str:
    return flowable.getPlainText() if isinstance(flowable, Paragraph) else ""


def test_every_heading_asks_for_room_for_its_table(run_db, clock):
    story = form.build_story(service.payment_run(run_db, OCT, clock), clock.today())
    headings = [
        i
        for i, f in enumerate(story)
        if _text(f).startswith("Enota:") or _text(f).startswith("Center za socialno delo")
    ]
    assert headings
    for i in headings:
        assert isinstance(story[i - 1], CondPageBreak), _text(story[i])
        assert story[i - 1].height >= form.HEADING_ROOM


def test_signatures_stay_with_the_total(run_db, clock):
    story = form.build_story(service.payment_run(run_db, OCT, clock), clock.today())
    closing = story[-1]
    assert isinstance(closing, KeepTogether)
    texts = [_text(f) for f in closing._content]
    assert texts[0].startswith("SKUPAJ ZA IZPLAČILO") or texts[0].startswith("Opozorilo")
    assert "Odobril/a:" in texts
