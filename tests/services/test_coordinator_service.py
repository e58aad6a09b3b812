"""services.coordinator: typed incoming cases, waiting days from receipt, steps that carry
the version the coordinator saw."""

from __future__ import annotations

from datetime import date

import pytest
from _r4_fixtures import r4_db  # noqa: F401 (fixtures)

from rejnistvo.rules.errors import InputError
from rejnistvo.services import coordinator
from rejnistvo.services.coordinator import Decision
from rejnistvo.services.r4_cases import load_case, mark_sent
from rejnistvo.store import StaleRecordError, save_record, set_setting


def _sent(db):
    return mark_sent(db, db.case.id, db.case.version, date(2026, 3, 3))


def test_waiting_counts_from_receipt_else_from_sending(r4_db):  # noqa: F811
    case = _sent(r4_db)
    (row,) = coordinator.incoming_cases(r4_db, 3, date(2026, 4, 12))
    assert row.id == case.id and row.received_on is None and row.received == date(2026, 3, 3)
    assert row.waiting == 40 and row.overdue  # default threshold 30 days
    save_record(r4_db, "r4_cases", {"id": case.id, "received_on": date(2026, 3, 20)})
    (row,) = coordinator.incoming_cases(r4_db, 3, date(2026, 4, 12))
    assert row.received == date(2026, 3, 20) and row.waiting == 23 and not row.overdue
    set_setting(r4_db, "waiting_days_threshold", "20")
    assert coordinator.incoming_case(r4_db, case.id, date(2026, 4, 12)).overdue


def test_waiting_stops_at_the_decision_and_returned_cases_leave(r4_db):  # noqa: F811
    case = _sent(r4_db)
    coordinator.accept(r4_db, case.id, load_case(r4_db, case.id).version, date(2026, 3, 5))
    ids = [c.id for c in coordinator.candidates(r4_db, 3, date(2026, 3, 10))[:3]]
    warnings = coordinator.name_commission(
        r4_db, case.id, load_case(r4_db, case.id).version, ids, date(2026, 3, 10)
    )
    assert any("predlog pripravil" in w for w in warnings)  # same centre: a warning only
    number = coordinator.decide(
        r4_db,
        case.id,
        load_case(r4_db, case.id).version,
        Decision("increase", 25),
        date(2026, 3, 20),
    )
    assert number == "3-001/2026"
    assert coordinator.next_resolution_no(r4_db, 3, 2026) == "3-002/2026"
    row = coordinator.incoming_case(r4_db, case.id, date(2026, 12, 31))
    assert row is not None and row.waiting == 17 and not row.overdue
    assert row.status == "odločeno" and row.decision.startswith("ZVIŠA za 25 %")
    coordinator.mark_returned(r4_db, case.id, load_case(r4_db, case.id).version, date(2026, 3, 23))
    assert coordinator.incoming_cases(r4_db, 3, date(2026, 12, 31)) == []


def test_step_with_an_old_version_is_refused_before_its_checks(r4_db):  # noqa: F811
    case = _sent(r4_db)
    with pytest.raises(StaleRecordError):
        # Out of order too (not accepted): the stale version is said first.
        coordinator.mark_returned(r4_db, case.id, case.version - 1, date(2026, 3, 23))
    with pytest.raises(InputError, match="ni odločen"):
        coordinator.mark_returned(r4_db, case.id, case.version, date(2026, 3, 23))


def test_decision_against_the_rule_needs_its_rationale(r4_db):  # noqa: F811
    case = _sent(r4_db)
    coordinator.accept(r4_db, case.id, None, date(2026, 3, 5))
    ids = [c.id for c in coordinator.candidates(r4_db, 3, date(2026, 3, 10))[:3]]
    coordinator.name_commission(r4_db, case.id, None, ids, date(2026, 3, 10))
    with pytest.raises(InputError) as refused:
        coordinator.decide(r4_db, case.id, None, Decision("increase", 50), date(2026, 3, 20))
    assert refused.value.field == "rationale"
    assert load_case(r4_db, case.id).decided_on is None


def test_case_detail_gives_the_rule(r4_db):  # noqa: F811
    detail = coordinator.case_detail(r4_db, r4_db.case.id)
    assert detail.suggestion.percent == 25 and detail.period_from == date(2026, 4, 1)


def test_a_case_not_received_yet_reads_poslano_not_prejeto(r4_db):  # noqa: F811
    """Koordinator's list said »prejeto« beside an empty »Prejeto« column (and the
    panel's »prejeto ni vpisano«) for a case only sent so far."""
    case = _sent(r4_db)
    (row,) = coordinator.incoming_cases(r4_db, 3, date(2026, 4, 12))
    assert row.received_on is None and row.status == "poslano"
    save_record(r4_db, "r4_cases", {"id": case.id, "received_on": date(2026, 3, 20)})
    (row,) = coordinator.incoming_cases(r4_db, 3, date(2026, 4, 12))
    assert row.status == "prejeto"
