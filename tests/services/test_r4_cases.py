"""services.r4_cases: the proposer writes the proposal only; versions refuse stale saves;
a decided case changes only through an audited correction with a reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from _r4_fixtures import TODAY, clock, proposal, r4_db  # noqa: F401 (fixtures)

from rejnistvo.clock import FixedClock
from rejnistvo.rules.errors import InputError
from rejnistvo.services import coordinator
from rejnistvo.services.coordinator import Decision
from rejnistvo.services.r4_cases import (
    R4Case,
    correct_decision,
    list_cases,
    load_case,
    mark_sent,
    save_proposal,
    subgroup_of_centre,
)
from rejnistvo.store import StaleRecordError, get_record
from rejnistvo.store.audit import audit_rows


def _decide(db, case_id: int) -> R4Case:
    """Sent 3. 3., accepted 5. 3., commission 10. 3., decided 20. 3.: ZVIŠA 25 %."""
    mark_sent(db, case_id, load_case(db, case_id).version, date(2026, 3, 3))
    coordinator.accept(db, case_id, load_case(db, case_id).version, date(2026, 3, 5))
    ids = [c.id for c in coordinator.candidates(db, 3, date(2026, 3, 10))[:3]]
    coordinator.name_commission(db, case_id, load_case(db, case_id).version, ids, date(2026, 3, 10))
    coordinator.decide(
        db, case_id, load_case(db, case_id).version, Decision("increase", 25), date(2026, 3, 20)
    )
    return load_case(db, case_id)


def test_new_proposal_is_typed_and_prepared(r4_db):  # noqa: F811
    case = r4_db.case
    assert isinstance(case, R4Case) and case.version == 1
    assert case.status == "prepared" and not case.decided
    assert case.proposal.period_from == date(2026, 4, 1)
    assert [r.text for r in case.proposal.reasons] == ["stalen nadzor"]
    listed = list_cases(r4_db)
    assert [(c.id, c.child_name, c.carer_name) for c in listed] == [
        (case.id, "Luka Otrok", "Marija Rejnik")
    ]


def test_proposal_save_never_writes_workflow_fields(r4_db):  # noqa: F811
    case = r4_db.case
    coordinator.accept(r4_db, case.id, case.version, date(2026, 3, 5))
    fresh = load_case(r4_db, case.id)
    saved = save_proposal(
        r4_db,
        replace(fresh.proposal, rationale="Dopolnjeno."),
        case_id=case.id,
        version=fresh.version,
    )
    assert saved.accepted_on == date(2026, 3, 5) and saved.proposal.rationale == "Dopolnjeno."
    assert saved.version == fresh.version + 1


def test_stale_proposal_save_is_refused_and_says_what_changed(r4_db):  # noqa: F811
    case = r4_db.case
    coordinator.accept(r4_db, case.id, case.version, date(2026, 3, 5))
    before = get_record(r4_db, "r4_cases", case.id)
    with pytest.raises(StaleRecordError) as refused:
        save_proposal(
            r4_db, replace(case.proposal, rationale="Staro."), case_id=case.id, version=case.version
        )
    assert "Vaše spremembe niso shranjene" in refused.value.message
    assert get_record(r4_db, "r4_cases", case.id) == before


def test_coordinator_step_on_a_stale_version_is_refused(r4_db):  # noqa: F811
    case = r4_db.case
    save_proposal(r4_db, replace(case.proposal, rationale="Novo."), case_id=case.id, version=1)
    with pytest.raises(StaleRecordError):
        coordinator.accept(r4_db, case.id, case.version, date(2026, 3, 5))
    assert load_case(r4_db, case.id).accepted_on is None


def test_decided_case_is_read_only_for_the_proposal(r4_db):  # noqa: F811
    decided = _decide(r4_db, r4_db.case.id)
    assert decided.status == "decided" and decided.resolution_no == "3-001/2026"
    with pytest.raises(InputError, match="odločen") as refused:
        save_proposal(
            r4_db,
            replace(decided.proposal, rationale="x"),
            case_id=decided.id,
            version=decided.version,
        )
    assert refused.value.field == "decided"
    assert load_case(r4_db, decided.id) == decided


def test_subgroup_is_fixed_once_sent(r4_db):  # noqa: F811
    case = mark_sent(r4_db, r4_db.case.id, 1, date(2026, 3, 3))
    with pytest.raises(InputError, match="podskupine ni več mogoče"):
        save_proposal(
            r4_db, replace(case.proposal, subgroup_id=4), case_id=case.id, version=case.version
        )


def test_sending_checks_its_day_and_is_done_once(r4_db):  # noqa: F811
    case = r4_db.case
    with pytest.raises(InputError, match="pred datumom priprave"):
        mark_sent(r4_db, case.id, case.version, date(2026, 3, 1))
    sent = mark_sent(r4_db, case.id, case.version, date(2026, 3, 3))
    assert sent.sent_on == date(2026, 3, 3) and sent.status == "sent"
    with pytest.raises(InputError, match="že poslan"):
        mark_sent(r4_db, case.id, sent.version, date(2026, 3, 4))


def test_bad_proposal_values_are_refused_before_writing(r4_db):  # noqa: F811
    ids = r4_db.ids
    with pytest.raises(InputError) as wrong:
        save_proposal(r4_db, proposal(ids, proposed_percent=30))
    assert wrong.value.field == "proposed_percent"
    with pytest.raises(InputError, match="namestitve"):
        save_proposal(
            r4_db, proposal(ids, period_from=date(2025, 1, 1), period_to=date(2025, 3, 31))
        )
    with pytest.raises(InputError, match="pred začetkom"):
        save_proposal(r4_db, proposal(ids, period_to=date(2026, 3, 1)))
    assert len(list_cases(r4_db)) == 1


def test_correction_needs_a_reason_and_is_audited(r4_db, clock):  # noqa: F811
    decided = _decide(r4_db, r4_db.case.id)
    change = {"resolution_no": "3-017/2026"}
    with pytest.raises(InputError) as no_reason:
        correct_decision(r4_db, decided.id, decided.version, change, "  ", clock)
    assert no_reason.value.field == "reason"
    assert "vsaj 5 znakov" in no_reason.value.message  # the rule, not »nekaj besed«
    with pytest.raises(InputError, match="le podatke odločitve"):
        correct_decision(
            r4_db, decided.id, decided.version, {"rationale": "x"}, "Napaka v predlogu.", clock
        )
    with pytest.raises(InputError, match="obrazložitev"):  # 50 % departs from the rule
        correct_decision(
            r4_db, decided.id, decided.version, {"decision_percent": 50}, "Tipkarska napaka.", clock
        )
    corrected = correct_decision(
        r4_db, decided.id, decided.version, change, "Tipkarska napaka v številki.", clock
    )
    assert corrected.resolution_no == "3-017/2026" and corrected.version == decided.version + 1
    last = audit_rows(r4_db, "r4_cases", decided.id)[-1]
    assert last["action"] == "correction"
    assert last["before"] == {"resolution_no": "3-001/2026"}
    assert last["after"]["reason"] == "Tipkarska napaka v številki."
    assert last["after"]["corrected_on"] == TODAY.isoformat()
    with pytest.raises(StaleRecordError):
        correct_decision(r4_db, decided.id, decided.version, change, "Še enkrat.", clock)


def test_correction_of_an_undecided_case_is_refused(r4_db, clock):  # noqa: F811
    case = r4_db.case
    with pytest.raises(InputError, match="še ni odločen"):
        correct_decision(
            r4_db, case.id, case.version, {"outcome": "no_increase"}, "Ker tako.", clock
        )


def test_correction_keeps_dates_in_order_and_three_members(r4_db, clock):  # noqa: F811
    decided = _decide(r4_db, r4_db.case.id)
    with pytest.raises(InputError, match="pred imenovanjem"):
        correct_decision(
            r4_db,
            decided.id,
            decided.version,
            {"decided_on": date(2026, 3, 9)},
            "Napačen datum sklepa.",
            clock,
        )
    with pytest.raises(InputError, match="trije različni"):
        correct_decision(
            r4_db,
            decided.id,
            decided.version,
            {"members": ["Ana Kovač", "Ana Kovač", "Darko Novak"]},
            "Napačen član.",
            clock,
        )
    corrected = correct_decision(
        r4_db,
        decided.id,
        decided.version,
        {"members": ["Ana Kovač", "Boris Žagar", "Darko Novak"]},
        "Napačen član komisije.",
        clock,
    )
    assert [m.name for m in corrected.members] == ["Ana Kovač", "Boris Žagar", "Darko Novak"]


def test_subgroup_of_the_carers_centre(r4_db):  # noqa: F811
    assert subgroup_of_centre(r4_db, r4_db.ids["centre"]) == 3
    assert subgroup_of_centre(r4_db, None) is None


def test_a_decision_moved_into_another_year_needs_that_years_number(r4_db):  # noqa: F811
    """QA66: corrected from 20. 3. 2026 to 4. 1. 2027, the decision kept »3-001/2026«
    filed under 2027: 2026's sequence would have handed that number out again."""
    decided = _decide(r4_db, r4_db.case.id)
    assert decided.resolution_no == "3-001/2026"
    january = FixedClock(date(2027, 1, 5))
    with pytest.raises(InputError) as caught:
        correct_decision(
            r4_db, decided.id, decided.version, {"decided_on": date(2027, 1, 4)},
            "Napačen datum sklepa.", january,
        )  # fmt: skip
    assert caught.value.field == "resolution_no"
    assert "leta 2026" in caught.value.message and "3-001/2027" in caught.value.message
    corrected = correct_decision(
        r4_db, decided.id, decided.version,
        {"decided_on": date(2027, 1, 4), "resolution_no": "3-001/2027"},
        "Napačen datum sklepa.", january,
    )  # fmt: skip
    assert (corrected.resolution_no, corrected.resolution_year) == ("3-001/2027", 2027)
