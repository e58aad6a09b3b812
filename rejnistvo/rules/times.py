"""A time of day as Slovenian readers write it (Pravopis): "ob 6.20", never "06:20".

One wording for every place that shows a moment to a clerk — the stale-record message,
a package's "Poslano", the change log — so the same moment never reads three ways.
Machine files (CSV/XLSX columns, JSON, package manifests) keep ISO 8601.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from rejnistvo.rules.periods import format_date


def format_time(moment: datetime, *, seconds: bool = False) -> str:
    """`6.20` (hour without a leading zero, a full stop, two-digit minutes); with
    ``seconds`` `6.20.05`, where the order of changes within a minute matters."""
    text = f"{moment.hour}.{moment.minute:02d}"
    return f"{text}.{moment.second:02d}" if seconds else text


def format_moment(moment: datetime, *, seconds: bool = False) -> str:
    """`2. 3. 2026 ob 6.20` — a day and a time of day in one phrase."""
    return f"{format_date(moment.date())} ob {format_time(moment, seconds=seconds)}"


def local_moment(stamp: str, *, seconds: bool = False, zone: tzinfo | None = None) -> str:
    """A stored ISO time stamp in the user's local time (``zone``; by default the
    machine's), worded by `format_moment`. A stamp without a zone is UTC, as the program
    writes them; text that is not a time stamp is returned as it is, so an odd value in
    an old file is still shown rather than lost."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_moment(moment.astimezone(zone), seconds=seconds)
