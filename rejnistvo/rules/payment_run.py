"""The monthly payment run and its arrears (SPEC 3.6), pure: no database, no clock.

A run line is one placement's month (SPEC 3.2, computed by ``rules.months`` — there is
no second formula here), a one-off payment, or the difference between what a closed
month gives today and what the ledger says was paid for it (*poračun*). What a line was
computed from is its **basis**: the placement's periods, board increases and fee
uplifts that touch the month (each with its document), the rate rows used and the
part-time share. The basis is stored with every closed line, so a later difference can
be explained in words by comparing the basis of then with the basis of now, and every
line can be recomputed with ``calc`` from ``calc_inputs(basis, month)``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from json.encoder import encode_basestring
from typing import Any

from rejnistvo.rules.money import ZERO, format_amount
from rejnistvo.rules.months import Adjustment, MonthPayment, PartTimePlacement, fee_share_text
from rejnistvo.rules.periods import (
    Period,
    add_months,
    format_date,
    iso_month,
    last_of_month,
    month_name,
)
from rejnistvo.rules.rates import Rate

# Line kinds (SPEC 6 `run`): the month's payment, a positive difference for a closed
# month, a negative one (listed apart, never deducted), a one-off payment of the month,
# and the part of a positive difference that gives back an open overpayment of the same
# placement and month (``undo_of``): it closes or reduces that overpayment instead of
# being paid (schema step m014 links it to the overpayment line).
MONTH = "month"
ARREARS = "arrears"
OVERPAYMENT = "overpayment"
ONE_OFF = "one_off"
UNDONE = "overpayment_undone"
KINDS = (MONTH, ARREARS, OVERPAYMENT, ONE_OFF, UNDONE)
# What the run pays: everything except overpayments, which are recovered separately, and
# overpayments undone, which are money the carer never gave back.
PAID_KINDS = frozenset({MONTH, ARREARS, ONE_OFF})

KIND_LABELS = {
    MONTH: "mesec",
    ARREARS: "poračun",
    OVERPAYMENT: "preplačilo",
    ONE_OFF: "enkratno izplačilo",
    UNDONE: "razveljavljeno preplačilo",
}


#: The components of a difference (``components``): the board with its increase, the
#: fee with its uplift. A line of a closed month's difference names only the changes
#: that moved its own components (SPEC 3.6: »the difference per component is a line of
#: its own … with the reason in words«; QA59).
BOARD = 1
FEE = 2
BOTH = BOARD | FEE
_COMPONENTS = (("board", "oskrbnina", BOARD), ("fee", "plačilo dela", FEE))


#: why a full month of a weekend-only placement pays less than the rates (its line's
#: reason): a checker sees 491,42 with factor 1 and must not take it for an error
PART_TIME_REASON = (
    "le ob koncih tedna in počitnicah: oskrbnina 75 %, plačilo dela {share} po pogodbi"
)


@lru_cache(maxsize=64)
def part_time_reason(fee_share: Decimal) -> str:
    """The reason of a month's line of a weekend-only placement (SPEC 3.2)."""
    # "75 %" never split over two lines of a narrow reason column (no-break spaces)
    return PART_TIME_REASON.format(share=fee_share_text(fee_share)).replace(" %", "\u00a0%")


def month_reason(inputs: PlacementInputs) -> str:
    """The reason of a placement's month line: "" but for a weekend-only placement."""
    part = inputs.part_time
    return "" if part is None else part_time_reason(part.fee_share)


@dataclass(frozen=True, slots=True)
class Document:
    """A dated item of a placement with the document it comes from (contract, annex,
    R-4 resolution, board-increase decision). `percent` is 0 for placement periods."""

    period: Period
    reference: str
    percent: int = 0


@dataclass(frozen=True, slots=True)
class PlacementInputs:
    """Everything a placement's month is computed from, with documents for the reasons."""

    periods: tuple[Document, ...]
    board_increases: tuple[Document, ...] = ()
    fee_uplifts: tuple[Document, ...] = ()
    part_time: PartTimePlacement | None = None

    @property
    def placement(self) -> list[Period]:
        return [d.period for d in self.periods]

    @property
    def increases(self) -> list[Adjustment]:
        return [Adjustment(d.percent, d.period) for d in self.board_increases]

    @property
    def uplifts(self) -> list[Adjustment]:
        return [Adjustment(d.percent, d.period) for d in self.fee_uplifts]


