"""A proposal without its case number is not sent: not by *Označi kot poslano*
(services.r4_cases.mark_sent), not by a package export. A coordinator's register
(čl. 29) had a line without a case number; the proposal was saved with it empty."""

from __future__ import annotations

from datetime import date

import pytest

from rejnistvo.exchange.cases import export_proposal
from rejnistvo.rules.errors import InputError
from rejnistvo.services.r4_cases import load_case, mark_sent
from rejnistvo.store import get_record, save_record

SENT = date(2026, 11, 21)


def _prepared_without_number(db) -> int:
    (case_id,) = db.execute(
        "SELECT id FROM r4_cases WHERE sent_on IS NULL ORDER BY id LIMIT 1"
    ).fetchone()
    save_record(db, "r4_cases", {"id": case_id, "case_no": "  "})
    return case_id


def test_marking_sent_without_a_case_number_is_refused(centre_db):
    case_id = _prepared_without_number(centre_db)
    with pytest.raises(InputError) as refused:
        mark_sent(centre_db, case_id, load_case(centre_db, case_id).version, SENT, today=SENT)
    assert refused.value.field == "case_no" and "številke zadeve" in refused.value.message
    assert get_record(centre_db, "r4_cases", case_id)["sent_on"] is None


def test_package_export_without_a_case_number_is_refused(centre_db, tmp_path):
    case_id = _prepared_without_number(centre_db)
    target = tmp_path / "predlog.rejpaket"
    with pytest.raises(InputError, match="številke zadeve"):
        export_proposal(centre_db, case_id, "modra hiša ob reki", target, today=SENT)
    assert not target.exists()
    assert get_record(centre_db, "r4_cases", case_id)["sent_on"] is None


@pytest.mark.parametrize(
    ("blank", "field", "words"),
    [
        ({"proposed_percent": None}, "proposed_percent", "predlaganega zvišanja"),
        ({"period_from": None, "period_to": None}, "period", "obdobja zvišanja"),
        ({"rationale": " "}, "proposal_rationale", "obrazložitve"),
    ],
)
def test_an_incomplete_proposal_is_not_sent(centre_db, tmp_path, blank, field, words):
    (case_id,) = centre_db.execute(
        "SELECT id FROM r4_cases WHERE sent_on IS NULL ORDER BY id LIMIT 1"
    ).fetchone()
    save_record(centre_db, "r4_cases", {"id": case_id, **blank})
    with pytest.raises(InputError) as refused:
        mark_sent(centre_db, case_id, load_case(centre_db, case_id).version, SENT, today=SENT)
    assert refused.value.field == field and words in refused.value.message
    with pytest.raises(InputError, match=words):
        export_proposal(
            centre_db, case_id, "modra hiša ob reki", tmp_path / "p.rejpaket", today=SENT
        )
    assert get_record(centre_db, "r4_cases", case_id)["sent_on"] is None
