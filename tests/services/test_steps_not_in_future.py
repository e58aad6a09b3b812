"""A coordinator's step and the centre's sending are dated the day they happened: a day
after today (25. 12. typed for 25. 11.) is refused, said on the step's date field, and
nothing is written; today itself is allowed."""

from __future__ import annotations

from datetime import date

import pytest
from _r4_fixtures import r4_db  # noqa: F401 (fixtures)

from rejnistvo.rules.errors import InputError
from rejnistvo.services import coordinator
from rejnistvo.services.coordinator import Decision
from rejnistvo.services.r4_cases import load_case, mark_sent
from rejnistvo.store import StaleRecordError

TODAY = date(2026, 3, 10)
CHRISTMAS = date(2026, 12, 25)


def _version(db, case_id):
    return load_case(db, case_id).version


def test_sending_dated_after_today_is_refused(r4_db):  # noqa: F811
    case = r4_db.case
    with pytest.raises(InputError) as refused:
        mark_sent(r4_db, case.id, case.version, CHRISTMAS, today=TODAY)
    assert refused.value.field == "sent_on"
    assert "25. 12. 2026" in refused.value.message and "v prihodnosti" in refused.value.message
    assert load_case(r4_db, case.id).sent_on is None
    assert mark_sent(r4_db, case.id, case.version, TODAY, today=TODAY).sent_on == TODAY


def test_each_coordinator_step_dated_after_today_is_refused(r4_db):  # noqa: F811
    case_id = mark_sent(r4_db, r4_db.case.id, r4_db.case.version, date(2026, 3, 3)).id
    ids = [c.id for c in coordinator.candidates(r4_db, 3, TODAY)[:3]]
    steps = [
        (
            "received_on",
            lambda on: coordinator.record_received(
                r4_db, case_id, _version(r4_db, case_id), on, today=TODAY
            ),
        ),
        (
            "accepted_on",
            lambda on: coordinator.accept(
                r4_db, case_id, _version(r4_db, case_id), on, today=TODAY
            ),
        ),
        (
            "commission_named_on",
            lambda on: coordinator.name_commission(
                r4_db, case_id, _version(r4_db, case_id), ids, on, today=TODAY
            ),
        ),
        (
            "decided_on",
            lambda on: coordinator.decide(
                r4_db, case_id, _version(r4_db, case_id), Decision("increase", 25), on, today=TODAY
            ),
        ),
        (
            "returned_on",
            lambda on: coordinator.mark_returned(
                r4_db, case_id, _version(r4_db, case_id), on, today=TODAY
            ),
        ),
    ]
    for field, step in steps:
        before = load_case(r4_db, case_id)
        with pytest.raises(InputError) as refused:
            step(CHRISTMAS)
        assert refused.value.field == field
        assert "v prihodnosti" in refused.value.message
        assert load_case(r4_db, case_id) == before
        step(TODAY)
    assert load_case(r4_db, case_id).returned_on == TODAY


def test_a_stale_case_is_said_before_the_future_day(r4_db):  # noqa: F811
    case = mark_sent(r4_db, r4_db.case.id, r4_db.case.version, date(2026, 3, 3))
    with pytest.raises(StaleRecordError):
        coordinator.accept(r4_db, case.id, case.version - 1, CHRISTMAS, today=TODAY)


def test_proposal_dated_or_prepared_after_today_is_refused(r4_db):  # noqa: F811
    from _r4_fixtures import proposal

    from rejnistvo.services.r4_cases import save_proposal

    for changes, field in (
        ({"proposal_date": CHRISTMAS}, "proposal_date"),
        ({"prepared_on": CHRISTMAS}, "step_prepared_on"),
    ):
        with pytest.raises(InputError) as refused:
            save_proposal(r4_db, proposal(r4_db.ids, **changes), today=TODAY)
        assert refused.value.field == field
        assert "25. 12. 2026" in refused.value.message
    saved = save_proposal(r4_db, proposal(r4_db.ids, proposal_date=TODAY), today=TODAY)
    assert saved.id is not None


def test_a_corrected_resolution_date_after_today_is_refused(r4_db):  # noqa: F811
    from rejnistvo.clock import FixedClock
    from rejnistvo.services.r4_cases import correct_decision

    case_id = mark_sent(r4_db, r4_db.case.id, r4_db.case.version, date(2026, 3, 3)).id
    coordinator.accept(r4_db, case_id, None, date(2026, 3, 5))
    ids = [c.id for c in coordinator.candidates(r4_db, 3, TODAY)[:3]]
    coordinator.name_commission(r4_db, case_id, None, ids, date(2026, 3, 6))
    coordinator.decide(r4_db, case_id, None, Decision("increase", 25), date(2026, 3, 9))
    case = load_case(r4_db, case_id)
    clock = FixedClock(TODAY)
    with pytest.raises(InputError) as refused:
        correct_decision(
            r4_db, case_id, case.version, {"decided_on": CHRISTMAS}, "Napačen datum sklepa.", clock
        )
    assert refused.value.field == "decided_on" and "v prihodnosti" in refused.value.message
    corrected = correct_decision(
        r4_db, case_id, case.version, {"decided_on": TODAY}, "Napačen datum sklepa.", clock
    )
    assert corrected.decided_on == TODAY
