"""services/board_increases.py: an increase with its R-5 report, finding and refund
saved in one transaction, refused when stale, overlapping or inconsistent (SPEC 3.4)."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.periods import Period
from rejnistvo.rules.refund import RefundMethod
from rejnistvo.services.board_increases import (
    BoardIncrease,
    Expense,
    R5Case,
    R5Report,
    Refund,
    case_row,
    finding_centre_default,
    increase_facts,
    list_rows,
    load_case,
    refund_preview,
    save_case,
    stored_version,
)
from rejnistvo.store import StaleRecordError, delete_record, list_records, open_db, save_record

TODAY = date(2026, 3, 2)
#: the day the cases are saved: after every day they record (a report, a finding and a call
#: are days that have come, services.board_increases._check_not_future)
SAVED_ON = date(2027, 12, 31)
H1 = Period(date(2026, 1, 1), date(2026, 6, 30))


def own_rates(db) -> None:
    """Our own rate table (SPEC 3.2 examples), not the shipped one."""
    for row in list_records(db, "rates"):
        delete_record(db, "rates", row["id"])
    save_record(
        db,
        "rates",
        {"valid_from": date(2025, 1, 1), "board": "638.00", "fee": "460.00", "source": "test"},
    )


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "r5.sqlite3")
    own_rates(database)
    centre = save_record(
        database,
        "centres",
        {"code": "GOR", "name": "Center za socialno delo Gorenjska", "units": [{"name": "Kranj"}]},
    )
    unit = (
        list_records(database, "centres")[0]["id"]
        and database.execute("SELECT id FROM units WHERE centre_id = ?", [centre]).fetchone()[0]
    )
    carer = save_record(database, "carers", {"name": "Marija Rejnik", "centre_id": centre})
    child = save_record(
        database, "children", {"name": "Luka Otrok", "centre_id": centre, "unit_id": unit}
    )
    placement = save_record(
        database,
        "placements",
        {
            "contract_no": "RP-1/2025",
            "carer_id": carer,
            "child_id": child,
            "carer_centre_id": centre,
            "child_centre_id": centre,
            "periods": [{"kind": "contract", "from_date": date(2025, 6, 1), "to_date": None}],
        },
    )
    database.ids = {"centre": centre, "unit": unit, "placement": placement}
    yield database
    database.close()


def increase(db, period: Period = H1, **more) -> BoardIncrease:
    return BoardIncrease(
        placement_id=db.ids["placement"],
        percent=more.pop("percent", 25),
        period=period,
        categories=("education",),
        **more,
    )


#: a report on an increase of 1. 1.–30. 6. 2026 (25 %, 957,00 € received) and its finding
REPORTED_AND_FOUND = R5Report(
    report_date=date(2026, 5, 20),
    expenses=(Expense("education", Decimal("800.00"), "Inštrukcije", "r. 42"),),
    finding_date=date(2026, 6, 5),
    justified=Decimal("800.00"),
    unjustified=Decimal("157.00"),
)


def test_save_and_load_a_whole_case(db):
    case = R5Case(
        increase(db, decision_no="1-001/2026"),
        REPORTED_AND_FOUND,
        Refund(date(2026, 7, 10), RefundMethod.AS_RECEIVED),
    )
    stored = save_case(db, case, SAVED_ON)
    assert stored.increase.id is not None and stored.increase.version == 1
    assert stored.report.expenses[0].amount == Decimal("800.00")
    assert stored.refund.amount == Decimal("157.00")
    assert sum(i.amount for i in stored.refund.instalments) == Decimal("157.00")
    assert load_case(db, stored.increase.id) == stored
    # The finding centre comes from the placement's child centre (and the child's unit).
    assert stored.report.finding_centre_id == db.ids["centre"]
    assert stored.report.finding_unit_id == db.ids["unit"]
    assert case_row(db, stored.increase.id, TODAY).status == "refund_ordered"


def test_a_call_dated_after_today_is_refused_at_its_field(db):
    """A call typed »10. 7. 2026« on 9. 7. 2026 (for 10. 6.) started the refund's
    deadlines and Roki's instalment reminders on a day that had not come."""
    case = R5Case(
        increase(db),
        R5Report(
            report_date=date(2026, 5, 20),
            finding_date=date(2026, 6, 5),
            justified=Decimal("800.00"),
            unjustified=Decimal("157.00"),
        ),
        Refund(date(2026, 7, 10), RefundMethod.AS_RECEIVED),
    )
    with pytest.raises(InputError) as caught:
        save_case(db, case, date(2026, 7, 9))
    assert caught.value.field == "call_date"
    assert caught.value.message == (
        "Datum poziva (10. 7. 2026) je v prihodnosti; dovoljen je današnji (9. 7. 2026) "
        "ali zgodnejši dan."
    )
    assert save_case(db, case, date(2026, 7, 10)).refund is not None  # the day itself


