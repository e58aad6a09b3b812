"""QA20: a proposal already sent to the coordinator stayed editable with no word that the
coordinator has the sent copy; the editor now says so, and after a save tells how the
correction reaches the coordinator (sent again)."""

from __future__ import annotations

from _fixtures_b import b_ctx, b_db, show_view  # noqa: F401 (fixtures)
from test_r4_flow import fill_proposal, make_view


def test_a_sent_proposal_says_the_coordinator_has_the_sent_copy(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    messages: list[str] = []
    b_ctx.bus.status_message.connect(messages.append)
    fill_proposal(qtbot, view, b_ctx)
    assert view.save()
    assert not view.sent_label.isVisible()  # a draft: nothing was sent
    assert view.send_to_coordinator()
    assert view.sent_label.isVisible()
    hint = view.sent_label.text()
    assert "2. 3. 2026" in hint and "poslano različico" in hint and "znova" in hint
    view.rationale_edit.setPlainText("Otrok potrebuje stalen nadzor tudi ponoči.")
    assert view.save()
    assert "znova" in messages[-1] and "Paketi" in messages[-1]
