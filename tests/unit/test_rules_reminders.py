"""reminders.py: SPEC 3.5 dates."""

from datetime import date

from rejnistvo.rules.periods import Period
from rejnistvo.rules.reminders import (
    R5Status,
    coordinator_term_end,
    ends_within,
    r5_due,
    r5_status,
    training_due_date,
)

D = date


def test_training_every_three_years_from_licence_or_last_training():
    assert training_due_date(D(2023, 5, 10)) == D(2026, 5, 10)
    assert training_due_date(D(2023, 5, 10), D(2026, 4, 1)) == D(2029, 4, 1)
    assert training_due_date(D(2024, 2, 29)) == D(2027, 2, 28)


def test_training_transition_for_older_licences():
    # Licensed before 1 Nov 2022: trained under the new rules in 2026 (amending rules čl. 28).
    assert training_due_date(D(2015, 1, 1)) == D(2026, 12, 31)
    assert training_due_date(D(2015, 1, 1), D(2022, 3, 1)) == D(2026, 12, 31)
    assert training_due_date(D(2015, 1, 1), D(2026, 6, 15)) == D(2029, 6, 15)


def test_coordinator_term_is_one_year():
    assert coordinator_term_end(D(2026, 1, 15)) == D(2027, 1, 14)


def test_periods_ending_within_60_days():
    today = D(2026, 3, 1)
    assert ends_within(Period(D(2026, 1, 1), D(2026, 4, 30)), today)
    assert ends_within(Period(D(2026, 1, 1), D(2026, 3, 1)), today)  # ends today
    assert not ends_within(Period(D(2026, 1, 1), D(2026, 5, 1)), today)  # day 61
    assert not ends_within(Period(D(2026, 1, 1)), today)  # open
    assert not ends_within(Period(D(2026, 1, 1), D(2026, 2, 28)), today)  # already ended
    assert ends_within(Period(D(2026, 1, 1), D(2026, 3, 11)), today, days=10)


def test_r5_status():
    period = Period(D(2026, 1, 1), D(2026, 6, 30))
    assert r5_due(period) == D(2026, 5, 31)
    assert r5_due(period, requested_by=D(2026, 4, 1)) == D(2026, 4, 1)
    assert r5_status(period, D(2026, 6, 1)) is R5Status.OVERDUE
    assert r5_status(period, D(2026, 5, 20)) is R5Status.DUE_SOON
    assert r5_status(period, D(2026, 3, 1)) is R5Status.NOT_DUE
    assert r5_status(period, D(2026, 6, 1), report_date=D(2026, 5, 30)) is R5Status.RECEIVED


def test_short_increase_report_not_overdue_before_it_starts():
    short = Period(D(2026, 3, 1), D(2026, 3, 20))
    assert r5_due(short) == D(2026, 3, 20)
    assert r5_status(short, today=D(2026, 2, 20)) is R5Status.NOT_DUE
    assert r5_status(short, today=D(2026, 3, 1)) is R5Status.NOT_DUE  # not "zamuja"
    assert r5_status(short, today=D(2026, 3, 10)) is R5Status.DUE_SOON
    assert r5_status(short, today=D(2026, 3, 21)) is R5Status.OVERDUE
