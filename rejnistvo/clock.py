"""The one source of "today": every rule, service and screen gets it from a Clock.

``date.today()`` appears nowhere else. The window and the CLI build a ``SystemClock``;
tests pass a ``FixedClock`` so that the suite gives the same answers on any machine date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Protocol


class Clock(Protocol):
    def today(self) -> date: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The machine's local date and the current UTC time."""

    def today(self) -> date:
        return date.today()

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that shows a set day (tests, what-if runs); ``advance`` moves it on."""

    def __init__(self, day: date, at: datetime | None = None) -> None:
        self.day = day
        self.at = at or datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)

    def today(self) -> date:
        return self.day

    def now(self) -> datetime:
        return self.at
