"""The count beside a list's search says its records in the form that goes with the
number: »1 zapis«, »2 zapisa«, »3 zapisi«, »5 zapisov« (it said »… zapisov« for every
number: »1 zapisov« under the first child a new database got)."""

from __future__ import annotations

from rejnistvo.clock import FixedClock
from rejnistvo.store import open_db
from rejnistvo.ui.bus import Bus
from rejnistvo.ui.context import AppContext
from rejnistvo.ui.views.children_view import ChildrenView
from tests.ui.conftest import TODAY


def test_record_count_takes_the_slovenian_number_form(qapp, qtbot, tmp_path, settings, interaction):
    db = open_db(tmp_path / "nova.sqlite3")  # a new database: no child yet
    try:
        ctx = AppContext(
            db=db,
            db_path=tmp_path / "nova.sqlite3",
            settings=settings,
            interaction=interaction,
            bus=Bus(),
            clock=FixedClock(TODAY),
        )
        view = ChildrenView(ctx)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitExposed(view)
        said = [view.count_label.text()]
        for number in range(1, 6):
            view.new_record()
            qtbot.keyClicks(view.name_edit.edit, f"Otrok Stevilka {number}")
            assert view.save() is True
            said.append(view.count_label.text())
        assert said == [
            "0 zapisov",
            "1 zapis",
            "2 zapisa",
            "3 zapisi",
            "4 zapisi",
            "5 zapisov",
        ]
    finally:
        db.close()
