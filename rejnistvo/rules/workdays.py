"""Working days in Slovenia: not Saturday, Sunday or a public holiday (from `holidays`).

Used where a rule moves a deadline off a non-working day (ZUP 101).

A year's holidays come from a source function: the `holidays` library by default;
``rejnistvo.holiday_cache.install`` (at the start of the CLI and the window) sets one
that reads the library's answers from the user's cache folder, since importing the
library costs a process ~160 ms. Pure either way: no file is read here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

HolidaySource = Callable[[int], frozenset[date]]


def library_holidays(year: int) -> frozenset[date]:
    # imported on first use: a process printing an R-4 never asks for a working day
    import holidays

    return frozenset(holidays.country_holidays("SI", years=year))


_source: HolidaySource = library_holidays


def use_holiday_source(source: HolidaySource) -> None:
    """Answer every later question from `source` (it must answer as the library does)."""
    global _source
    _source = source
    _holidays_of.cache_clear()


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> frozenset[date]:
    return _source(year)


def is_holiday(day: date) -> bool:
    return day in _holidays_of(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_holiday(day)


def next_working_day(day: date) -> date:
    """`day` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
