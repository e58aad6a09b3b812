"""QA26: a placement saved with a contract number another placement already has (copied
from a sibling's placement) was stored without a word: one number then stood on two
children's payment lines and bank transfers (the remittance names the contract). Namestitve
now asks first, naming the other placement; »Ne« keeps it unsaved with the reason at
Št. pogodbe and what was typed in place."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import QSettings

from rejnistvo.clock import FixedClock
from rejnistvo.services.placements import contract_taken, get_placement
from rejnistvo.store import get_record
from rejnistvo.ui.bus import Bus
from rejnistvo.ui.context import AppContext
from rejnistvo.ui.interaction import FakeInteraction
from rejnistvo.ui.views.placements_view import PlacementsView


def _view(qtbot, b_db, tmp_path):  # noqa: F811
    ctx = AppContext(
        db=b_db,
        db_path=tmp_path / "b.sqlite3",
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        interaction=FakeInteraction(),
        bus=Bus(),
        clock=FixedClock(date(2026, 12, 4)),
    )
    return show_view(qtbot, PlacementsView(ctx))


def _type_with_contract(view, b_db, contract: str):  # noqa: F811
    """A second placement of the first one's carer and child, typed (the question about
    the child placed twice is answered »Da« by the fake unless told otherwise)."""
    first = get_record(b_db, "placements", b_db.b_ids["placement"])
    view.new_record()
    view.fill_editor(
        {
            "contract_no": contract,
            "carer_id": first["carer_id"],
            "carer_name": "Marija Rejnik",
            "child_id": first["child_id"],
            "child_name": "Luka Otrok",
            "carer_centre_id": first["carer_centre_id"],
            "child_centre_id": first["child_centre_id"],
            "periods": [{"kind": "contract", "document_no": contract,
                         "from_date": date(2030, 1, 1), "to_date": None}],
        }
    )  # fmt: skip
    view.mark_dirty()
    return first["contract_no"]


def _contract_questions(view) -> int:
    return sum(
        1 for _kind, title, _text in view.ctx.interaction.asked if title == "Ista številka pogodbe"
    )


def test_no_keeps_it_unsaved_with_the_reason_at_the_contract(qtbot, b_db, tmp_path):  # noqa: F811
    view = _view(qtbot, b_db, tmp_path)
    before = view.model.rowCount()
    first = get_record(b_db, "placements", b_db.b_ids["placement"])["contract_no"]
    _type_with_contract(view, b_db, f" {first.lower()} ")  # spaces and case aside
    view.ctx.interaction.answers.append(False)
    assert view.save() is False
    kind, _title, text = view.ctx.interaction.asked[0]  # asked first
    assert kind == "confirm" and f"Pogodba {first} je že vpisana" in text
    assert first in view.contract_edit.error_text()
    assert view.contract_edit.text().strip() == first.lower()
    assert view.model.rowCount() == before


def test_yes_saves_it_and_a_new_number_is_not_asked_about(qtbot, b_db, tmp_path):  # noqa: F811
    view = _view(qtbot, b_db, tmp_path)
    first = _type_with_contract(view, b_db, "RP-9/2026")
    assert view.save() is True
    assert _contract_questions(view) == 0
    saved = get_placement(b_db, view.current_id())
    assert contract_taken(b_db, saved) is None  # its own number is no clash
    _type_with_contract(view, b_db, first)
    assert view.save() is True  # »Da« to both questions
    assert _contract_questions(view) == 1
