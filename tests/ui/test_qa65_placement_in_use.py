"""QA65 (following the manual as a clerk): Namestitve → Izbriši on a placement paid in a
closed month asked »Res želite izbrisati zapis »Namestitev 1/2026«?« and only after »Da«
said »Namestitve ni mogoče izbrisati, ker je bila izplačana v zaključenem mesecu …« — a
carer or child with placements is refused at once (QA26). A placement that something
holds (the ledger, an R-4 case, a board increase, a one-off payment) is now refused at
once too, with the same message; a free one is still asked about."""

from __future__ import annotations

from datetime import date

from rejnistvo.services.placements import placement_in_use
from rejnistvo.ui.views.placements_view import PlacementsView


def _show(qtbot, view, record_id: int):
    qtbot.addWidget(view)
    view.refresh()
    assert view.open_record(view.kind, record_id)
    return view


def _month_to_close(ctx) -> date:
    from rejnistvo.services.payment_run.run import next_month_to_close

    return next_month_to_close(ctx.db, ctx.clock.today())


def _new_placement(ctx, contract: str) -> int:
    from rejnistvo.services.people import Carer, Child, save_carer, save_child
    from rejnistvo.services.placements import Placement, PlacementPeriod, save_placement

    centre = ctx.db.execute("SELECT min(id) FROM centres").fetchone()[0]
    carer_id = save_carer(ctx.db, Carer(name="Vida Nova", address="Cesta 2", centre_id=centre))
    child_id = save_child(ctx.db, Child(name="Otrok Nov", centre_id=centre))
    return save_placement(
        ctx.db,
        Placement(
            contract_no=contract,
            carer_id=carer_id,
            child_id=child_id,
            carer_centre_id=centre,
            child_centre_id=centre,
            periods=(PlacementPeriod("contract", _month_to_close(ctx)),),
        ),
    )


def test_a_placement_with_a_one_off_payment_is_refused_without_the_question(
    qtbot, ctx, interaction
):
    from decimal import Decimal

    from rejnistvo.services.placements import OneOffPayment, add_one_off

    placement_id = _new_placement(ctx, "9-3/2026")
    (carer_id,) = ctx.db.execute(
        "SELECT carer_id FROM placements WHERE id = ?", [placement_id]
    ).fetchone()
    day = _month_to_close(ctx)
    add_one_off(
        ctx.db,
        OneOffPayment(carer_id, placement_id, "primary_school", Decimal("460.00"), day, "šola"),
        None,
    )
    view = _show(qtbot, PlacementsView(ctx), placement_id)
    view.delete_current()
    assert [kind for kind, *_ in interaction.asked] == ["error"]  # no »Res želite …?«
    (message,) = interaction.errors
    assert "enkratna izplačila" in message
    assert view.current_id() == placement_id


def test_a_placement_paid_in_a_closed_month_is_refused_at_once(qtbot, ctx, interaction):
    from rejnistvo.services.payment_run.closing import close_month

    placement_id = _new_placement(ctx, "9-1/2026")
    assert placement_in_use(ctx.db, placement_id) is None
    close_month(ctx.db, _month_to_close(ctx), ctx.clock)
    message = placement_in_use(ctx.db, placement_id)
    assert message is not None and "izplačana v zaključenem mesecu" in message
    view = _show(qtbot, PlacementsView(ctx), placement_id)
    view.delete_current()
    assert [kind for kind, *_ in interaction.asked] == ["error"]
    assert interaction.errors == [message]


def test_a_free_placement_is_asked_about_and_deleted(qtbot, ctx, interaction):
    placement_id = _new_placement(ctx, "9-2/2026")
    assert placement_in_use(ctx.db, placement_id) is None
    view = _show(qtbot, PlacementsView(ctx), placement_id)
    interaction.answers.append(True)
    view.delete_current()
    assert [kind for kind, *_ in interaction.asked] == ["confirm"]  # »Res želite …?«
    assert interaction.errors == []
    assert (
        ctx.db.execute("SELECT 1 FROM placements WHERE id = ?", [placement_id]).fetchone() is None
    )
