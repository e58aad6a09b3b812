"""QA6 (round 11): the README's register example (``register --subgroup 3 --year …``)
on a fresh demo file gave 0 rows: by chance no carer of subgroup 3's centres had an R-4
case. The demo now gives subgroup 3's coordinator cases at the later steps, whatever day
it is made on, and the rest of the demo stays as it was (no extra draw of the generator)."""

from __future__ import annotations

from datetime import date

import pytest

from rejnistvo.register.queries import register_rows
from rejnistvo.store import open_db
from rejnistvo.store.demo import fill_demo


@pytest.mark.parametrize("today", [date(2026, 6, 15), date(2026, 12, 3)])
def test_subgroup_3_has_a_register_with_a_decided_case(tmp_path, today):
    db = open_db(tmp_path / "demo.sqlite3")
    try:
        fill_demo(db, today=today)
        rows = register_rows(db, 3, today.year)
        assert len(rows) >= 2
        assert any(r.resolution_no == f"3-001/{today.year}" for r in rows)
        # the case that waits at the coordinator too long (its list shows it red)
        assert any(r.accepted is None and r.decided is None for r in rows)
        # one placement, one R-4 case, as before
        placements = [r["placement_id"] for r in db.query("SELECT placement_id FROM r4_cases")]
        assert len(placements) == len(set(placements))
    finally:
        db.close()
