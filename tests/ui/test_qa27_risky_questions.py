"""QA26: a question warning that a save may be a mistake (the same EMŠO as another
person, a child placed twice, a contract number twice, a file to be replaced) had »Da«
as its default button, so one Enter pressed to get on saved the duplicate. Such a
question now answers Enter with »Ne«; Esc answers »Ne« in every question."""

from __future__ import annotations

import pytest
from _fixtures_b import b_db  # noqa: F401 (fixture)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from test_qa26_contract_twice import _type_with_contract, _view
from test_ui_carers import make_view

from rejnistvo.store import get_record, list_records
from rejnistvo.ui.interaction import question_box


@pytest.mark.parametrize(
    ("risky", "key", "answer"),
    [
        (True, Qt.Key.Key_Return, "Ne"),
        (True, Qt.Key.Key_Enter, "Ne"),
        (True, Qt.Key.Key_Escape, "Ne"),
        (False, Qt.Key.Key_Return, "Da"),
        (False, Qt.Key.Key_Escape, "Ne"),
    ],
)
def test_enter_and_esc_answer(qtbot, risky, key, answer):
    box, _yes = question_box(None, "Enak EMŠO", "Shranim kljub temu?", risky)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    QTest.keyClick(box, key)
    assert box.clickedButton() is not None and box.clickedButton().text() == answer


def test_the_same_emso_is_asked_as_risky(qtbot, ctx):
    other = next(r for r in list_records(ctx.db, "carers") if r.get("emso"))
    view = make_view(qtbot, ctx)
    view.new_record()
    qtbot.keyClicks(view.name_edit.edit, "Druga Oseba")
    qtbot.keyClicks(view.emso_edit.edit, other["emso"])
    qtbot.keyClicks(view.address_edit.edit, "Cesta 2, Kranj")
    view.centre_edit.centre.setCurrentIndex(1)
    ctx.interaction.answers.append(False)
    assert view.save() is False
    assert ctx.interaction.risky == ["Enak EMŠO"]


def test_a_contract_twice_and_a_child_placed_twice_are_asked_as_risky(
    qtbot,
    b_db,  # noqa: F811
    tmp_path,
):
    view = _view(qtbot, b_db, tmp_path)
    first = get_record(b_db, "placements", b_db.b_ids["placement"])["contract_no"]
    _type_with_contract(view, b_db, first)
    assert view.save() is True  # the fake answers »Da« to both
    assert view.ctx.interaction.risky == ["Ista številka pogodbe", "Otrok je že nameščen"]


def test_replacing_a_file_is_asked_as_risky(ctx, tmp_path):
    from rejnistvo.ui.interaction import ask_save_file

    target = tmp_path / "rejniki.xlsx"
    target.write_bytes(b"")
    ctx.interaction.answers.extend([str(target), False])
    assert ask_save_file(ctx, "export", "rejniki.xlsx", "Izvoz", "Excel (*.xlsx)") is None
    assert ctx.interaction.risky == ["Datoteka že obstaja"]


def test_a_one_off_payment_never_to_be_paid_is_asked_as_risky(qtbot, ctx):
    from test_ui_one_off import _choose
    from test_ui_one_off import _view as one_off_view

    _view_, panel, _placement = one_off_view(qtbot, ctx)
    _choose(panel, "primary_school")  # dated before the first closed month (the demo's)
    ctx.interaction.answers.append(False)
    assert panel.add_payment() is False
    assert ctx.interaction.risky == ["Izplačilo pred začetkom knjige izplačil"]
