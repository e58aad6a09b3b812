"""QA28: the demo is data the program itself would accept: 9 of its 40 placements
started before the child was born and 7 before the carer's licence (the window refuses
to type such a start)."""

from __future__ import annotations

from datetime import date

import pytest

from rejnistvo.rules.emso import check_emso
from rejnistvo.store import open_db
from rejnistvo.store.demo import fill_demo

STARTS = """
    SELECT p.id, min(pp.from_date), ch.birth_date, ca.licence_date
    FROM placements p
    JOIN placement_periods pp ON pp.placement_id = p.id
    JOIN children ch ON ch.id = p.child_id
    JOIN carers ca ON ca.id = p.carer_id
    GROUP BY p.id
"""


@pytest.mark.parametrize(("scale", "today"), [(None, date(2026, 6, 15)), (400, date(2031, 12, 31))])
def test_every_placement_starts_after_the_birth_and_the_licence(tmp_path, scale, today):
    with open_db(tmp_path / "demo.sqlite3") as db:
        fill_demo(db, scale=scale, today=today)
        starts = db.execute(STARTS).fetchall()
        assert starts
        assert [row for row in starts if row[1] < row[2]] == []  # before the birth
        assert [row for row in starts if row[1] < row[3]] == []  # before the licence
        for emso, born in db.execute("SELECT emso, birth_date FROM children"):
            assert check_emso(emso, today=today).birth_date == date.fromisoformat(born)
