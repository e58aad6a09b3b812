"""Working days in Slovenia: not Saturday, Sunday or a public holiday (from `holidays`).

Used where a rule moves a deadline off a non-working day (ZUP 101)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> frozenset[date]:
    # imported on first use: a process printing an R-4 never asks for a working day
    import holidays

    return frozenset(holidays.country_holidays("SI", years=year))


def is_holiday(day: date) -> bool:
    return day in _holidays_of(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_holiday(day)


def next_working_day(day: date) -> date:
    """`day` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