@dataclass(frozen=True, slots=True)
class Amounts:
    """The five figures of a line, each rounded to cents."""

    board: Decimal = ZERO
    board_increase: Decimal = ZERO
    fee: Decimal = ZERO
    fee_uplift: Decimal = ZERO
    total: Decimal = ZERO

    def __sub__(self, other: Amounts) -> Amounts:
        return Amounts(
            self.board - other.board,
            self.board_increase - other.board_increase,
            self.fee - other.fee,
            self.fee_uplift - other.fee_uplift,
            self.total - other.total,
        )

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(
            self.board + other.board,
            self.board_increase + other.board_increase,
            self.fee + other.fee,
            self.fee_uplift + other.fee_uplift,
            self.total + other.total,
        )

    def is_zero(self) -> bool:
        return not any((self.board, self.board_increase, self.fee, self.fee_uplift, self.total))


NO_AMOUNTS = Amounts()


def amounts_of(payment: MonthPayment) -> Amounts:
    return Amounts(
        payment.board, payment.board_increase, payment.fee, payment.fee_uplift, payment.total
    )


def components(diff: Amounts) -> int:
    """Which components a difference moves (``BOARD``, ``FEE`` or both): the reason of
    its line names only what changed those. A difference of nothing names all."""
    found = (BOARD if diff.board or diff.board_increase else 0) | (
        FEE if diff.fee or diff.fee_uplift else 0
    )
    return found or BOTH


def unit_label(centre: str, unit: str | None) -> str:
    """A unit's name in the totals, with its centre's: a line of no unit (Enota left
    »—«) is »… – (brez enote)«, as the PDF says, not »Center … – « with nothing after."""
    return f"{centre} – {unit or '(brez enote)'}"


def factor_text(factor: Fraction, days: int) -> str:
    """ "1" or "22/30" — the coverage factor as a reader checks it (SPEC 3.2)."""
    if days == 0:
        return "0"
    return "1" if factor == 1 else f"{days}/30"


# --------------------------------------------------------------------------- basis


def _touches(period: Period, first: date, last: date) -> bool:
    return period.start <= last and (period.end is None or period.end >= first)


# Bases are made for every line of a run (20,000 and more): the JSON of a document or
# of a set of rate rows is made once and shared. Nobody mutates a basis once made.
@lru_cache(maxsize=65536)
def _doc_json(doc: Document, with_percent: bool) -> dict[str, Any]:
    item: dict[str, Any] = {}
    if with_percent:
        item["percent"] = doc.percent
    item["from"] = doc.period.start.isoformat()
    item["to"] = None if doc.period.end is None else doc.period.end.isoformat()
    item["document"] = doc.reference
    return item


@lru_cache(maxsize=1024)
def _rates_json(rates: tuple[Rate, ...]) -> list[dict[str, Any]]:
    # No source text: the row is named by its date; the basis stays small.
    return [
        {"valid_from": r.valid_from.isoformat(), "board": str(r.board), "fee": str(r.fee)}
        for r in rates
    ]


@lru_cache(maxsize=4096)
def _last_day(month: date) -> date:
    return last_of_month(month)


def basis(month: date, inputs: PlacementInputs, payment: MonthPayment) -> dict[str, Any]:
    """What `payment` (the month `month` of a placement) was computed from, as JSON-ready
    data: only the periods and decisions that touch the month, and the rate rows used."""
    first, last = month, _last_day(month)
    data: dict[str, Any] = {
        "placement": [
            _doc_json(d, False) for d in inputs.periods if _touches(d.period, first, last)
        ],
        "board_increases": [
            _doc_json(d, True) for d in inputs.board_increases if _touches(d.period, first, last)
        ]
        if inputs.board_increases
        else [],
        "fee_uplifts": [
            _doc_json(d, True) for d in inputs.fee_uplifts if _touches(d.period, first, last)
        ]
        if inputs.fee_uplifts
        else [],
        "rates": _rates_json(payment.rates),
    }
    if inputs.part_time is not None:
        data["part_time_fee_share"] = str(inputs.part_time.fee_share)
    return data