def test_a_report_or_finding_dated_after_today_is_refused_at_its_field(db):
    report = R5Report(report_date=date(2026, 5, 20), finding_date=date(2026, 6, 5))
    with pytest.raises(InputError) as caught:
        save_case(db, R5Case(increase(db), report), date(2026, 5, 19))
    assert caught.value.field == "report_date" and "Datum poročila (20. 5. 2026)" in (
        caught.value.message
    )
    with pytest.raises(InputError) as caught:
        save_case(db, R5Case(increase(db), report), date(2026, 6, 4))
    assert caught.value.field == "finding_date"
    assert save_case(db, R5Case(increase(db), report), date(2026, 6, 5)).report is not None


def test_facts_received_and_short_period_due_reason(db):
    facts = increase_facts(db, db.ids["placement"], 25, H1)
    assert facts.received == Decimal("957.00")
    assert facts.due.day == date(2026, 5, 31) and facts.due.reason is None
    short = increase_facts(db, db.ids["placement"], 25, Period(date(2026, 3, 1), date(2026, 3, 20)))
    assert short.due.day == date(2026, 3, 20)
    assert "20. 3. 2026" in short.due.reason


def test_overlapping_increase_is_refused_naming_the_other(db):
    save_case(db, R5Case(increase(db, decision_no="1-001/2026")), SAVED_ON)
    with pytest.raises(InputError) as caught:
        save_case(db, R5Case(increase(db, Period(date(2026, 6, 1), date(2026, 12, 31)))), SAVED_ON)
    assert caught.value.field == "period"
    assert "zvišanjem oskrbnine 25 % od 1. 1. 2026 do 30. 6. 2026" in caught.value.message
    assert "odločba 1-001/2026" in caught.value.message
    assert len(list_records(db, "board_increases")) == 1
    # An extension adjoins and is stored.
    save_case(db, R5Case(increase(db, Period(date(2026, 7, 1), date(2026, 12, 31)))), SAVED_ON)
    assert len(list_records(db, "board_increases")) == 2


def test_period_outside_the_placement_is_refused(db):
    with pytest.raises(InputError) as caught:
        save_case(db, R5Case(increase(db, Period(date(2025, 1, 1), date(2025, 6, 30)))), SAVED_ON)
    assert caught.value.field == "period"


def test_stale_save_is_refused_and_nothing_is_lost(db):
    first = save_case(db, R5Case(increase(db)), SAVED_ON)
    other = dataclasses.replace(first.increase, decision_no="1-002/2026")
    save_case(db, R5Case(other), SAVED_ON)
    assert stored_version(db, first.increase.id) == 2
    mine = dataclasses.replace(first.increase, percent=50)
    with pytest.raises(StaleRecordError) as caught:
        save_case(db, R5Case(mine, R5Report(report_date=date(2026, 5, 1))), SAVED_ON)
    assert "Zapis je medtem spremenil" in caught.value.message
    now = load_case(db, first.increase.id)
    assert now.increase.decision_no == "1-002/2026" and now.increase.percent == 25
    assert now.report is None


def test_refused_refund_writes_nothing(db):
    case = R5Case(
        increase(db),
        R5Report(finding_date=date(2026, 6, 5), unjustified=Decimal("100.00")),
        Refund(date(2026, 7, 10), deadline=date(2027, 6, 1)),
    )
    with pytest.raises(InputError) as caught:
        save_case(db, case, SAVED_ON)
    assert caught.value.field == "deadline"
    assert list_records(db, "board_increases") == []


@pytest.mark.parametrize(
    ("report", "field"),
    [
        (R5Report(report_date=date(2026, 5, 20), finding_date=date(2026, 5, 1)), "finding_date"),
        (
            R5Report(
                expenses=(Expense("education", Decimal("100.00")),), justified=Decimal("200.00")
            ),
            "justified",
        ),
        (R5Report(unjustified=Decimal("958.00")), "unjustified"),
    ],
)
def test_inconsistent_finding_is_refused_at_its_field(db, report, field):
    with pytest.raises(InputError) as caught:
        save_case(db, R5Case(increase(db), report), SAVED_ON)
    assert caught.value.field == field
    assert list_records(db, "board_increases") == []


