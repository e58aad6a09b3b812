"""A proposal sent once and edited at the centre afterwards goes to the coordinator again
only whole: its rationale emptied (or its period removed), the second package went out
without it (or was refused with »Podatkom primera manjkajo polja: period.«)."""

from __future__ import annotations

from datetime import date

import pytest

from rejnistvo.exchange.cases import export_proposal
from rejnistvo.rules.errors import InputError
from rejnistvo.store import get_record, save_record

SENT = date(2026, 11, 21)


def _sent_case(db) -> int:
    (case_id,) = db.execute(
        "SELECT id FROM r4_cases WHERE sent_on IS NOT NULL AND decided_on IS NULL "
        "AND accepted_on IS NULL ORDER BY id LIMIT 1"
    ).fetchone()
    return case_id


@pytest.mark.parametrize(
    ("blank", "words"),
    [
        ({"rationale": "   "}, "obrazložitve"),
        ({"period_from": None, "period_to": None}, "obdobja zvišanja"),
    ],
)
def test_a_sent_proposal_emptied_is_not_sent_again(centre_db, tmp_path, blank, words):
    case_id = _sent_case(centre_db)
    save_record(centre_db, "r4_cases", {"id": case_id, **blank})
    before = get_record(centre_db, "r4_cases", case_id)
    target = tmp_path / "predlog.rejpaket"
    with pytest.raises(InputError) as refused:
        export_proposal(centre_db, case_id, "modra hiša ob reki", target, today=SENT)
    assert words in refused.value.message
    assert not target.exists()
    assert get_record(centre_db, "r4_cases", case_id) == before


def test_a_sent_whole_proposal_is_sent_again(centre_db, tmp_path):
    case_id = _sent_case(centre_db)
    target = tmp_path / "predlog.rejpaket"
    export_proposal(centre_db, case_id, "modra hiša ob reki", target, today=SENT)
    assert target.exists()