def basis_without_days(inputs: PlacementInputs, rates: list[dict[str, Any]]) -> dict[str, Any]:
    """What a month no period of today reaches into is recomputed from (`calc` gives 0
    days, 0,00): the placement's periods of today, no decision, and ``rates``, the rate
    rows as the month's paid basis lists them (`calc` asks for at least one; with no day
    placed none is used)."""
    data: dict[str, Any] = {
        "placement": [_doc_json(d, False) for d in inputs.periods],
        "board_increases": [],
        "fee_uplifts": [],
        "rates": rates,
    }
    if inputs.part_time is not None:
        data["part_time_fee_share"] = str(inputs.part_time.fee_share)
    return data


#: A basis as the ledger keeps it: compact JSON, names as written (``basis_json``).
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def basis_json(data: Mapping[str, Any]) -> str:
    """A basis as the ledger keeps it (one encoder, not one made for each basis)."""
    return _JSON.encode(data)


@lru_cache(maxsize=65536)
def _doc_text(doc: Document, with_percent: bool) -> str:
    """``_JSON.encode(_doc_json(doc, with_percent))``, written out: the keys in their
    order, the compact separators, the reference as the encoder writes a string (its
    own function). Most documents are one placement's own (its contract): made once,
    without the dict and the encoder's pass (a usual close makes 18,000)."""
    start = doc.period.start.isoformat()
    end = doc.period.end
    to = "null" if end is None else f'"{end.isoformat()}"'
    percent = doc.percent
    head = (
        "{" if not with_percent
        else f'{{"percent":{percent},' if type(percent) is int
        else f'{{"percent":{_JSON.encode(percent)},'
    )  # fmt: skip
    return f'{head}"from":"{start}","to":{to},"document":{encode_basestring(doc.reference)}}}'


@lru_cache(maxsize=1024)
def _rates_text(rates: tuple[Rate, ...]) -> str:
    return _JSON.encode(_rates_json(rates))


def basis_text(month: date, inputs: PlacementInputs, payment: MonthPayment) -> str:
    """``basis_json(basis(month, inputs, payment))``, made from the JSON of its parts,
    each made once (a close after a backdated rate writes 27,000 bases from a few
    thousand documents and one or two sets of rate rows): compact JSON is the JSON of
    its items joined by "," and ":", so the text is the same (tests compare them)."""
    first, last = month, _last_day(month)
    placement = ",".join(
        [_doc_text(d, False) for d in inputs.periods if _touches(d.period, first, last)]
    )
    increases = ",".join(
        [_doc_text(d, True) for d in inputs.board_increases if _touches(d.period, first, last)]
    )
    uplifts = ",".join(
        [_doc_text(d, True) for d in inputs.fee_uplifts if _touches(d.period, first, last)]
    )
    text = (
        f'{{"placement":[{placement}],"board_increases":[{increases}],'
        f'"fee_uplifts":[{uplifts}],"rates":{_rates_text(payment.rates)}'
    )
    if inputs.part_time is not None:
        text += f',"part_time_fee_share":{_JSON.encode(str(inputs.part_time.fee_share))}'
    return text + "}"


class BasisMaker:
    """`basis()` for the months of one placement, made once per distinct basis: the
    months of a placement mostly share the same documents and rate rows, so a run of
    twelve closed months makes one or two dicts per placement, not twelve (the dicts
    are shared; nobody mutates a basis once made)."""

    __slots__ = ("inputs", "spans", "made", "texts")

    def __init__(
        self, inputs: PlacementInputs, first: date | None = None, last: date | None = None
    ) -> None:
        """`first` and `last`, when given, bound every month `make` is asked for: a
        period or decision covering all of them touches each, so it is left out of the
        key (usually every one is: the key is the rate rows alone)."""
        self.inputs = inputs
        self.spans = [
            (start, end)
            for start, end in (
                (d.period.start, d.period.end or date.max)
                for d in (*inputs.periods, *inputs.board_increases, *inputs.fee_uplifts)
            )
            if first is None or last is None or not (start <= first and end >= last)
        ]
        self.made: dict[tuple[Any, ...], dict[str, Any]] = {}
        #: the same keys -> the basis as the ledger keeps it (``text``)
        self.texts: dict[tuple[Any, ...], str] = {}

    def key(self, month: date, rates: tuple[int, ...]) -> tuple[Any, ...]:
        """What tells the bases of the placement's months apart: the rate rows (their
        ids), and which of the periods and decisions that do not cover every month
        touch `month`."""
        if self.spans:
            last = _last_day(month)
            return (tuple([start <= last and end >= month for start, end in self.spans]), rates)
        return rates

    def text(self, month: date, payment: MonthPayment, rates: tuple[int, ...]) -> str:
        """``basis_json(self.make(month, payment, rates))``, without the basis (a close
        writes the text; ``basis_text``)."""
        key = self.key(month, rates)
        text = self.texts.get(key)
        if text is None:
            text = self.texts[key] = basis_text(month, self.inputs, payment)
        return text

    def make(
        self, month: date, payment: MonthPayment, rates: tuple[int, ...] | None = None
    ) -> dict[str, Any]:
        """`rates`: the ids of ``payment.rates``, when the caller has them already."""
        if rates is None:
            rates = tuple([id(r) for r in payment.rates])
        key = self.key(month, rates)
        data = self.made.get(key)
        if data is None:
            data = self.made[key] = basis(month, self.inputs, payment)
        return data