def test_refund_without_unjustified_amount_is_refused(db):
    case = R5Case(increase(db), R5Report(unjustified=Decimal("0.00")), Refund(date(2026, 7, 10)))
    with pytest.raises(InputError) as caught:
        save_case(db, case, SAVED_ON)
    assert caught.value.field == "unjustified"


def test_call_on_the_first_day_is_refused(db):
    case = R5Case(increase(db), R5Report(unjustified=Decimal("10.00")), Refund(date(2026, 1, 1)))
    with pytest.raises(InputError) as caught:
        refund_preview(db, case)
    assert caught.value.field == "call_date"


def test_deadline_on_a_sunday_moves_and_says_so(db):
    # 25 October 2026 is a Sunday; the refund is due on Monday 26 October.
    case = R5Case(
        increase(db),
        R5Report(unjustified=Decimal("50.00")),
        Refund(date(2026, 7, 10), deadline=date(2026, 10, 25)),
    )
    plan = refund_preview(db, case)
    assert plan.deadline == date(2026, 10, 26)
    assert plan.deadline_moved_from == date(2026, 10, 25)


def test_call_must_not_precede_the_finding(db):
    # the call carries out the finding: dated before it, it is refused at its field (and
    # so is a deadline before the finding, which must follow the call)
    case = R5Case(
        increase(db),
        R5Report(finding_date=date(2026, 7, 20), unjustified=Decimal("50.00")),
        Refund(date(2026, 7, 10), deadline=date(2026, 7, 15)),
    )
    with pytest.raises(InputError) as caught:
        save_case(db, case, SAVED_ON)
    assert caught.value.field == "call_date"
    assert "pred datumom ugotovitve" in caught.value.message
    assert list_records(db, "board_increases") == []
    on_the_day = dataclasses.replace(case, refund=Refund(date(2026, 7, 20)))
    assert refund_preview(db, on_the_day).refund == Decimal("50.00")


def test_list_status_honours_the_requested_date(db):
    requested = save_case(
        db, R5Case(increase(db, report_requested_on=date(2026, 2, 2))), SAVED_ON
    ).increase
    rows = {r.id: r for r in list_rows(db, TODAY)}
    assert rows[requested.id].status == "overdue"
    assert rows[requested.id].report_due == date(2026, 2, 2)
    assert case_row(db, requested.id, TODAY) == rows[requested.id]
    assert finding_centre_default(db, db.ids["placement"]) == (db.ids["centre"], db.ids["unit"])


def test_dropping_the_refund_checks_its_version(db):
    case = R5Case(increase(db), R5Report(unjustified=Decimal("50.00")), Refund(date(2026, 7, 10)))
    stored = save_case(db, case, SAVED_ON)
    again = save_case(db, stored, SAVED_ON)  # another editor saves: the refund's version moves
    assert again.refund.version == 2
    with pytest.raises(StaleRecordError):
        save_case(
            db,
            R5Case(again.increase, again.report),
            SAVED_ON,
            drop_refund=stored.refund,
        )
    assert load_case(db, stored.increase.id).refund is not None
    save_case(db, R5Case(again.increase, again.report), SAVED_ON, drop_refund=again.refund)
    assert load_case(db, stored.increase.id).refund is None


def test_facts_of_a_running_increase_tell_what_was_received_by_today(db):
    """The whole period is not "received" while it runs: the days from today on are not
    paid yet (QA13: the window said »Prejeto 1.944,93 €« a month before the end)."""
    running = increase_facts(db, db.ids["placement"], 25, H1, today=date(2026, 3, 1))
    assert running.received == Decimal("957.00")  # the whole period
    assert running.received_by_today == Decimal("319.00")  # January and February
    before = increase_facts(db, db.ids["placement"], 25, H1, today=date(2025, 12, 1))
    assert before.received_by_today == Decimal("0.00")
    over = increase_facts(db, db.ids["placement"], 25, H1, today=date(2026, 7, 1))
    assert over.received_by_today is None


