"""Dates and periods: inclusive of both ends; an open period has `end = None` (SPEC 3)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import MINYEAR, date, datetime, timedelta
from typing import Any

from rejnistvo.rules.errors import InputError

MONTH_NAMES = (
    "januar", "februar", "marec", "april", "maj", "junij",
    "julij", "avgust", "september", "oktober", "november", "december",
)  # fmt: skip

# ASCII digits: \d also takes other scripts' digits (»２０２６-03-10«), which the ISO
# reader refuses, and such a date was then said not to exist in a month that has it
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")


def format_date(day: date) -> str:
    """Slovenian date as users read it: `2. 3. 2026`."""
    return f"{day.day}. {day.month}. {day.year}"


def month_name(month: date) -> str:
    """`marec 2026` — how messages name a month."""
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def iso_month(month: date) -> str:
    """`2026-03` — a month as SPEC 6 and the command line write it."""
    return f"{month.year:04d}-{month.month:02d}"


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def last_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(month: date, count: int) -> date:
    """First of the month `count` months after (or before) the month of `month`."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, slots=True)
class Period:
    """From `start` to `end`, both inclusive; `end = None` means open-ended."""

    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise InputError(
                "period",
                f"obdobje se konča ({format_date(self.end)}) pred začetkom "
                f"({format_date(self.start)}); konec mora biti na dan začetka ali pozneje.",
            )

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, other: Period) -> bool:
        return (self.end is None or other.start <= self.end) and (
            other.end is None or self.start <= other.end
        )

    def clip(self, start: date, end: date) -> tuple[date, date] | None:
        """The part of this period inside [start, end], or None."""
        lo = max(self.start, start)
        hi = end if self.end is None else min(self.end, end)
        return (lo, hi) if lo <= hi else None

    def days(self) -> int:
        """Number of days of a closed period."""
        if self.end is None:
            raise ValueError("an open period has no number of days")
        return (self.end - self.start).days + 1

    def within(self, outer: Sequence[Period]) -> bool:
        """Whether every day of this period lies in one of `outer` (adjoining periods join)."""
        cursor = self.start
        for period in sorted(outer, key=lambda p: p.start):
            if period.start > cursor:
                break
            if period.end is None:
                return True
            if period.end >= cursor:
                cursor = period.end + timedelta(days=1)
            if self.end is not None and cursor > self.end:
                return True
        return False