#: no ``part_time_fee_share`` in a basis (None would be a value)
_NO_SHARE = object()


def calc_inputs(line_basis: Mapping[str, Any] | None, month: date) -> dict[str, Any] | None:
    """The line's basis in the shape of `calc`'s request (SPEC 6), so that anyone can
    recompute the line. A part-time placement also carries `part_time_fee_share` (the
    contract's share of the fee, SPEC 3.2), which `calc` takes as well."""
    if line_basis is None:
        return None
    return calc_request(line_basis)(month)


def calc_request(line_basis: Mapping[str, Any]) -> Callable[[date], dict[str, Any]]:
    """``calc_inputs`` of `line_basis` for a month: what does not depend on the month
    made once (the lines of a basis share it; after a backdated rate 270,000 lines have
    ~27,000 bases). The requests share those lists: read them, never change them."""
    if "one_off" in line_basis:
        one_off = {"one_off": dict(line_basis["one_off"])}
        return lambda _month: one_off
    placement = [{"from": p["from"], "to": p["to"]} for p in line_basis.get("placement", [])]
    increases = [
        {"percent": a["percent"], "from": a["from"], "to": a["to"]}
        for a in line_basis.get("board_increases", [])
    ]
    uplifts = [
        {"percent": a["percent"], "from": a["from"], "to": a["to"]}
        for a in line_basis.get("fee_uplifts", [])
    ]
    rates = [
        {"valid_from": r["valid_from"], "board": r["board"], "fee": r["fee"]}
        for r in line_basis.get("rates", [])
    ]
    part_time = line_basis.get("part_time_fee_share", _NO_SHARE)

    def request(month: date) -> dict[str, Any]:
        made: dict[str, Any] = {
            "placement": placement,
            "months": [iso_month(month)],
            "board_increases": increases,
            "fee_uplifts": uplifts,
            "rates": rates,
        }
        if part_time is not _NO_SHARE:
            made["part_time_fee_share"] = part_time
        return made

    return request


# --------------------------------------------------------------------------- reasons


def _day(text: str | None) -> str:
    return "" if text is None else format_date(date.fromisoformat(text))


def _span(item: Mapping[str, Any]) -> str:
    if item.get("to") is None:
        return f"od {_day(item['from'])}"
    return f"od {_day(item['from'])} do {_day(item['to'])}"


def _key(item: Mapping[str, Any]) -> tuple[Any, ...]:
    return (item.get("document"), item.get("from"), item.get("to"), item.get("percent"))