def test_part_time_placement_received_and_refund_as_paid(db):
    """A placement on weekends and holidays only is paid 75 % of the board, its increase
    too (SPEC 3.2): R-5 counts what was paid, not the full-time increase (QA13: the
    received amount and the refund limit were the full-time ones, a third too high)."""
    from rejnistvo.rules.months import Adjustment, PartTimePlacement, month_payments, month_range
    from rejnistvo.services.board_increases import refund_preview
    from rejnistvo.services.rates import rate_table

    save_record(db, "placements", {"id": db.ids["placement"], "part_time": 1, "fee_share": "0.40"})
    paid = sum(
        p.board_increase
        for p in month_payments(
            month_range(H1.start, H1.end),
            [Period(date(2025, 6, 1), None)],
            rate_table(db),
            board_increases=[Adjustment(25, H1)],
            part_time=PartTimePlacement(Decimal("0.40")),
        )
    )
    assert paid < Decimal("957.00")  # the full-time increase
    assert increase_facts(db, db.ids["placement"], 25, H1).received == paid
    call = Refund(date(2026, 7, 10), RefundMethod.AS_RECEIVED)
    plan = refund_preview(db, R5Case(increase(db), R5Report(), call))
    assert plan.received == paid and plan.refund == paid
    too_much = R5Report(
        finding_date=date(2026, 7, 1), justified=Decimal("0.00"), unjustified=Decimal("957.00")
    )
    with pytest.raises(InputError) as caught:
        save_case(db, R5Case(increase(db), too_much, call), SAVED_ON)
    assert caught.value.field == "unjustified"


def test_finding_parts_together_no_more_than_received(db):
    """Used for the purpose and not: two parts of the money received (QA13: 900 + 900
    of 957,00 was stored and printed on the R-5)."""
    finding = R5Report(
        report_date=date(2026, 5, 20),
        expenses=(Expense("education", Decimal("900.00"), "Inštrukcije", "r. 42"),),
        finding_date=date(2026, 6, 5),
        justified=Decimal("900.00"),
        unjustified=Decimal("900.00"),
    )
    with pytest.raises(InputError) as caught:
        save_case(db, R5Case(increase(db), finding), SAVED_ON)
    assert caught.value.field == "unjustified"
    assert "od 0,00 do 57,00 EUR" in caught.value.message
    assert list_records(db, "board_increases") == []
    exact = dataclasses.replace(finding, unjustified=Decimal("57.00"))
    assert save_case(db, R5Case(increase(db), exact), SAVED_ON).report.unjustified == Decimal(
        "57.00"
    )


def test_typed_instalment_on_a_holiday_is_due_the_next_working_day(db):
    """ZUP 101 for a due day the caseworker typed, as for the plan's own (QA13: a typed
    25. 12. was stored, and Roki showed the instalment late on 26. and 27. 12.)."""
    from rejnistvo.services.board_increases import RefundInstalment, refund_preview

    finding = R5Report(
        finding_date=date(2026, 7, 1), justified=Decimal("0.00"), unjustified=Decimal("957.00")
    )
    call = Refund(date(2026, 7, 10), RefundMethod.AS_RECEIVED)
    plan = refund_preview(db, R5Case(increase(db), finding, call))
    typed = [RefundInstalment(i.due, i.amount) for i in plan.instalments]
    typed[4] = dataclasses.replace(typed[4], due=date(2026, 12, 25))  # Friday, Christmas
    stored = save_case(
        db,
        R5Case(increase(db), finding, dataclasses.replace(call, instalments=tuple(typed))),
        SAVED_ON,
    )
    assert stored.refund.instalments[4].due == date(2026, 12, 28)  # 26. holiday, 27. Sunday
    assert [i.due for i in stored.refund.instalments[:4]] == [i.due for i in plan.instalments[:4]]


