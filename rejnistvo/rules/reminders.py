"""Dates the program tracks (SPEC 3.5): training, coordinator term, periods ending soon,
R-5 reports due or overdue. How long an R-4 proposal has waited at the coordinator is
``register.waiting`` (one rule for *Koordinator*, *Roki* and the register)."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from rejnistvo.rules.periods import Period
from rejnistvo.rules.refund import report_due_date

TRAINING_YEARS = 3  # čl. 42/1 as amended: every three years (was five)
# Transitional čl. 28 of the amending rules (Uradni list RS 78/2025): carers licensed
# (or trained) before 1 November 2022 are trained under the new rules during 2026.
TRANSITION_LICENCE_BEFORE = date(2022, 11, 1)
TRANSITION_TRAINING_BY = date(2026, 12, 31)
NEW_RULES_FROM = date(2025, 11, 1)
ENDING_SOON_DAYS = 60
R5_DUE_SOON_DAYS = 14


def add_years(day: date, years: int) -> date:
    """Same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def training_due_date(licence_date: date, last_training: date | None = None) -> date:
    """Next mandatory training (čl. 42/1; transitional čl. 28 of the amending rules).

    The three-year term starts on the licence date (or the day the placement decision
    became enforceable, ZIRD 14) and again on the day each training is completed.
    Carers licensed before 1 November 2022 who have not yet been trained under the
    new rules are due by the end of 2026."""
    if licence_date < TRANSITION_LICENCE_BEFORE and (
        last_training is None or last_training < NEW_RULES_FROM
    ):
        return TRANSITION_TRAINING_BY
    start = licence_date if last_training is None else max(licence_date, last_training)
    return add_years(start, TRAINING_YEARS)


def coordinator_term_end(elected_on: date) -> date:
    """A coordinator is elected for one year (čl. 7/3): the last day of the term."""
    return add_years(elected_on, 1) - timedelta(days=1)


def ends_within(period: Period, today: date, days: int = ENDING_SOON_DAYS) -> bool:
    """Whether a closed period ends between today and `days` days from today."""
    return period.end is not None and today <= period.end <= today + timedelta(days=days)


class R5Status(StrEnum):
    RECEIVED = "received"  # prejeto
    OVERDUE = "overdue"  # zamuja
    DUE_SOON = "due_soon"  # rok se bliža
    NOT_DUE = "not_due"  # še ni na vrsti


def r5_due(
    increase_period: Period, requested_by: date | None = None, asked_again: bool = False
) -> date:
    """Čl. 28/3: 30 days before the increase ends (for a period shorter than 31 days, its
    last day); the child's centre may ask earlier. A report the centre asked for again
    after one was received (»ne glede na morebitno predhodno poročanje«) is due on the day
    it set, even after the regular day: the first report met that one."""
    due = report_due_date(increase_period)
    if requested_by is None:
        return due
    return requested_by if asked_again else min(due, requested_by)


def r5_status(
    increase_period: Period,
    today: date,
    report_date: date | None = None,
    requested_by: date | None = None,
    soon_days: int = R5_DUE_SOON_DAYS,
    asked_again: bool = False,
) -> R5Status:
    if report_date is not None:
        return R5Status.RECEIVED
    due = r5_due(increase_period, requested_by, asked_again)
    if today > due:
        return R5Status.OVERDUE
    if (due - today).days <= soon_days:
        return R5Status.DUE_SOON
    return R5Status.NOT_DUE