def _rate_reasons(
    old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]], parts: int = BOTH
) -> list[str]:
    """The rate rows' changes in words, of the components `parts` only (a line of the
    fee names no board, QA59): an added row names the amounts it changed against the row
    in force before it, a corrected row the amounts corrected."""
    before = {r["valid_from"]: r for r in old}
    after = {r["valid_from"]: r for r in new}
    reasons = []
    added = [day for day in after if day not in before]
    gone = [day for day in before if day not in after]
    # A row in force today that is older than a row in force then was in the table all
    # along: the newer row left the month (removed, or moved to a later day), so the
    # older one applies again; it was not added.
    again = [day for day in added if gone and day < min(gone)]
    for day in added:
        if day in again:
            continue
        r = after[day]
        earlier = [d for d in before if d < day]
        prior = before[max(earlier)] if earlier else None
        changed = {key for key in ("board", "fee") if prior is None or prior[key] != r[key]}
        amounts = _row_amounts(r, parts, changed, prior)
        if amounts:
            reasons.append(f"dodan znesek od {_day(day)} ({amounts} EUR)")
    for day in after:
        if day not in before:
            continue
        b, a = before[day], after[day]
        changes = [
            f"{label} {format_amount(Decimal(b[key]))} → {format_amount(Decimal(a[key]))}"
            for key, label, part in _COMPONENTS
            if part & parts and b[key] != a[key]
        ]
        if changes:
            reasons.append(f"popravljen znesek od {_day(day)} ({', '.join(changes)} EUR)")
    if not added:
        for day in gone:
            reasons.append(f"znesek od {_day(day)} je bil odstranjen iz tabele zneskov")
    elif again:
        now = ", ".join(
            f"znesek od {_day(day)} ({_row_amounts(after[day], parts)} EUR)" for day in again
        )
        left = ", ".join(f"od {_day(day)}" for day in gone)
        reasons.append(
            f"znesek {left} za ta mesec ne velja več (odstranjen ali premaknjen na poznejši "
            f"dan); velja {now}"
        )
    return reasons


def _row_amounts(
    row: Mapping[str, Any],
    parts: int,
    shown: Collection[str] = ("board", "fee"),
    prior: Mapping[str, Any] | None = None,
) -> str:
    """»oskrbnina 600,00, plačilo dela 500,00« of a rate row: the components of
    `parts` whose key is among `shown`; with the row in force before it, each says what
    it replaced (»oskrbnina 600,00 namesto 655,23«), so a line tells at a glance why it
    is an arrears or an overpayment."""
    return ", ".join(
        f"{label} {format_amount(Decimal(row[key]))}"
        + (f" namesto {format_amount(Decimal(prior[key]))}" if prior is not None else "")
        for key, label, part in _COMPONENTS
        if part & parts and key in shown
    )


def _rate_key(data: Mapping[str, Any]) -> tuple[tuple[str, str, str], ...]:
    return tuple((r["valid_from"], r["board"], r["fee"]) for r in data.get("rates", []))


#: the reason of a difference no changed document or rate row explains
RECOMPUTED = "ponoven izračun po današnjih podatkih"


@lru_cache(maxsize=256)
def _cached_rate_reasons(
    old: tuple[tuple[str, str, str], ...], new: tuple[tuple[str, str, str], ...], parts: int = BOTH
) -> tuple[str, ...]:
    # The same few rate rows explain thousands of lines: worded once.
    as_rows = [[{"valid_from": v, "board": b, "fee": f} for v, b, f in rows] for rows in (old, new)]
    return tuple(_rate_reasons(as_rows[0], as_rows[1], parts))


def _in_month(
    old: Sequence[Mapping[str, Any]],
    new: Sequence[Mapping[str, Any]],
    first: str,
    last: str,
    with_percent: bool,
) -> tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]:
    """`old` and `new` without the items that read the same within the month (ISO days
    `first` … `last`) as an item of the other side: a basis holds each period or
    decision that touches the month whole, so a change outside the month (a placement
    ended in a later month, a decision extended) changes no amount of this month and is
    no reason of its difference."""

    def cut(item: Mapping[str, Any]) -> tuple[Any, ...]:
        start, end = item.get("from") or first, item.get("to") or last
        return (
            item.get("document"), max(start, first), min(end, last),
            item.get("percent") if with_percent else None,
        )  # fmt: skip

    old_cuts = {cut(item) for item in old}
    new_cuts = {cut(item) for item in new}
    return (
        [item for item in old if cut(item) not in new_cuts],
        [item for item in new if cut(item) not in old_cuts],
    )


def _decision_reasons(
    old: Sequence[Mapping[str, Any]],
    new: Sequence[Mapping[str, Any]],
    what: str,
    component: str,
    changed: str,
) -> list[str]:
    """``changed``: »spremenjen« or »spremenjena«, as `what` (sklep, odločba) is."""
    before = {_key(d): d for d in old}
    after = {_key(d): d for d in new}
    old_refs = {d.get("document"): d for d in old}
    new_refs = {d.get("document"): d for d in new}
    reasons = []
    for key, d in after.items():
        if key in before:
            continue
        ref = d.get("document") or ""
        if ref in old_refs:
            reasons.append(f"{what} {ref} {changed}: {d['percent']} % {_span(d)}")
        else:
            reasons.append(
                f"{what} {ref} {_span(d)} (+{d['percent']} % {component})".replace("  ", " ")
            )
    for key, d in before.items():
        if key not in after and d.get("document") not in new_refs:
            reasons.append(f"{what} {d.get('document') or ''} ({_span(d)}) ne velja več")
    return reasons


