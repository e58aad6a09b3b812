"""Two more questions that warn of a doubtful step answer Enter with »Ne«: the
commission with a member from the proposer's unit (or its author), and a one-off
payment entered again after a paid one was deleted (QA27 found both still »Da«)."""

from __future__ import annotations

from test_ui_coordinator import make_view, select_case

import rejnistvo.services.coordinator as coordinator_service


def test_a_commission_warning_is_asked_as_risky(qtbot, ctx, interaction, monkeypatch):
    monkeypatch.setattr(
        coordinator_service,
        "commission_warnings",
        lambda db, case_id, members: ["Član komisije je iz enote predlagatelja."],
    )
    view = make_view(qtbot, ctx)
    record = None
    for index in range(view.subgroup_combo.count()):
        view.subgroup_combo.setCurrentIndex(index)
        record = select_case(view, lambda r: not r["accepted"])
        if record is not None:
            break
    assert record is not None
    today = ctx.clock.today()
    view.today = lambda: today
    view.step_date.set_value(today)
    assert view.accept_case()
    select_case(view, lambda r: r["id"] == record["id"])
    for i, combo in enumerate(view.member_combos):
        combo.setCurrentIndex(i + 1)
    interaction.answers.append(False)
    assert not view.name_commission()
    assert interaction.risky == ["Opozorilo o komisiji"]


def test_a_payment_entered_again_is_asked_as_risky(qtbot, ctx, monkeypatch):
    import rejnistvo.services.payment_run as payment_run
    from rejnistvo.ui.widgets.one_off_question import confirm_reentered

    monkeypatch.setattr(payment_run, "reentered_one_off_notice", lambda db, payment: "Izplačilo …")
    ctx.interaction.answers.append(False)
    assert confirm_reentered(ctx, object()) is False
    assert ctx.interaction.risky == ["Izplačilo namesto izbrisanega"]
