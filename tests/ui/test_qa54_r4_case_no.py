"""R-4 predlogi: a case number another proposal already has (QA54). Typed for a second
child (copied from the previous proposal), it was saved without a word, and two children
stood under one number in the coordinator's register and packages. The screen now asks
(Enter answers Ne); Ne keeps the proposal unsaved with the reason at Št. zadeve."""

from __future__ import annotations

from _fixtures_b import b_ctx, b_db  # noqa: F401 (fixtures)
from test_r4_flow import fill_proposal, make_view

from rejnistvo.services.r4_cases import Proposal, case_no_taken
from rejnistvo.store import list_records


def _first_case(qtbot, view, ctx) -> int:
    fill_proposal(qtbot, view, ctx)  # number 1220-14/2026
    assert view.save() is True
    assert ctx.interaction.asked == []  # a number of its own: nothing asked
    assert view.case_id is not None
    return view.case_id


def test_a_taken_case_number_is_asked_about_and_ne_keeps_it_unsaved(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    first = _first_case(qtbot, view, b_ctx)
    fill_proposal(qtbot, view, b_ctx)  # a new proposal, the same number
    b_ctx.interaction.answers.append(False)
    assert view.save() is False
    kind, title, text = b_ctx.interaction.asked[-1]
    assert kind == "confirm" and title == "Ista številka zadeve"
    assert "Številka zadeve 1220-14/2026 je že vpisana pri predlogu za otroka" in text
    assert len(list_records(b_ctx.db, "r4_cases")) == 1
    assert "je že vpisana" in view.case_no_edit.error_text()
    assert view.case_no_edit.edit.text() == "1220-14/2026"  # what was typed stays
    # Da saves it after all
    b_ctx.interaction.answers.append(True)
    assert view.save() is True
    assert len(list_records(b_ctx.db, "r4_cases")) == 2
    # saving the case again with its number unchanged asks nothing more
    asked = len(b_ctx.interaction.asked)
    view.rationale_edit.setPlainText("Otrok potrebuje stalen nadzor in spremstvo.")
    assert view.save() is True and len(b_ctx.interaction.asked) == asked
    assert view.case_id != first


def test_case_no_taken_ignores_spaces_case_and_the_case_itself(b_ctx):  # noqa: F811
    from rejnistvo.services.r4_cases import save_proposal

    placement = b_ctx.db.b_ids["placement"]
    stored = save_proposal(b_ctx.db, Proposal(placement_id=placement, case_no="1220-7/2026"))
    assert case_no_taken(b_ctx.db, Proposal(placement, case_no=" 1220-7/2026 ")) is not None
    assert case_no_taken(b_ctx.db, Proposal(placement, case_no="1220-8/2026")) is None
    assert case_no_taken(b_ctx.db, Proposal(placement, case_no="1220-7/2026"), stored.id) is None
    assert case_no_taken(b_ctx.db, Proposal(placement, case_no="")) is None


def test_another_centres_case_of_the_same_number_is_another_case(b_ctx):  # noqa: F811
    """Each centre numbers its own cases: the same number at another centre of the
    coordinator's subgroup is no number typed twice."""
    from rejnistvo.services.r4_cases import save_proposal

    placement = b_ctx.db.b_ids["placement"]
    centre, other = (c["id"] for c in list_records(b_ctx.db, "centres")[:2])
    save_proposal(b_ctx.db, Proposal(placement, case_no="1220-7/2026", centre_id=centre))
    same = Proposal(placement, case_no="1220-7/2026", centre_id=centre)
    assert case_no_taken(b_ctx.db, same) is not None
    elsewhere = Proposal(placement, case_no="1220-7/2026", centre_id=other)
    assert case_no_taken(b_ctx.db, elsewhere) is None


def test_stale_save_says_what_da_and_ne_do_to_the_typed_text(qtbot, b_ctx):  # noqa: F811
    """The R-4 screen asked »Naložim primer, kot je shranjen zdaj?« (Enter: Da) without
    saying that Da throws away what was typed; it asks as every other screen does."""
    from dataclasses import replace

    from rejnistvo.services.r4_cases import load_case, save_proposal

    view = make_view(qtbot, b_ctx)
    case_id = _first_case(qtbot, view, b_ctx)
    stored = load_case(b_ctx.db, case_id)
    save_proposal(  # another screen saves the case meanwhile
        b_ctx.db,
        replace(stored.proposal, rationale="Drugi zaslon."),
        case_id=case_id,
        version=stored.version,
    )
    view.rationale_edit.setPlainText("Moje besedilo.")
    b_ctx.interaction.answers.append(False)
    assert view.save() is False
    kind, _title, text = b_ctx.interaction.asked[-1]
    assert kind == "confirm" and "(Da: vaši vnosi se zavržejo. Ne: ostanejo.)" in text
    assert _title in b_ctx.interaction.risky  # Enter answers Ne: the typed text stays
    assert view.rationale_edit.toPlainText() == "Moje besedilo."


def test_the_cursor_goes_to_the_first_reason_shown(qtbot, b_ctx):  # noqa: F811
    """No percent and no period: both reasons are shown, and the cursor went to
    »Obdobje« below the unchosen »Predlagano zvišanje«; it goes to the one above."""
    from PySide6.QtWidgets import QApplication

    from rejnistvo.ui.widgets.fields import FieldError

    view = make_view(qtbot, b_ctx)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.new_record()
    view.placement_combo.setCurrentIndex(view.placement_combo.findData(b_ctx.db.b_ids["placement"]))
    view.proposed_percent.setCurrentIndex(view.proposed_percent.findData(None))
    assert view.proposed_percent.currentData() is None
    assert view.save() is False
    assert view.proposed_error.text()
    assert "obvezno" in " ".join(e.text() for e in view.period_edit.findChildren(FieldError))
    qtbot.waitUntil(lambda: view.proposed_percent.hasFocus())