def _period_reasons(
    old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]], first: str, last: str
) -> list[str]:
    before = {(p.get("document"), p["from"]): p for p in old}
    after = {(p.get("document"), p["from"]): p for p in new}
    # A document whose start was corrected is the same period changed, not one removed
    # and another added (the reason read »pogodba … odstranjeno« beside the new one).
    moved = {
        key: other
        for key in after.keys() - before.keys()
        for other in before.keys() - after.keys()
        if key[0] is not None and other[0] == key[0]
        and sum(k[0] == key[0] for k in after) == sum(k[0] == key[0] for k in before) == 1
    }  # fmt: skip
    reasons = []
    for key, p in after.items():
        q = before.get(key)
        if q is None and key in moved:
            q = before[moved[key]]
            low, high = sorted((q["from"], p["from"]))
            if low <= last and high > first:  # the days gained or lost reach the month
                reasons.append(
                    f"{p['document']}: začetek namestitve {_day(p['from'])} "
                    f"(prej {_day(q['from'])})"
                )
        if q is None:
            reasons.append(f"{p.get('document') or 'obdobje namestitve'} {_span(p)}")
        elif q.get("to") != p.get("to"):
            ends = sorted((q.get("to") or "9999-12-31", p.get("to") or "9999-12-31"))
            if key in moved and not (ends[0] < last and ends[1] >= first):
                continue  # only the start's change reaches this month
            if p.get("to") is not None and (q.get("to") is None or p["to"] < q["to"]):
                reasons.append(f"namestitev se je končala {_day(p['to'])}")
            elif p.get("to") is None:
                reasons.append(f"{p.get('document') or 'namestitev'} velja za nedoločen čas")
            else:
                reasons.append(f"namestitev podaljšana do {_day(p['to'])}")
    for key, q in before.items():
        # a basis of a month with no day placed keeps every period (basis_without_days):
        # one that does not reach the month was not removed from it
        reaches = q["from"] <= last and (q.get("to") or last) >= first
        if key not in after and key not in moved.values() and reaches:
            if q.get("document"):
                reasons.append(f"{q['document']}: obdobje {_span(q)} odstranjeno")
            else:
                reasons.append(f"obdobje namestitve ({_span(q)}) odstranjeno")
    return reasons


