"""Pieces the form modules share: accepting parsed or raw data, signature lines, annex label."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from reportlab.platypus.flowables import Flowable

from rejnistvo.printing import FormLine, field, markup, para, tab, text
from rejnistvo.printing.formats import fmt_date
from rejnistvo.rules.periods import Period

T = TypeVar("T")

BLANK_LINES_FOR_TEXT = 3  # an empty "Obrazložitev" leaves room to write by hand


def coerce(data: T | Mapping[str, Any], kind: type[T], parse: Callable[[object], T]) -> T:
    """Render functions take the parsed dataclass or the raw JSON of SPEC 6.1."""
    return data if isinstance(data, kind) else parse(data)


def annex_label(label: str) -> Flowable:
    """The gazette prints the annex number at the top right of each form ("Priloga 1")."""
    return para(label, "annex")


def form_label(label: str) -> Flowable:
    return markup(label.replace("&", "&amp;"), "form_label")


def period_from(period: Period | None) -> str | None:
    return fmt_date(period.start) if period else None


def period_to(period: Period | None) -> str | None:
    return fmt_date(period.end) if period and period.end else None


def blank_lines(count: int = BLANK_LINES_FOR_TEXT) -> list[Flowable]:
    """Empty ruled lines where the form leaves space for text written by hand."""
    return [FormLine([field(None, 170)], space_after=0) for _ in range(count)]


def date_and_signature(date_value: str | None, signature_label: str = "Podpis:") -> FormLine:
    """ "Datum: … Podpis: …" on one line, the signature on the right half."""
    return FormLine(
        [
            text("Datum: "),
            field(date_value, 35),
            tab(85),
            text(f"{signature_label} "),
            field(None, 45),
        ],
        space_before=10,
    )


CENTRE_LABEL = "Center za socialno delo"
UNIT_LABEL = "Enota"
_LABEL_ABBREVIATIONS = {CENTRE_LABEL: ("CSD",), UNIT_LABEL: ("enota",)}


def after_label(name: str | None, label: str) -> str | None:
    """A stored name as it fills the blank after the form's own printed label.

    Names are stored whole ("Center za socialno delo Gorenjska", "Enota Kranj"); the
    forms print the label themselves ("Center za socialno delo: ____, Enota: ____"), so
    the blank gets "Gorenjska" and "Kranj" and the label is never printed twice."""
    if name is None:
        return None
    text = " ".join(name.split())
    for prefix in (label, *_LABEL_ABBREVIATIONS.get(label, ())):
        head, rest_of = text[: len(prefix)], text[len(prefix) : len(prefix) + 1]
        if head.casefold() == prefix.casefold() and rest_of in (" ", ":", ","):
            rest = text[len(prefix) :].lstrip(" :,-–")
            return rest or None
    return text or None
