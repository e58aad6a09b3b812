"""QA25: R-4 and R-5 cases opened and saved unchanged (or typed back to what they were)
were stored again — a new version and a line in the change log for nothing, and
»… je shranjen« had the caseworker believe a change was kept. As on Rejniki, Otroci,
Namestitve and the settings, the status bar now says »Ni sprememb za shranjevanje.«
and nothing is written; a real change is still stored."""

from __future__ import annotations

NOTHING = "Ni sprememb za shranjevanje."


def _audit_rows(ctx) -> int:
    return ctx.db.execute("select count(*) from audit_log").fetchone()[0]


def _said(ctx) -> list[str]:
    said: list[str] = []
    ctx.bus.status_message.connect(said.append)
    return said


def _r4_view(qtbot, ctx):
    from rejnistvo.ui.views.r4_view import R4View

    view = R4View(ctx)
    qtbot.addWidget(view)
    view.refresh()
    return view


def _r5_view(qtbot, ctx):
    from rejnistvo.ui.views.r5_view import R5View

    view = R5View(ctx)
    qtbot.addWidget(view)
    view.refresh()
    return view


def test_every_undecided_r4_case_saved_unchanged_writes_nothing(qtbot, ctx):
    view = _r4_view(qtbot, ctx)
    said = _said(ctx)
    ids = [row[0] for row in ctx.db.execute("select id from r4_cases where outcome is null")]
    assert len(ids) > 3
    before = _audit_rows(ctx)
    for case_id in ids:
        view.load(case_id)
        view._dirty = True  # as after a field typed and typed back
        assert view.save() is True
        assert said[-1] == NOTHING, case_id
        assert not view.has_unsaved_changes()
    assert _audit_rows(ctx) == before


def test_r4_rationale_typed_back_is_not_saved_and_a_change_is(qtbot, ctx):
    view = _r4_view(qtbot, ctx)
    said = _said(ctx)
    case_id = ctx.db.execute("select min(id) from r4_cases where outcome is null").fetchone()[0]
    view.load(case_id)
    version = view.case.version
    text = view.rationale_edit.toPlainText()
    view.rationale_edit.setPlainText(text + " x")
    view.rationale_edit.setPlainText(text)
    assert view.has_unsaved_changes()
    before = _audit_rows(ctx)
    assert view.save() is True
    assert said[-1] == NOTHING and _audit_rows(ctx) == before
    view.rationale_edit.setPlainText(text + " Dopolnjeno.")
    assert view.save() is True
    assert said[-1].startswith("Predlog R-4 je shranjen.")
    assert _audit_rows(ctx) == before + 1 and view.case.version == version + 1


def test_a_new_r4_case_is_still_stored(qtbot, ctx):
    from rejnistvo.rules.periods import Period

    view = _r4_view(qtbot, ctx)
    case_id = ctx.db.execute("select min(id) from r4_cases where outcome is null").fetchone()[0]
    view.load(case_id)
    proposal = view.collect()
    view.new_record()
    view.placement_combo.setCurrentIndex(view.placement_model.index_of(proposal.placement_id))
    view.proposed_percent.setCurrentIndex(view.proposed_percent.findData(25))
    view.period_edit.set_value(Period(proposal.period_from, proposal.period_to))
    count = ctx.db.execute("select count(*) from r4_cases").fetchone()[0]
    assert view.save() is True
    assert ctx.db.execute("select count(*) from r4_cases").fetchone()[0] == count + 1


def test_every_r5_case_saved_unchanged_writes_nothing(qtbot, ctx):
    view = _r5_view(qtbot, ctx)
    said = _said(ctx)
    ids = [row[0] for row in ctx.db.execute("select id from board_increases")]
    assert len(ids) > 3
    before = _audit_rows(ctx)
    for increase_id in ids:
        view.load(increase_id)
        view._dirty = True
        assert view.save() is True
        assert said[-1] == NOTHING, increase_id
        assert not view.has_unsaved_changes()
    assert _audit_rows(ctx) == before


def test_r5_changed_decision_number_is_stored(qtbot, ctx):
    view = _r5_view(qtbot, ctx)
    said = _said(ctx)
    increase_id = ctx.db.execute("select min(id) from board_increases").fetchone()[0]
    view.load(increase_id)
    edit = view.increase_panel.decision_no_edit
    edit.set_value((edit.value() or "") + "-a")
    view._dirty = True
    before = _audit_rows(ctx)
    assert view.save() is True
    assert said[-1] == "Zvišanje oskrbnine je shranjeno."
    assert _audit_rows(ctx) > before


def test_r5_finding_centre_chosen_other_than_offered_is_stored(qtbot, ctx):
    """The child's centre offered for a finding not made yet is no edit; another centre
    chosen is one, and is kept."""
    view = _r5_view(qtbot, ctx)
    said = _said(ctx)
    row = ctx.db.execute(
        "select r.increase_id from r5_reports r where r.finding_centre_id is null"
    ).fetchone()
    assert row is not None
    view.load(row[0])
    offered = view.centre_combo.currentData()
    assert offered is not None
    other = next(
        i
        for i in range(view.centre_combo.count())
        if view.centre_combo.itemData(i) not in (None, offered)
    )
    view.centre_combo.setCurrentIndex(other)
    view._dirty = True
    assert view.save() is True
    assert said[-1] == "Zvišanje oskrbnine je shranjeno."