def reasons_by_month(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """Whether ``reasons(old, new, month)`` may differ from month to month: only where
    the periods or decisions differ (a change is named in the months it reaches)."""
    return any(old.get(key, []) != new.get(key, []) for key in _DOCUMENT_KEYS)


_DOCUMENT_KEYS = ("placement", "board_increases", "fee_uplifts")


def reasons(
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
    month: date,
    parts: int = BOTH,
) -> str:
    """Why a closed month gives a different amount today, in words (SPEC 3.6): the rate
    rows, decisions and periods whose change reaches into the month. A month paid
    nothing so far names the periods (contract, annex) that place the child in it.

    `parts` (``components`` of the line's amounts): the line is the difference of those
    components only, so only what changed them is named — an R-4 decision the fee, a
    board increase the board, a rate row the amounts of it that changed; the periods
    of the placement and its part-time terms change both (QA59)."""
    if old is None:
        text = f"za {month_name(month)} ob zaključku meseca ni bilo izplačila za to namestitev"
        documents = [
            f"{p.get('document') or 'obdobje namestitve'} {_span(p)}"
            for p in (new or {}).get("placement", [])
        ]
        return "; ".join([text, *documents])
    new = new or {}
    words = list(_cached_rate_reasons(_rate_key(old), _rate_key(new), parts))
    first, last = month.isoformat(), _last_day(month).isoformat()
    # Equal lists (the usual case after a rate change) need no comparing item by item.
    if parts & FEE and old.get("fee_uplifts", []) != new.get("fee_uplifts", []):
        words += _decision_reasons(
            *_in_month(old.get("fee_uplifts", []), new.get("fee_uplifts", []), first, last, True),
            "sklep R-4",
            "plačila dela",
            "spremenjen",
        )
    if parts & BOARD and old.get("board_increases", []) != new.get("board_increases", []):
        words += _decision_reasons(
            *_in_month(
                old.get("board_increases", []), new.get("board_increases", []), first, last, True
            ),
            "odločba o zvišanju oskrbnine",
            "oskrbnine",
            "spremenjena",
        )
    if old.get("placement", []) != new.get("placement", []):
        words += _period_reasons(
            *_in_month(old.get("placement", []), new.get("placement", []), first, last, False),
            first,
            last,
        )
    if old.get("part_time_fee_share") != new.get("part_time_fee_share"):
        words.append(
            _part_time_reason(old.get("part_time_fee_share"), new.get("part_time_fee_share"))
        )
    if not words:
        words.append(RECOMPUTED)
    return "; ".join(words)


def _part_time_reason(old: Any, new: Any) -> str:
    """What changed in a placement on weekends and holidays only, in words (QA51): a
    placement made weekend-only (or full-time again) changes the board too, 75 %, but
    its lines said only »(delež plačila dela)«, and a changed share did not say which."""
    if old is None:
        share = fee_share_text(Decimal(str(new)))
        text = (
            "namestitev je po novem le ob koncih tedna in počitnicah "
            f"(oskrbnina 75 %, plačilo dela {share} po pogodbi)"
        )
    elif new is None:
        text = (
            "namestitev ni več le ob koncih tedna in počitnicah (polna oskrbnina in plačilo dela)"
        )
    else:
        text = (
            "spremenjen delež plačila dela po pogodbi (namestitev le ob koncih tedna in "
            f"počitnicah): {fee_share_text(Decimal(str(old)))} → {fee_share_text(Decimal(str(new)))}"
        )
    return text.replace(" %", "\u00a0%")  # »75 %« never split over two lines


_RATES_KEY = '"rates":['


def reasons_of_texts(old: str, new: str, month: date, parts: int = BOTH) -> str | None:
    """``reasons(json.loads(old), json.loads(new), month)`` for two bases as the ledger
    keeps them (compact JSON) that differ at most in their rate rows — the usual pair
    after a rate change, 250,000 of them after a backdated one —, without parsing them;
    None for any other pair (the caller parses them and asks ``reasons``).

    Exact: where the two texts are equal outside their ``"rates"`` lists, every other
    part (periods, decisions, part-time share) reads the same, so ``reasons`` words the
    rate rows alone. The key is found as text: a quote inside a JSON string is escaped,
    so ``"rates":[`` is only ever the key of a basis (no part of a basis has a key of
    that name), and it must occur once; a rate list that does not parse as rate rows
    (``_rate_rows``) gives None too."""
    at_old, at_new = old.find(_RATES_KEY), new.find(_RATES_KEY)
    if at_old < 0 or at_new < 0 or old[:at_old] != new[:at_new]:
        return None
    # a rate row holds no list, so its list ends at the first "]"
    end_old, end_new = old.find("]", at_old), new.find("]", at_new)
    if end_old < 0 or end_new < 0 or old[end_old:] != new[end_new:]:
        return None
    if _RATES_KEY in old[end_old:]:
        return None
    old_rates = _rate_rows(old[at_old + len(_RATES_KEY) - 1 : end_old + 1])
    new_rates = _rate_rows(new[at_new + len(_RATES_KEY) - 1 : end_new + 1])
    if old_rates is None or new_rates is None:
        return None
    words = _cached_rate_reasons(old_rates, new_rates, parts)
    return "; ".join(words) if words else RECOMPUTED


@lru_cache(maxsize=1024)
def _rate_rows(text: str) -> tuple[tuple[str, str, str], ...] | None:
    """A basis's rate list as ``_rate_key`` gives it, from its JSON text (the same few
    lists in thousands of bases); None when it is not a list of rate rows."""
    try:
        rows = json.loads(text)
    except ValueError:
        return None
    if not isinstance(rows, list) or not all(
        isinstance(r, dict)
        and set(r) == {"valid_from", "board", "fee"}
        and all(isinstance(v, str) for v in r.values())
        for r in rows
    ):
        return None
    return _rate_key({"rates": rows})


# --------------------------------------------------------------------------- months


def closed_month_check(
    month: date, first_closed: date | None, last_closed: date | None
) -> str | None:
    """Why a run of `month` is refused (SPEC 6 `run`), or None when it may be run: a
    month before the first closed one, or two months (or more) after the last closed one."""
    if first_closed is None or last_closed is None:
        return None
    next_month = add_months(last_closed, 1)
    if month < first_closed:
        return (
            f"mesec {month_name(month)} je pred prvim zaključenim mesecem "
            f"({month_name(first_closed)}); izplačila za ta mesec niso vodena v programu. "
            f"Zaženite izplačilo za {iso_month(first_closed)} ali poznejši mesec do "
            f"{iso_month(next_month)}."
        )
    if month > next_month:
        return (
            f"meseci se zaključujejo po vrsti: zadnji zaključeni mesec je "
            f"{month_name(last_closed)}, zato zaženite izplačilo za {iso_month(next_month)} "
            f"({month_name(next_month)})."
        )
    return None


def difference_kind(diff: Amounts) -> str:
    """Arrears when the closed month gives more today, an overpayment when less."""
    return OVERPAYMENT if diff.total < 0 else ARREARS


def split_by_sign(diff: Amounts) -> tuple[Amounts, ...]:
    """A closed month's difference as the lines that show it (SPEC 3.6): one, unless its
    board (with the increase) and its fee (with the uplift) moved in opposite directions
    — then the board's and the fee's differences are a line each, so the rise is paid with
    the month and the fall is an overpayment the user settles. Netted in one line (QA51:
    an increase shortened, −280,57 board, and a new rate row, +2,58 fee, gave one
    overpayment of −277,99), the arrears were offset against the overpayment without the
    settlement the user records."""
    if (diff.board > 0 > diff.fee) or (diff.board < 0 < diff.fee):
        return (
            Amounts(diff.board, diff.board_increase, ZERO, ZERO, diff.board),
            Amounts(ZERO, ZERO, diff.fee, diff.fee_uplift, diff.fee),
        )
    return (diff,)


def _toward_zero(diff: Decimal, open_part: Decimal) -> Decimal:
    """The part of `diff` that moves `open_part` toward zero, at most all of it."""
    if open_part < 0 < diff:
        return min(diff, -open_part)
    if diff < 0 < open_part:
        return max(diff, -open_part)
    return ZERO


def undo_of(diff: Amounts, open_amounts: Amounts) -> Amounts:
    """How much of `diff` (today's figures of a closed month minus what the ledger holds)
    gives back the open overpayment `open_amounts` (negative total: what is still to be
    recovered) — component by component (board, its increase, fee, its uplift), never
    more of a component than the overpayment holds and never in the other direction.

    The result's total is positive or nothing is undone: a difference that would make
    an overpayment larger is a new overpayment. When the components would give back more
    than the overpayment's total (its components netted a rise against a fall), the
    whole overpayment is undone and the rest stays a difference (``diff`` minus the
    result), so the carer is never owed less than today's figures."""
    board = _toward_zero(diff.board, open_amounts.board)
    fee = _toward_zero(diff.fee, open_amounts.fee)
    undo = Amounts(
        board,
        _toward_zero(diff.board_increase, open_amounts.board_increase),
        fee,
        _toward_zero(diff.fee_uplift, open_amounts.fee_uplift),
        board + fee,
    )
    if undo.total <= 0 or open_amounts.total >= 0:
        return NO_AMOUNTS
    if open_amounts.total + undo.total > 0:
        return NO_AMOUNTS - open_amounts
    return undo


def undo_reason(
    found_in: date, month: date, open_total: Decimal, undone: Decimal, words: str
) -> str:
    """The reason of an undone overpayment's line, in words: which overpayment (its
    month and the run that found it), whether it is undone whole or in part (what is
    left to recover), and why (`words`: the changes, as for arrears)."""
    what = (
        f"preplačilo {format_amount(-open_total)} EUR za {month_name(month)} "
        f"(ugotovljeno v izplačilu za {month_name(found_in)})"
    )
    left = -open_total - undone
    if left <= 0:
        head = f"{what} je s poznejšo spremembo razveljavljeno v celoti in se ne terja"
    else:
        head = (
            f"{what} je s poznejšo spremembo razveljavljeno za {format_amount(undone)} EUR; "
            f"terja se še {format_amount(left)} EUR"
        )
    return f"{head}; {words}" if words else head
