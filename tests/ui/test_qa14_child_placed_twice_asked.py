"""QA14: Namestitve asks before a second placement of a child on days the child is
already placed (the payment run pays both); »Ne« keeps it unsaved, the reason under
the periods, what was typed in place."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import QSettings

from rejnistvo.clock import FixedClock
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


def _type_second(view, b_db):  # noqa: F811
    ids = b_db.b_ids
    first = get_record(b_db, "placements", ids["placement"])
    view.new_record()
    view.fill_editor(
        {
            "contract_no": "RP-9/2026",
            "carer_id": first["carer_id"],
            "carer_name": "Marija Rejnik",
            "child_id": first["child_id"],
            "child_name": "Luka Otrok",
            "carer_centre_id": first["carer_centre_id"],
            "child_centre_id": first["child_centre_id"],
            "periods": [{"kind": "contract", "document_no": "RP-9/2026",
                         "from_date": date(2026, 11, 1), "to_date": None}],
        }
    )  # fmt: skip
    view.mark_dirty()


def test_no_keeps_the_second_placement_unsaved_and_says_why(qtbot, b_db, tmp_path):  # noqa: F811
    view = _view(qtbot, b_db, tmp_path)
    before = view.model.rowCount()
    _type_second(view, b_db)
    view.ctx.interaction.answers.append(False)
    assert view.save() is False
    kind, title, text = view.ctx.interaction.asked[-1]
    assert kind == "confirm" and "RP-1/2025" in text and "obe" in text
    assert "RP-1/2025" in view.periods.error_label.text()
    assert view.contract_edit.text() == "RP-9/2026"
    assert view.model.rowCount() == before


def test_yes_saves_it(qtbot, b_db, tmp_path):  # noqa: F811
    view = _view(qtbot, b_db, tmp_path)
    before = view.model.rowCount()
    _type_second(view, b_db)
    view.ctx.interaction.answers.append(True)
    assert view.save() is True
    assert view.model.rowCount() == before + 1