def test_a_corrected_finding_keeps_the_paid_instalments_as_paid(db):
    """Found by QA24: the paid instalments took the corrected plan's amounts."""
    case = R5Case(
        increase(db),
        R5Report(finding_date=date(2026, 6, 5), unjustified=Decimal("957.00")),
        Refund(date(2026, 7, 10), RefundMethod.AS_RECEIVED),
    )
    stored = save_case(db, case, SAVED_ON)
    first, second, *rest = stored.refund.instalments
    assert first.amount == second.amount == Decimal("159.50")
    paid = (
        dataclasses.replace(first, paid_on=date(2026, 8, 10)),
        dataclasses.replace(second, paid_on=date(2026, 9, 10)),
        *rest,
    )
    stored = save_case(
        db,
        dataclasses.replace(stored, refund=dataclasses.replace(stored.refund, instalments=paid)),
        SAVED_ON,
    )
    # the centre corrects the finding: 500,00 € to refund, 319,00 € of it already paid
    corrected = dataclasses.replace(
        stored, report=dataclasses.replace(stored.report, unjustified=Decimal("500.00"))
    )
    stored = save_case(db, corrected, SAVED_ON)
    instalments = stored.refund.instalments
    assert instalments[:2] == paid[:2]
    # 181,00 € left over four months of 159,50 € each: 45,25 € each
    assert [i.amount for i in instalments[2:]] == [Decimal("45.25")] * 4
    assert sum(i.amount for i in instalments) == stored.refund.amount == Decimal("500.00")
    # corrected below what was paid (300,00 €, 319,00 € paid): the payments stay as paid,
    # nothing is left to pay, and the 19,00 € paid beyond the refund is owed back (m020)
    lower = save_case(
        db,
        dataclasses.replace(
            stored, report=dataclasses.replace(stored.report, unjustified=Decimal("300.00"))
        ),
        SAVED_ON,
    )
    assert lower.refund.instalments == paid[:2] and lower.refund.amount == Decimal("300.00")
    assert refund_preview(db, lower).excess == Decimal("19.00")
    assert lower.refund.excess_returned_on is None
    early = dataclasses.replace(lower.refund, excess_returned_on=date(2026, 9, 1))
    with pytest.raises(InputError) as refused:
        save_case(db, dataclasses.replace(lower, refund=early), SAVED_ON)
    assert refused.value.field == "excess_returned_on" and "10. 9. 2026" in refused.value.message
    given_back = dataclasses.replace(lower.refund, excess_returned_on=date(2026, 9, 15))
    stored = save_case(db, dataclasses.replace(lower, refund=given_back), SAVED_ON)
    assert stored.refund.excess_returned_on == date(2026, 9, 15)


def test_a_day_the_excess_was_given_back_needs_an_excess(db):
    case = R5Case(
        increase(db),
        R5Report(finding_date=date(2026, 6, 5), unjustified=Decimal("957.00")),
        Refund(date(2026, 7, 10), RefundMethod.LUMP_SUM, excess_returned_on=date(2026, 8, 1)),
    )
    with pytest.raises(InputError) as refused:
        save_case(db, case, SAVED_ON)
    assert refused.value.field == "excess_returned_on"
    assert "ni vrnil več od zneska za vračilo" in refused.value.message


def test_a_day_paid_after_today_is_refused_at_its_instalment(db):
    """Found by QA24: a paid instalment's day is a day that has come."""
    case = R5Case(
        increase(db),
        R5Report(finding_date=date(2026, 6, 5), unjustified=Decimal("957.00")),
        Refund(date(2026, 7, 10), RefundMethod.LUMP_SUM),
    )
    stored = save_case(db, case, SAVED_ON)
    (only,) = stored.refund.instalments
    ahead = dataclasses.replace(only, paid_on=date(2028, 1, 5))
    with pytest.raises(InputError) as refused:
        save_case(
            db,
            dataclasses.replace(
                stored, refund=dataclasses.replace(stored.refund, instalments=(ahead,))
            ),
            SAVED_ON,
        )
    assert refused.value.field == "instalments[0].paid_on"
    assert "Dan plačila (5. 1. 2028) je v prihodnosti" in refused.value.message


def test_a_report_requested_before_the_increase_starts_is_refused(db):
    """Found by QA24: »1. 12. 2025« typed for 1. 12. 2026 on an increase from 1. 1. 2026
    was stored, and the case was an overdue report on Roki since a day before any money
    was paid."""
    early = increase(db, report_requested_on=date(2025, 12, 1))
    with pytest.raises(InputError) as refused:
        save_case(db, R5Case(early), SAVED_ON)
    assert refused.value.field == "report_requested_on"
    assert refused.value.message == (
        "Poročilo zahtevano do (1. 12. 2025) je pred začetkom zvišanja oskrbnine (1. 1. 2026): "
        "o porabi rejnik lahko poroča šele, ko zvišanje prejema; dovoljen je dan od 1. 1. 2026 "
        "naprej."
    )
    assert list_records(db, "board_increases") == []
    on_the_first_day = increase(db, report_requested_on=date(2026, 1, 1))
    assert save_case(db, R5Case(on_the_first_day), SAVED_ON).increase.id is not None
