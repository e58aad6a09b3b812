"""How long an R-4 proposal has waited at the coordinator (SPEC 3.5): the one rule that
*Koordinator*, *Roki* and the register share. ``register.workflow`` re-exports these
names; *Roki* imports them from here, so the program's start does not load the workflow
(its checks, the uplift rule and the resolution numbering; ~4 ms)."""

from __future__ import annotations

from datetime import date
from typing import Any

from rejnistvo.store import Database, get_setting

DEFAULT_WAITING_DAYS = 30


def as_date(value: object) -> date | None:
    """A stored date (``date`` from the repository, ISO text from the register's query)."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def received_date(case: dict[str, Any]) -> date | None:
    """When the coordinator received the proposal: received_on, else the day it was sent
    (packages travel by e-mail the same day)."""
    return as_date(case.get("received_on")) or as_date(case.get("sent_on"))


def waiting_threshold(db: Database) -> int:
    """Days after which a waiting proposal is overdue (setting, default 30; SPEC 3.5)."""
    value = get_setting(db, "waiting_days_threshold")
    try:
        return int(value) if value not in (None, "") else DEFAULT_WAITING_DAYS
    except (TypeError, ValueError):  # an odd setting falls back to the default
        return DEFAULT_WAITING_DAYS


def waiting_days(received: date | None, decided: date | None, today: date) -> int | None:
    """Days a proposal has waited at the coordinator: until the decision, or until today."""
    if received is None:
        return None
    return ((decided or today) - received).days
