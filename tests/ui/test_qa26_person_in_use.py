"""QA26: deleting a carer who has placements first asked »Res želite izbrisati zapis
»Špela Šuštar«?« and only after »Da« said »Rejnika Špela Šuštar ni mogoče izbrisati, ker
ima namestitve ali izplačila« — naming no placement (and a woman »Rejnika«). The refusal
now comes at once, without the question, and names the placements (contract and the
other person)."""

from __future__ import annotations

from rejnistvo.services.people import person_in_use
from rejnistvo.ui.views.carers_view import CarersView
from rejnistvo.ui.views.children_view import ChildrenView


def _placed(ctx, column: str) -> tuple[int, str, str]:
    """A person with a placement: id, the placement's contract, the other person's name."""
    other_table, other_column = (
        ("children", "child_id") if column == "carer_id" else ("carers", "carer_id")
    )
    row = ctx.db.execute(
        f"SELECT p.{column}, p.contract_no, o.name FROM placements p "
        f"JOIN {other_table} o ON o.id = p.{other_column} ORDER BY p.contract_no LIMIT 1"
    ).fetchone()
    return row[0], row[1], row[2]


def _show(qtbot, view, record_id: int):
    qtbot.addWidget(view)
    view.refresh()
    assert view.open_record(view.kind, record_id)
    return view


def test_a_carer_with_placements_is_refused_without_the_question(qtbot, ctx, interaction):
    carer_id, contract, child = _placed(ctx, "carer_id")
    view = _show(qtbot, CarersView(ctx), carer_id)
    view.delete_current()
    assert [kind for kind, *_ in interaction.asked] == ["error"]  # no »Res želite …?«
    (message,) = interaction.errors
    assert f"{contract} ({child})" in message
    assert "Rejnika " not in message and "evidence rejnikov" in message
    assert view.current_id() == carer_id


def test_a_child_with_placements_names_the_carer(qtbot, ctx, interaction):
    child_id, contract, carer = _placed(ctx, "child_id")
    view = _show(qtbot, ChildrenView(ctx), child_id)
    view.delete_current()
    (message,) = interaction.errors
    assert f"{contract} ({carer})" in message and "evidence otrok" in message


def test_a_person_without_placements_is_asked_about_and_deleted(qtbot, ctx, interaction):
    from rejnistvo.services.people import Carer, save_carer

    centre = ctx.db.execute("SELECT min(id) FROM centres").fetchone()[0]
    carer_id = save_carer(ctx.db, Carer(name="Nova Rejnica", address="Cesta 1", centre_id=centre))
    assert person_in_use(ctx.db, "carers", carer_id) is None
    view = _show(qtbot, CarersView(ctx), carer_id)
    view.delete_current()
    assert [kind for kind, *_ in interaction.asked] == ["confirm"]  # »Res želite …?«
    assert interaction.errors == []
    assert ctx.db.execute("SELECT 1 FROM carers WHERE id = ?", [carer_id]).fetchone() is None


def test_many_placements_are_counted_after_five(ctx):
    from datetime import date

    from rejnistvo.services.people import Carer, Child, save_carer, save_child
    from rejnistvo.services.placements import Placement, PlacementPeriod, save_placement

    centre = ctx.db.execute("SELECT min(id) FROM centres").fetchone()[0]
    carer_id = save_carer(ctx.db, Carer(name="Vida Velika", address="Cesta 2", centre_id=centre))
    for n in range(1, 8):
        child_id = save_child(ctx.db, Child(name=f"Otrok {n}", centre_id=centre))
        save_placement(
            ctx.db,
            Placement(
                contract_no=f"9-{n}/2026",
                carer_id=carer_id,
                child_id=child_id,
                carer_centre_id=centre,
                child_centre_id=centre,
                periods=(PlacementPeriod("contract", date(2026, 1, 1)),),
            ),
        )
    message = person_in_use(ctx.db, "carers", carer_id)
    assert message is not None
    assert "9-1/2026 (Otrok 1), 9-2/2026 (Otrok 2)" in message
    assert "9-5/2026 (Otrok 5) in še 2." in message and "9-6/2026" not in message
