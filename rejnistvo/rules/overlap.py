"""Decisions of one placement whose periods must not overlap (SPEC 3.4).

Two board increases of one placement never overlap (an extension adjoins the previous
period), and two fee uplifts neither. An overlapping decision is refused where it is
entered, with a message naming the other decision and its period — never later, when a
payment sheet meets two increases on one day.

Pure functions: the caller hands in the decisions already stored (a label and a period
each) and the new period. ``services.board_increases`` refuses an overlapping board
increase with them, and the commission's decision on a fee uplift
(``register.workflow.check_decision``) refuses an uplift overlapping another decided
uplift of the placement.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.periods import Period, format_date

L = TypeVar("L")

# Slovenian "s" instead of "z" before a voiceless consonant ("s tem", "z zvišanjem").
_VOICELESS = frozenset("cčfhkpsštCČFHKPSŠT")


def find_overlap(existing: Sequence[tuple[L, Period]], new: Period) -> tuple[L, Period] | None:
    """The first stored decision (by start date) whose period shares a day with `new`.

    Periods are inclusive at both ends, so an extension that starts the day after the
    previous period ends adjoins it and does not overlap. Open periods (`end = None`)
    run forever.
    """
    for label, period in sorted(existing, key=lambda item: item[1].start):
        if period.overlaps(new):
            return label, period
    return None


def format_period(period: Period) -> str:
    """`od 1. 3. 2026 do 31. 8. 2026`, or `od 1. 3. 2026 dalje` for an open period."""
    if period.end is None:
        return f"od {format_date(period.start)} dalje"
    return f"od {format_date(period.start)} do {format_date(period.end)}"


def with_preposition(label: str) -> str:
    """`z zvišanjem …` / `s povišanjem …`: the instrumental preposition Slovenian needs."""
    return f"{'s' if label[:1] in _VOICELESS else 'z'} {label}"


def overlap_message(label: str, period: Period, reference: str = "") -> str:
    """The refusal naming the other decision and its period.

    `label` is the other decision in the instrumental case, e.g. "zvišanjem oskrbnine
    25 %"; `reference` its decision number (odločba / sklep), if known.
    """
    text = f"Prekriva se {with_preposition(label)} {format_period(period)}"
    if reference.strip():
        text += f" ({reference.strip()})"
    return (
        text + ". Obdobji dveh odločitev iste namestitve se ne smeta prekrivati; "
        "podaljšanje se začne dan po koncu prejšnjega obdobja."
    )


def check_no_overlap(
    existing: Sequence[tuple[tuple[str, str], Period]], new: Period, field: str
) -> None:
    """Raise `InputError(field, …)` when `new` overlaps a stored decision.

    Each stored decision is `((label, reference), period)`; see `overlap_message`.
    """
    hit = find_overlap(existing, new)
    if hit is not None:
        (label, reference), period = hit
        raise InputError(field, overlap_message(label, period, reference))