def parse_date(value: object, field: str) -> date:
    """A date from JSON or a form: `date` or an ISO string `YYYY-MM-DD`."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    allowed = "pričakovan je datum v obliki LLLL-MM-DD, npr. 2026-03-02."
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value.strip()):
        shown = "" if value is None else f"»{value}« "
        raise InputError(field, f"{shown}ni veljaven datum; {allowed}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        year, month, _ = (int(part) for part in value.strip().split("-"))
        raise InputError(field, no_such_date(value.strip(), year, month)) from None


def no_such_date(text: str, year: int, month: int) -> str:
    """Why a date written in the right form does not exist (»2027-02-31«): what to change,
    not the form again, which reads like a proposed date."""
    why = _no_such_month(year, month)
    if why:
        return f"datum »{text}« ne obstaja: {why}."
    days = calendar.monthrange(year, month)[1]  # 28 to 31: always »dni« in Slovenian
    return f"datum »{text}« ne obstaja: {month_name(date(year, month, 1))} ima {days} dni."


def _no_such_month(year: int, month: int) -> str:
    """Why a year and month in the right form name no month (»2026-13«); empty if they do."""
    if not 1 <= month <= 12:
        return "mesec je število od 1 do 12"
    if year < MINYEAR:
        return f"leto mora biti vsaj {MINYEAR}"
    return ""


def parse_month(value: object, field: str) -> date:
    """A month `YYYY-MM` → the first day of that month. Refused in another form with the
    form; in this form but no month (»2026-13«) with why as well."""
    why = ""
    if isinstance(value, str) and _ISO_MONTH.fullmatch(value.strip()):
        year, month = (int(part) for part in value.strip().split("-"))
        why = _no_such_month(year, month)
        if not why:
            return date(year, month, 1)
    shown = "" if value is None else f"»{value}« "
    raise InputError(
        field,
        f"{shown}ni veljaven mesec{f': {why}' if why else ''}; pričakovan je mesec v obliki "
        "LLLL-MM, npr. 2026-03.",
    )


#: a month as a clerk types it: »1/2027«, »1. 2027«, »01.2027«, »1 2027« (month, year)
_TYPED_MONTH = re.compile(r"([0-9]{1,2})\s*[./ ]\s*([0-9]{4})")


def parse_typed_month(value: str, field: str) -> date:
    """A month as typed in the window: as the program names it (»januar 2027«, any
    letter case, also »Januar 2027«), as a date's month is written (»1. 2027«, »1/2027«)
    or ISO (»2027-01«). QA59: »januar 2027«, the form the program's own lists show, was
    refused with »pričakovan je mesec v obliki LLLL-MM«. The command line keeps SPEC 6's
    ``parse_month``."""
    text = " ".join(value.split())
    words = text.casefold().split(" ")
    if len(words) == 2 and words[0] in MONTH_NAMES and words[1].isascii() and words[1].isdigit():
        year = int(words[1])
        if year >= MINYEAR:
            return date(year, MONTH_NAMES.index(words[0]) + 1, 1)
    why = ""
    typed = _TYPED_MONTH.fullmatch(text)
    parts: tuple[int, int] | None = None  # (year, month)
    if typed is not None:
        parts = int(typed.group(2)), int(typed.group(1))
    elif _ISO_MONTH.fullmatch(text):
        year_text, month_text = text.split("-")
        parts = int(year_text), int(month_text)
    if parts is not None:
        why = _no_such_month(*parts)
        if not why:
            return date(parts[0], parts[1], 1)
    raise InputError(
        field,
        f"»{value.strip()}« ni veljaven mesec{f': {why}' if why else ''}; vpišite ga na "
        "primer kot »januar 2027«, »1. 2027« ali »2027-01«.",
    )


def check_keys(
    obj: object, field: str, allowed: Iterable[str], required: Iterable[str] = ()
) -> Mapping[str, Any]:
    """Refuse anything but a JSON object with known keys (SPEC 6: unknown fields refused)."""
    allowed = tuple(allowed)
    if not isinstance(obj, Mapping):
        raise InputError(field, f"pričakovan je objekt s polji {', '.join(allowed)}.")
    for key in obj:
        if key not in allowed:
            raise InputError(
                f"{field}.{key}" if field else str(key),
                f"neznano polje; dovoljena so: {', '.join(allowed)}.",
            )
    for key in required:
        if key not in obj:
            raise InputError(f"{field}.{key}" if field else key, "obvezno polje manjka.")
    return obj


def parse_period(obj: object, field: str, extra_keys: Iterable[str] = ()) -> Period:
    """`{"from": "2026-03-10", "to": null}` → Period. `to` null or absent = open.

    `extra_keys` are further fields the caller reads itself (e.g. "percent")."""
    data = check_keys(obj, field, ("from", "to", *extra_keys), required=("from",))
    start = parse_date(data["from"], f"{field}.from")
    raw_end = data.get("to")
    end = None if raw_end is None else parse_date(raw_end, f"{field}.to")
    if end is not None and end < start:
        raise InputError(
            f"{field}.to",
            f"konec obdobja ({format_date(end)}) je pred začetkom ({format_date(start)}); "
            "konec mora biti na dan začetka ali pozneje.",
        )
    return Period(start, end)


def check_no_overlap(periods: Sequence[Period], field: str, what: str = "obdobja") -> None:
    """Refuse periods that share a day (contract + annexes, or adjustments of one kind)."""
    ordered = sorted(enumerate(periods), key=lambda item: item[1].start)
    for (i, a), (j, b) in zip(ordered, ordered[1:], strict=False):
        if a.overlaps(b):
            # SPEC 3.4: the refusal names the other period (its place in the list, as a
            # person counts, and its dates), not only the day the overlap begins.
            raise InputError(
                f"{field}[{j}]",
                f"{what} se prekrivajo (od {format_date(b.start)} dalje): obdobje št. {j + 1} "
                f"({span_text(b)}) se prekriva z obdobjem št. {i + 1} ({span_text(a)}); "
                "vsak dan sme biti le v enem obdobju.",
            )


def joined(periods: Sequence[Period]) -> list[Period]:
    """The periods in order with adjoining and overlapping ones joined: a contract to
    31. 10. and its annex from 1. 11. are one stretch of placed days."""
    out: list[Period] = []
    for period in sorted(periods, key=lambda p: p.start):
        last = out[-1] if out else None
        if last is not None and (last.end is None or period.start <= last.end + timedelta(days=1)):
            end = None if last.end is None or period.end is None else max(last.end, period.end)
            out[-1] = Period(last.start, end)
        else:
            out.append(period)
    return out


def span_text(period: Period) -> str:
    """`1. 3. 2026 – 31. 8. 2026`, or `od 1. 3. 2026 dalje` for an open period."""
    if period.end is None:
        return f"od {format_date(period.start)} dalje"
    return f"{format_date(period.start)} – {format_date(period.end)}"


def check_within(period: Period, placement: Sequence[Period], field: str) -> None:
    """A newly recorded increase or uplift must lie inside the placement (SPEC 6)."""
    if not period.within(placement):
        raise InputError(
            field,
            "obdobje mora ležati znotraj obdobja namestitve (pogodbe in aneksov); "
            "skrajšajte ga ali najprej vnesite aneks.",
        )
