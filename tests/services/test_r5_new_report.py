# ruff: noqa: F811 - `db` is the fixture imported from test_board_increases
"""A new R-5 report asked for after one was received (čl. 28/3: »ne glede na morebitno
predhodno poročanje«). Before, a case with a report in was »received« for good: a report
the centre asked for again, or the regular one after an interim report, was reminded
nowhere and had no place to be typed without overwriting the first."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from test_board_increases import (  # noqa: F401 (fixture)
    REPORTED_AND_FOUND,
    SAVED_ON,
    db,
    increase,
)

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.periods import Period
from rejnistvo.rules.refund import RefundMethod
from rejnistvo.services import cases
from rejnistvo.services.board_increases import (
    Expense,
    R5Case,
    Refund,
    case_row,
    load_case,
    save_case,
)
from rejnistvo.services.case_forms import earlier_form, stored_form
from rejnistvo.services.deadlines import list_deadlines
from rejnistvo.services.r5_requests import ask_for_new_report, asked_again, earlier_reports
from rejnistvo.store import StaleRecordError

ASKED = date(2026, 7, 15)  # after the increase (1. 1.–30. 6. 2026) ended
DUE = date(2026, 8, 14)


def _changed_tables(db) -> list[str]:
    return [row[0] for row in db.execute("SELECT table_name FROM audit_log ORDER BY id")]


def _reported_and_found(db, *, refund: bool = True) -> R5Case:
    case = R5Case(
        increase(db),
        REPORTED_AND_FOUND,
        Refund(date(2026, 7, 10), RefundMethod.LUMP_SUM) if refund else None,
    )
    return save_case(db, case, SAVED_ON)


def test_the_received_report_becomes_an_earlier_one_and_the_new_is_awaited(db):
    stored = _reported_and_found(db)
    assert case_row(db, stored.increase.id, ASKED).status == "refund_ordered"
    ask_for_new_report(db, stored.increase.id, DUE, ASKED, stored.increase.version)

    case = load_case(db, stored.increase.id)
    assert case.report.report_date is None and case.report.expenses == ()
    # the finding and the call stand until the centre corrects them on the new report
    assert case.report.unjustified == Decimal("157.00") and case.refund == stored.refund
    assert case.increase.report_requested_on == DUE
    assert case.increase.version == stored.increase.version + 1
    assert asked_again(db, stored.increase.id) == ASKED
    (earlier,) = earlier_reports(db, stored.increase.id)
    assert earlier.report.report_date == date(2026, 5, 20) and earlier.asked_again_on == ASKED
    assert earlier.report.expenses == stored.report.expenses
    assert earlier.report.total == Decimal("800.00")
    assert (earlier.report.finding_date, earlier.report.justified, earlier.report.unjustified) == (
        date(2026, 6, 5),
        Decimal("800.00"),
        Decimal("157.00"),
    )
    # due on the day asked, although the regular day (31. 5.) has passed long ago
    row = case_row(db, stored.increase.id, ASKED)
    assert (row.status, row.report_due) == ("awaiting_report", DUE)
    assert case_row(db, stored.increase.id, date(2026, 8, 15)).status == "overdue"
    by_cli = {c.id: c.status for c in cases.list_cases(db, ASKED) if c.kind == "r5"}
    assert by_cli[stored.increase.id] == "awaiting_report"


def test_roki_reminds_the_new_report_on_its_own_day(db):
    stored = _reported_and_found(db, refund=False)
    assert not [d for d in list_deadlines(db, ASKED) if d.kind.startswith("r5_")]
    ask_for_new_report(db, stored.increase.id, DUE, ASKED, stored.increase.version)
    soon = [d for d in list_deadlines(db, ASKED) if d.kind.startswith("r5_")]
    assert [(d.kind, d.due) for d in soon] == [("r5_due_soon", DUE)]
    assert "novo poročilo zahteval do 14. 8. 2026" in soon[0].what
    late = [d for d in list_deadlines(db, date(2026, 8, 20)) if d.kind.startswith("r5_")]
    assert [(d.kind, d.due) for d in late] == [("r5_overdue", DUE)]


def test_the_new_report_is_saved_under_the_standing_finding_then_found_again(db):
    stored = _reported_and_found(db)
    ask_for_new_report(db, stored.increase.id, DUE, ASKED, stored.increase.version)
    case = load_case(db, stored.increase.id)
    # the new report: a later date and a smaller total than the standing finding's
    # justified amount; the finding (5. 6.) is the earlier report's and is not refused
    new = dataclasses.replace(
        case.report,
        report_date=date(2026, 8, 1),
        expenses=(Expense("education", Decimal("100.00"), "Knjige", "r. 7"),),
    )
    saved = save_case(db, dataclasses.replace(case, report=new), date(2026, 8, 2))
    assert saved.report.report_date == date(2026, 8, 1)
    assert case_row(db, saved.increase.id, date(2026, 8, 2)).status == "refund_ordered"
    # a new finding is on the new report: dated before it is refused, as always
    early = dataclasses.replace(saved.report, finding_date=date(2026, 7, 20))
    with pytest.raises(InputError) as refused:
        save_case(db, dataclasses.replace(saved, report=early), date(2026, 8, 2))
    assert refused.value.field == "finding_date"
    found = dataclasses.replace(
        saved.report,
        finding_date=date(2026, 8, 2),
        justified=Decimal("100.00"),
        unjustified=Decimal("857.00"),
    )
    # the call carries out the new finding: dated on it or later, as any call
    call = dataclasses.replace(saved.refund, call_date=date(2026, 8, 2), deadline=None)
    again = save_case(db, R5Case(saved.increase, found, call), date(2026, 8, 2))
    assert again.refund.amount == Decimal("857.00")
    assert case_row(db, again.increase.id, date(2026, 8, 2)).status == "refund_ordered"


@pytest.mark.parametrize(
    ("due", "words"),
    [
        (None, "vpišite dan"),
        (date(2026, 5, 20), "od 21. 5. 2026 naprej"),
        (date(2025, 12, 1), "pred začetkom zvišanja"),
    ],
)
def test_a_due_day_missing_or_too_early_is_refused_at_its_field(db, due, words):
    stored = _reported_and_found(db)
    with pytest.raises(InputError) as refused:
        ask_for_new_report(db, stored.increase.id, due, ASKED, stored.increase.version)
    assert refused.value.field == "new_report_due" and words in refused.value.message
    assert load_case(db, stored.increase.id) == stored
    assert earlier_reports(db, stored.increase.id) == ()


def test_without_a_received_report_there_is_nothing_to_ask_again(db):
    later = Period(date(2026, 7, 1), date(2026, 12, 31))
    waiting = save_case(db, R5Case(increase(db, later)), SAVED_ON)
    with pytest.raises(InputError) as refused:
        ask_for_new_report(db, waiting.increase.id, DUE, ASKED, waiting.increase.version)
    assert "»Poročilo zahtevano do«" in refused.value.message
    stored = _reported_and_found(db, refund=False)
    ask_for_new_report(db, stored.increase.id, DUE, ASKED, stored.increase.version)
    # asked again, not yet in: the day is moved in the increase's own field
    version = load_case(db, stored.increase.id).increase.version
    with pytest.raises(InputError):
        ask_for_new_report(db, stored.increase.id, date(2026, 9, 1), ASKED, version)


def test_a_stale_screen_is_refused_and_nothing_moves(db):
    stored = _reported_and_found(db)
    save_case(
        db,
        dataclasses.replace(
            stored, increase=dataclasses.replace(stored.increase, decision_no="1-2/2026")
        ),
        SAVED_ON,
    )
    changes = len(_changed_tables(db))
    with pytest.raises(StaleRecordError):
        ask_for_new_report(db, stored.increase.id, DUE, ASKED, stored.increase.version)
    assert earlier_reports(db, stored.increase.id) == ()
    report = load_case(db, stored.increase.id).report
    assert (report.report_date, report.expenses) == (date(2026, 5, 20), stored.report.expenses)
    assert len(_changed_tables(db)) == changes


def test_the_request_is_audited_and_the_earlier_report_printed_as_it_was(db):
    stored = _reported_and_found(db)
    changes = len(_changed_tables(db))
    ask_for_new_report(db, stored.increase.id, DUE, ASKED, stored.increase.version)
    tables = _changed_tables(db)[changes:]
    assert tables == ["board_increases", "r5_earlier_reports", "r5_reports"]
    # the form of the report awaited: the centre's part still to fill
    awaited = stored_form(db, "r5", stored.increase.id)
    assert awaited.report_date is None and awaited.expenses == () and awaited.finding is None
    (earlier,) = earlier_reports(db, stored.increase.id)
    form = earlier_form(db, earlier.id)
    assert form.report_date == date(2026, 5, 20)
    assert [e.amount for e in form.expenses] == [Decimal("800.00")]
    assert form.finding is not None and form.finding.unjustified == Decimal("157.00")


def test_the_rule_a_report_asked_again_is_due_on_the_day_set():
    from rejnistvo.rules.reminders import r5_due

    period = Period(date(2026, 1, 1), date(2026, 6, 30))
    assert r5_due(period, DUE) == date(2026, 5, 31)  # the first report: the earlier day
    assert r5_due(period, DUE, asked_again=True) == DUE
    assert r5_due(period, date(2026, 4, 1), asked_again=True) == date(2026, 4, 1)
    assert r5_due(period, None, asked_again=True) == date(2026, 5, 31)


def test_no_call_is_reminded_while_the_new_report_is_awaited(db):
    """A finding with money to refund and no call is reminded (»pozovite rejnika k
    vračilu«); once the centre asks for a new report, it weighs the finding again on
    that one, so Roki reminds of the report instead, and of the call again once the
    report is in and the finding still stands."""
    stored = _reported_and_found(db, refund=False)

    def kinds(day):
        return sorted(d.kind for d in list_deadlines(db, day) if d.open_id == stored.increase.id)

    assert kinds(ASKED) == ["refund_call"]
    ask_for_new_report(db, stored.increase.id, DUE, ASKED, stored.increase.version)
    assert kinds(ASKED) == ["r5_due_soon"]
    case = load_case(db, stored.increase.id)
    received = dataclasses.replace(case.report, report_date=date(2026, 8, 1))
    save_case(db, dataclasses.replace(case, report=received), date(2026, 8, 2))
    assert kinds(date(2026, 8, 2)) == ["refund_call"]
