"""Namestitve → Enkratna izplačila: suggested amounts, validation beside the fields,
once per carer, audited add and delete."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rejnistvo.store import list_records
from rejnistvo.store.audit import audit_rows, verify_audit_chain
from rejnistvo.ui.views.placements_view import PlacementsView


def _view(qtbot, ctx, placement=None):
    view = PlacementsView(ctx)
    qtbot.addWidget(view)
    # before any yearly indexation row (1 March) someone may add to the shipped rates
    view.one_off.today = date(2025, 12, 15)
    view.refresh()
    placement = placement or list_records(ctx.db, "placements")[0]
    assert view.open_record("placement", placement["id"])
    return view, view.one_off, placement


def _choose(panel, key):
    combo = panel.kind_field.combo
    combo.setCurrentIndex(combo.findData(key))
    combo.activated.emit(combo.currentIndex())


def _fresh_carer_placement(ctx):
    """A placement whose carer has no one-off payments yet."""
    paid = {r["carer_id"] for r in list_records(ctx.db, "one_off_payments")}
    return next(p for p in list_records(ctx.db, "placements") if p["carer_id"] not in paid)


def test_new_placement_has_no_payments_to_add(qtbot, ctx):
    view = PlacementsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.new_record()
    assert not view.one_off.btn_add.isEnabled()
    assert view.one_off.model.rowCount() == 0
    assert "shranjena" in view.one_off.info_label.text()


def test_add_first_placement_payment_suggests_birth_grant_then_refuses_second(qtbot, ctx):
    placement = _fresh_carer_placement(ctx)
    view, panel, placement = _view(qtbot, ctx, placement)
    before = panel.model.rowCount()
    _choose(panel, "first_placement")
    assert panel.amount_edit.text() == "430,00"
    assert "430,00" in panel.hint.text()
    qtbot.keyClicks(panel.note_edit.edit, "prva namestitev")
    assert panel.add_payment() is True
    assert panel.model.rowCount() == before + 1
    assert not view.has_unsaved_changes()  # the placement itself is untouched
    stored = list_records(ctx.db, "one_off_payments", placement_id=placement["id"])
    row = next(r for r in stored if r["kind"] == "first_placement")
    assert row["amount"] == Decimal("430.00") and row["date"] == date(2025, 12, 15)
    assert row["carer_id"] == placement["carer_id"] and row["note"] == "prva namestitev"
    log = audit_rows(ctx.db, "one_off_payments", row["id"])
    assert [r["action"] for r in log] == ["insert"]
    assert verify_audit_chain(ctx.db) == []

    # a second one for the same carer is refused beside the field, typed values stay
    _choose(panel, "first_placement")
    panel.amount_edit.setText("430,00")
    panel.note_edit.edit.insert("še enkrat")  # keyClicks cannot type š offscreen
    assert panel.add_payment() is False
    assert "le enkrat" in panel.kind_field.error_text()
    assert panel.note_edit.text() == "še enkrat"
    assert panel.model.rowCount() == before + 1


def test_base_fee_kind_suggests_fee_and_typed_amount_is_kept(qtbot, ctx):
    view, panel, placement = _view(qtbot, ctx)
    _choose(panel, "primary_school")
    assert panel.amount_edit.text() == "460,00"
    panel.amount_edit.edit.clear()
    qtbot.keyClicks(panel.amount_edit.edit, "455,5")
    _choose(panel, "secondary_school")  # a new suggestion does not overwrite typing
    assert panel.amount_edit.text() == "455,5"
    assert "460,00" in panel.hint.text()
    with qtbot.waitSignal(ctx.bus.records_changed, timeout=1000) as blocker:
        assert panel.add_payment() is True
    assert blocker.args == ["one_off_payment"]
    stored = list_records(ctx.db, "one_off_payments", placement_id=placement["id"])
    assert any(r["amount"] == Decimal("455.50") and r["kind"] == "secondary_school" for r in stored)


def test_bad_inputs_shown_beside_fields_and_kept(qtbot, ctx):
    view, panel, placement = _view(qtbot, ctx)
    count = len(list_records(ctx.db, "one_off_payments"))
    assert panel.add_payment() is False
    assert "vrsto" in panel.kind_field.error_text()
    _choose(panel, "leaving_care")
    panel.amount_edit.edit.clear()
    qtbot.keyClicks(panel.amount_edit.edit, "12,345")
    panel.date_edit.edit.clear()
    qtbot.keyClicks(panel.date_edit.edit, "31. 2. 2026")
    assert panel.add_payment() is False
    assert panel.amount_edit.error_text() and panel.date_edit.error_text()
    assert panel.amount_edit.text() == "12,345"
    assert panel.date_edit.text() == "31. 2. 2026"
    panel.amount_edit.setText("0,00")
    panel.date_edit.set_value(date(2025, 12, 15))
    assert panel.add_payment() is False
    assert "večji od 0" in panel.amount_edit.error_text()
    assert len(list_records(ctx.db, "one_off_payments")) == count


def test_no_birth_grant_before_it_is_in_force_names_the_date(qtbot, ctx):
    view, panel, placement = _view(qtbot, ctx)
    panel.date_edit.set_value(date(2025, 6, 1))
    _choose(panel, "first_placement")
    assert "1. 6. 2025" in panel.hint.text()
    assert panel.amount_edit.text() == ""  # never a zero


def test_delete_asks_and_is_audited(qtbot, ctx, interaction):
    view, panel, placement = _view(qtbot, ctx)
    _choose(panel, "primary_school")
    assert panel.add_payment()
    panel.table.selectRow(panel.model.rowCount() - 1)
    record = panel._selected()
    interaction.answers.append(False)
    assert panel.delete_selected() is False
    assert panel.delete_selected() is True
    assert all(r["id"] != record["id"] for r in list_records(ctx.db, "one_off_payments"))
    assert [r["action"] for r in audit_rows(ctx.db, "one_off_payments", record["id"])] == [
        "insert",
        "delete",
    ]


def test_panel_model_passes_modeltester(qtbot, qtmodeltester, ctx):
    view, panel, placement = _view(qtbot, ctx)
    _choose(panel, "primary_school")
    panel.add_payment()
    qtmodeltester.check(panel.model)


def test_a_payment_dated_before_the_first_closed_month_is_saved_only_when_confirmed(qtbot, ctx):
    from rejnistvo.store import ledger

    first, _ = ledger.closed_range(ctx.db)
    assert first is not None and date(2025, 12, 15) < first  # the demo closed two months
    view, panel, placement = _view(qtbot, ctx)
    before = panel.model.rowCount()
    _choose(panel, "primary_school")
    ctx.interaction.answers.append(False)  # "Ga vseeno shranim?" → Ne
    assert panel.add_payment() is False
    kind, title, text = ctx.interaction.asked[-1]
    assert kind == "confirm" and "pred začetkom knjige izplačil" in title
    assert "15. 12. 2025" in text and "zunaj programa" in text
    assert panel.model.rowCount() == before and panel.amount_edit.text() == "460,00"
    ctx.interaction.answers.append(True)  # a payment from before the program: kept
    assert panel.add_payment() is True
    assert panel.model.rowCount() == before + 1
    # dated in a month of the ledger: no question
    asked = len(ctx.interaction.asked)
    panel.today = first
    _choose(panel, "secondary_school")
    panel.date_edit.set_value(first)
    assert panel.add_payment() is True
    assert len(ctx.interaction.asked) == asked


def test_a_payment_entered_again_after_a_paid_one_was_deleted_asks_first(qtbot, ctx):
    """A paid school payment deleted (its overpayment open) and entered again for the
    same month: before saving, the screen says the new one first undoes the open
    overpayment, so only the rest is paid (the service's words); No keeps the form."""
    from rejnistvo.services import payment_run
    from rejnistvo.services.placements import OneOffPayment, add_one_off, delete_one_off

    view, panel, placement = _view(qtbot, ctx)
    paid = add_one_off(
        ctx.db,
        OneOffPayment(placement["carer_id"], placement["id"], "primary_school",
                      Decimal("460.00"), date(2026, 3, 1), "šola"),
        None,
    )  # fmt: skip
    payment_run.close_month(ctx.db, date(2026, 3, 1), ctx.clock)
    delete_one_off(ctx.db, paid)
    panel.reload()
    before = panel.model.rowCount()
    _choose(panel, "primary_school")
    panel.date_edit.set_value(date(2026, 3, 2))
    panel.amount_edit.setText("500,00")
    asked = len(ctx.interaction.asked)
    ctx.interaction.answers.append(False)
    assert panel.add_payment() is False
    kind, title, text = ctx.interaction.asked[-1]
    assert len(ctx.interaction.asked) == asked + 1 and kind == "confirm"
    assert title == "Izplačilo namesto izbrisanega"
    assert text == (
        "Izplačilo bo najprej razveljavilo odprto preplačilo 460,00 EUR izbrisanega "
        "enkratnega izplačila za marec 2026 (ugotovljeno v izplačilu za april 2026), "
        "zato se izplača le 40,00 EUR. Ga shranim?"
    )
    assert panel.model.rowCount() == before and panel.amount_edit.text() == "500,00"
    ctx.interaction.answers.append(True)
    assert panel.add_payment() is True
    assert panel.model.rowCount() == before + 1
    run = payment_run.payment_run(ctx.db, date(2026, 4, 1), ctx.clock)
    mine = [(x.kind, x.total) for x in run.lines if x.placement_id == placement["id"]
            and x.one_off_id is not None]  # fmt: skip
    assert sorted(mine) == [
        ("one_off", Decimal("40.00")),
        ("overpayment", Decimal("-460.00")),
        ("overpayment_undone", Decimal("460.00")),
    ]
    # another kind of payment: no question
    asked = len(ctx.interaction.asked)
    _choose(panel, "secondary_school")
    panel.date_edit.set_value(date(2026, 3, 2))
    assert panel.add_payment() is True
    assert len(ctx.interaction.asked) == asked
