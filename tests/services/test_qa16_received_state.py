"""A proposal the coordinator has received (the package imported, or the day of receipt
recorded) is »prejeto« in every list: the incoming list said »prejeto« while Paketi, the
R-4 list and ``cases`` said »poslano« for the same case on the same screen."""

from __future__ import annotations

from datetime import date

from _r4_fixtures import r4_db  # noqa: F401 (fixtures)

from rejnistvo.register.states import STATE_WORDS
from rejnistvo.services import coordinator
from rejnistvo.services.cases import R4_STATUSES, list_cases, r4_status
from rejnistvo.services.r4_cases import case_rows, load_case, mark_sent

SENT, RECEIVED = date(2026, 3, 3), date(2026, 3, 5)


def test_received_is_the_step_between_sent_and_accepted():
    assert r4_status({"sent_on": SENT}) == "sent"
    assert r4_status({"sent_on": SENT, "received_on": RECEIVED}) == "received"
    accepted = {"sent_on": SENT, "received_on": RECEIVED, "accepted_on": RECEIVED}
    assert r4_status(accepted) == "accepted"
    assert R4_STATUSES.index("sent") < R4_STATUSES.index("received") < R4_STATUSES.index("accepted")


def test_every_list_calls_a_received_case_prejeto(r4_db):  # noqa: F811
    case_id = r4_db.case.id
    mark_sent(r4_db, case_id, load_case(r4_db, case_id).version, SENT, today=SENT)
    assert coordinator.package_case(r4_db, case_id, STATE_WORDS)["state"] == "poslano"
    coordinator.record_received(
        r4_db, case_id, load_case(r4_db, case_id).version, RECEIVED, today=RECEIVED
    )
    day = date(2026, 3, 6)
    (incoming,) = coordinator.incoming_cases(r4_db, 3, day)
    assert incoming.status == "prejeto"
    assert coordinator.package_case(r4_db, case_id, STATE_WORDS)["state"] == "prejeto"
    (row,) = case_rows(r4_db, [case_id])
    assert row["status"] == "received"
    assert load_case(r4_db, case_id).status == "received"
    assert {c.id: c.status for c in list_cases(r4_db, day) if c.kind == "r4"}[case_id] == (
        "received"
    )
