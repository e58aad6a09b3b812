"""What the Izračun, R-4 and R-5 screens read about placements: the rate table in
force, a placement's periods, its label in a combo box and the name of a record."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import Any

from rejnistvo.rules.periods import Period, add_months, first_of_month, last_of_month
from rejnistvo.rules.rates import RateTable

log = logging.getLogger(__name__)


def rate_table(db: Any) -> RateTable:
    """The rate table kept in the database (Nastavitve) — the one the CLI and print use
    too; MissingRateError when the database has none (never a silent fallback)."""
    from rejnistvo.services.rates import rate_table as database_rate_table

    return database_rate_table(db)


def as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def placement_periods(placement: dict) -> list[Period]:
    """The contract's and the annexes' periods of a stored placement."""
    return [
        Period(as_date(p["from_date"]), as_date(p.get("to_date")))
        for p in placement.get("periods") or []
        if p.get("from_date")
    ]


def placement_label(row: dict) -> str:
    return " – ".join(
        str(x) for x in (row.get("contract_no"), row.get("child_name"), row.get("carer_name")) if x
    )


def placement_choices(rows: Sequence[dict]) -> list[tuple[str, Any]]:
    return [(placement_label(row), row["id"]) for row in rows]


def default_range(periods: Sequence[Period], today: date) -> Period:
    """This calendar year's months inside the placement; for a placement that ended
    earlier, its last twelve months."""
    first = min(p.start for p in periods)
    ends = [p.end for p in periods]
    last = None if None in ends else max(e for e in ends if e is not None)
    if last is not None and last < date(today.year, 1, 1):
        return Period(max(first, add_months(last.replace(day=1), -11)), last_of_month(last))
    start = max(first.replace(day=1), date(today.year, 1, 1))
    end = (
        date(today.year, 12, 31)
        if last is None
        else min(last_of_month(last), date(today.year, 12, 31))
    )
    return Period(start, max(end, start))


def followed_range(
    shown: Period, offered: Period | None, periods: Sequence[Period], today: date
) -> Period:
    """Izračun's months after the placement's periods were changed elsewhere (a start
    moved from 15. 11. to 10. 12. 2026): the months the program offered follow the new
    periods, as if the placement were chosen again; months the clerk typed stay while
    they lie inside the placement, are trimmed to it where they reach outside, and give
    way to the offered months when none of them is left."""
    new = default_range(periods, today)
    if shown == offered:
        return new
    first = first_of_month(min(p.start for p in periods))
    ends = [p.end for p in periods]
    last = None if None in ends else last_of_month(max(e for e in ends if e is not None))
    start = max(shown.start, first)
    end = shown.end if last is None or shown.end is None else min(shown.end, last)
    if end is not None and start > end:
        return new
    return Period(start, end)


def record_name(db: Any, entity: str, record_id: int | None) -> str | None:
    """The name of a stored carer, child or centre (None when there is none)."""
    if record_id is None:
        return None
    from rejnistvo.store import StoreError, get_record

    try:
        return get_record(db, entity, record_id).get("name")
    except StoreError:
        return None


# Kept for the screens that import them from here; the one copy is in services.
from rejnistvo.services.placements import OPEN_END, period_spans  # noqa: E402

__all__ = ["OPEN_END", "period_spans"]
