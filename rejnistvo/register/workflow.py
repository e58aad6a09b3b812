"""The coordinator's steps on an R-4 case (SPEC 3.3; čl. 7, 29, 30).

received (received_on, else sent_on) → accepted → commission named → decided (resolution
number) → returned.
Each step is one transaction through the store's `save_record`, so it is audited; each
refuses, with a Slovenian message and no change, a step out of order or a date before
the previous step. A step given the ``version`` of the case its screen showed is refused
with ``StaleRecordError`` (who changed what) when the case has changed since, before any
other check: a coordinator never acts on a case she has not seen.

These are the only functions that write the workflow's fields (received, accepted,
commission, decision, resolution number, members, returned); the proposer's screen
writes the proposal through ``rejnistvo.services.r4_cases`` and cannot touch them.

Waiting time at the coordinator (SPEC 3.5) is counted from the day of receipt:
``received_on`` (set by the import of the package or recorded by the coordinator),
else ``sent_on`` (a package travels by e-mail the same day) — ``received_date`` —
until the decision or today (``waiting_days``). *Koordinator* and *Roki* both use it.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rejnistvo.printing.formats import fmt_date

# The waiting rule lives in register.waiting (Roki's start imports it without this
# module); its names are this module's too.
from rejnistvo.register.waiting import DEFAULT_WAITING_DAYS as DEFAULT_WAITING_DAYS
from rejnistvo.register.waiting import as_date as as_date
from rejnistvo.register.waiting import received_date as received_date
from rejnistvo.register.waiting import waiting_days as waiting_days
from rejnistvo.register.waiting import waiting_threshold as waiting_threshold
from rejnistvo.rules.errors import InputError
from rejnistvo.rules.overlap import check_no_overlap
from rejnistvo.rules.periods import Period
from rejnistvo.rules.text import sort_fold
from rejnistvo.rules.uplift import UpliftSuggestion, Workload, suggest_uplift
from rejnistvo.store import Database, get_record, get_setting, list_records, save_record

DEFAULT_NUMBER_FORMAT = "{subgroup}-{number:03d}/{year}"
OUTCOMES = ("increase", "no_increase")

_as_date = as_date


Case = dict[str, Any]


def load_case(db: Database, case_id: int, version: int | None = None) -> Case:
    """The stored case; with `version`, StaleRecordError if it has changed since."""
    case = get_record(db, "r4_cases", case_id)
    if version is not None and case["version"] != version:
        # The store's version check says who changed the case, when and which fields;
        # an update carrying the old version is refused before anything is written.
        save_record(db, "r4_cases", {"id": case_id, "version": version})
    return case


def _save(db: Database, case: Case) -> None:
    save_record(db, "r4_cases", case)


@contextmanager
def _step(db: Database) -> Iterator[None]:
    """One transaction for the read, the checks and the write of a step."""
    with db.atomic():
        yield


def _require_order(
    case: Case, step_field: str, on: date, before_field: str, not_yet: str, step_name: str
) -> None:
    """Refuse a step before its predecessor, dated before it, or done twice."""
    previous = _as_date(case.get(before_field))
    if previous is None:
        raise InputError(step_field, f"Koraka »{step_name}« ni mogoče zapisati, {not_yet}.")
    if on < previous:
        raise InputError(
            step_field,
            f"Datum ({fmt_date(on)}) je pred datumom prejšnjega koraka ({fmt_date(previous)}); "
            "dovoljen je isti ali poznejši datum.",
        )
    done = _as_date(case.get(step_field))
    if done is not None:
        raise InputError(step_field, f"Korak »{step_name}« je že zapisan ({fmt_date(done)}).")


def check_sendable(case: Case) -> None:
    """A proposal goes to the coordinator whole: its case number (the register, čl. 29,
    lists cases by it; the resolution and the package name it), the uplift and period it
    proposes, and its rationale (the form's PRILOGA: – obrazložitev). A draft may lack
    them; the commission cannot decide without them."""
    missing = (
        (
            "case_no",
            not str(case.get("case_no") or "").strip(),
            "številke zadeve",
            "vpišite številko zadeve (npr. 1220-14/2026)",
        ),
        (
            "proposed_percent",
            case.get("proposed_percent") is None,
            "predlaganega zvišanja",
            "izberite 25 % ali 50 %",
        ),
        (
            "period",
            not (case.get("period_from") and case.get("period_to")),
            "obdobja zvišanja",
            "vpišite obdobje od … do … v času namestitve",
        ),
        (
            "proposal_rationale",
            not str(case.get("rationale") or "").strip(),
            "obrazložitve",
            "obrazložitev je priloga obrazca R-4; vpišite jo v polje Obrazložitev",
        ),
    )
    for field, absent, what, remedy in missing:
        if absent:
            raise InputError(
                field,
                f"Predloga brez {what} ni mogoče poslati koordinatorju: {remedy} "
                "in predlog shranite.",
            )


def check_sendable_now(db: Database, case: Case) -> None:
    """A proposal sent (or sent again) is whole (``check_sendable``) and still proposes a
    period inside the placement: one saved before the placement was ended early went to
    the coordinator for days after the child had left, a period no commission may decide."""
    check_sendable(case)
    start, end = _as_date(case.get("period_from")), _as_date(case.get("period_to"))
    if start is None or end is None:
        return
    try:
        check_inside_placement(db, case["placement_id"], start, end)
    except InputError as error:
        raise InputError(
            "period",
            f"Predloga ni mogoče poslati koordinatorju: {error.message[:1].lower()}"
            f"{error.message[1:-1]}; popravite obdobje in predlog shranite.",
        ) from None


def check_not_future(
    db: Database, case_id: int, version: int | None, on: date, today: date, field: str, label: str
) -> None:
    """Refuse a step dated after `today`: a step is written on the day it happened, and a
    typed 25. 12. for 25. 11. would count the waiting days, the register and the
    resolution's year from a day that has not come. A stale case is said first."""
    if on <= today:
        return
    load_case(db, case_id, version)
    raise InputError(
        field,
        f"{label} ({fmt_date(on)}) je v prihodnosti; korak zapišete z dnem, ko se je zgodil — "
        f"današnjim ({fmt_date(today)}) ali zgodnejšim.",
    )


# --- accept --------------------------------------------------------------------------------


def record_received(db: Database, case_id: int, on: date, *, version: int | None = None) -> None:
    """Set (or correct) the day the coordinator received the proposal. It may not be
    before the day the centre sent it, nor after the acceptance."""
    with _step(db):
        _record_received(db, load_case(db, case_id, version), on)


def _record_received(db: Database, case: Case, on: date) -> None:
    case_id = case["id"]
    sent, accepted = _as_date(case.get("sent_on")), _as_date(case.get("accepted_on"))
    if sent is not None and on < sent:
        raise InputError(
            "received_on",
            f"Datum prejema ({fmt_date(on)}) je pred datumom pošiljanja ({fmt_date(sent)}); "
            "dovoljen je isti ali poznejši datum.",
        )
    if accepted is not None and on > accepted:
        raise InputError(
            "received_on",
            f"Datum prejema ({fmt_date(on)}) je po datumu sprejema ({fmt_date(accepted)}); "
            "dovoljen je isti ali zgodnejši datum.",
        )
    _save(db, {"id": case_id, "received_on": on})


def accept_proposal(db: Database, case_id: int, on: date, *, version: int | None = None) -> None:
    """The coordinator accepts a proposal that arrived (received_on set by the import or
    `record_received`, else sent_on set by the centre)."""
    with _step(db):
        _accept(db, load_case(db, case_id, version), on)


def _accept(db: Database, case: Case, on: date) -> None:
    received = received_date(case)
    if received is None:
        # A case entered at the coordinator by hand counts as received the day it is accepted.
        case["received_on"] = received = on
    _require_order(
        {**case, "received": received},
        "accepted_on",
        on,
        "received",
        "dokler predlog ni poslan koordinatorju",
        "sprejem predloga",
    )
    case["accepted_on"] = on
    _save(db, case)


# --- commission ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    centre_id: int | None
    centre: str
    unit_id: int | None = None
    unit: str = ""


def active_candidates(db: Database, subgroup: int, on: date) -> list[Candidate]:
    """The subgroup's candidate list on a day (added on or before, not yet removed)."""
    rows = db.execute(
        "SELECT ca.id, ca.name, ca.centre_id, COALESCE(ce.name, ''), ca.unit_id, "
        "COALESCE(u.name, '') FROM candidates ca "
        "LEFT JOIN centres ce ON ce.id = ca.centre_id LEFT JOIN units u ON u.id = ca.unit_id "
        "WHERE ca.subgroup_id = ? AND ca.added_on <= ? "
        "AND (ca.removed_on IS NULL OR ca.removed_on > ?)",
        [subgroup, on.isoformat(), on.isoformat()],
    ).fetchall()
    # in the Slovenian alphabet, as every list (SQLite's ORDER BY put »Šuštar« after »Zupan«)
    return sorted((Candidate(*row) for row in rows), key=lambda c: (sort_fold(c.name), c.id))


def proposal_author(db: Database, case_id: int) -> str:
    """Who wrote the proposal: ``r4_cases.prepared_by`` (the user name when the case was
    first saved here, or the author named in an imported package)."""
    row = db.execute("SELECT prepared_by FROM r4_cases WHERE id = ?", [case_id]).fetchone()
    return str(row[0] or "") if row else ""


def _same_person(a: str, b: str) -> bool:
    def normal(text: str) -> str:
        return " ".join(text.casefold().split())

    return bool(a.strip()) and normal(a) == normal(b)


def commission_warnings(db: Database, case_id: int, members: Sequence[Candidate]) -> list[str]:
    """Warnings (not refusals) for a proposed commission: a member from the proposing
    unit (when the unit of the member or of the case is unknown: from the proposing
    centre), or the member who wrote the proposal."""
    case = load_case(db, case_id)
    author = proposal_author(db, case_id)
    case_unit = case.get("unit_id")
    warnings = []
    for member in members:
        if member.unit_id is not None and case_unit is not None:
            if member.unit_id == case_unit:
                warnings.append(
                    f"{member.name} dela v enoti, ki je predlog pripravila ({_unit_label(member)})."
                )
        elif member.centre_id is not None and member.centre_id == case.get("centre_id"):
            warnings.append(
                f"{member.name} dela v centru, ki je predlog pripravil ({member.centre}); "
                "preverite, ali ni iz iste enote."
            )
        if _same_person(member.name, author):
            warnings.append(
                f"{member.name} je predlog napisal(a) in ne bi smel(a) o njem odločati."
            )
    return warnings


def _unit_label(member: Candidate) -> str:
    return ", ".join(part for part in (member.centre, member.unit) if part) or "ista enota"


def name_commission(
    db: Database,
    case_id: int,
    candidate_ids: Sequence[int],
    on: date,
    *,
    version: int | None = None,
) -> list[str]:
    """Name the three members from the subgroup's candidate list; return the warnings.

    The UI shows `commission_warnings` before it calls this; the warnings are returned
    again so the headless caller sees them too.
    """
    with _step(db):
        return _name_commission(db, load_case(db, case_id, version), candidate_ids, on)


def _name_commission(db: Database, case: Case, candidate_ids: Sequence[int], on: date) -> list[str]:
    case_id = case["id"]
    _require_order(
        case,
        "commission_named_on",
        on,
        "accepted_on",
        "dokler predlog ni sprejet",
        "imenovanje komisije",
    )
    if len(candidate_ids) != 3 or len(set(candidate_ids)) != 3:
        raise InputError(
            "members", "Komisijo sestavljajo natanko trije različni člani s seznama kandidatov."
        )
    subgroup = case.get("subgroup_id")
    if subgroup is None:
        raise InputError("subgroup", "Primer nima podskupine; komisije ni mogoče imenovati.")
    available = {c.id: c for c in active_candidates(db, subgroup, on)}
    missing = [cid for cid in candidate_ids if cid not in available]
    if missing:
        raise InputError(
            "members",
            f"Člani morajo biti s seznama kandidatov podskupine {subgroup}, veljavnega na dan "
            f"{on.isoformat()}; tega ni: {', '.join(str(m) for m in missing)}.",
        )
    chosen = [available[cid] for cid in candidate_ids]
    warnings = commission_warnings(db, case_id, chosen)
    case["commission_named_on"] = on
    case["members"] = [
        {"position": position, "name": member.name, "candidate_id": member.id}
        for position, member in enumerate(chosen, start=1)
    ]
    _save(db, case)
    return warnings


# --- waiting time ----------------------------------------------------------------------------


@dataclass(frozen=True)
class WaitingCase:
    case_id: int
    case_no: str
    centre: str
    child: str
    received: date
    days: int
    overdue: bool
    status: str


def waiting_cases(db: Database, subgroup: int, today: date) -> list[WaitingCase]:
    """Undecided proposals of the subgroup, longest waiting first, with the overdue flag."""
    from rejnistvo.register.queries import select_cases, to_row

    threshold = waiting_threshold(db)
    records = select_cases(
        db,
        "c.subgroup_id = ? AND c.decided_on IS NULL "
        "AND COALESCE(c.received_on, c.sent_on) IS NOT NULL",
        (subgroup,),
    )
    result = []
    for record in records:
        row = to_row(record, ())
        received = received_date(record)
        if received is None:  # excluded by the query; keeps the type checker sure
            continue
        days = waiting_days(received, None, today) or 0
        result.append(
            WaitingCase(
                row.case_id,
                row.case_no,
                row.centre,
                row.child,
                received,
                days,
                days > threshold,
                row.status,
            )
        )
    return sorted(result, key=lambda w: (-w.days, w.case_id))


# --- resolution number -------------------------------------------------------------------------


def number_format(db: Database) -> str:
    return get_setting(db, "resolution_number_format") or DEFAULT_NUMBER_FORMAT


def format_resolution_no(fmt: str, subgroup: int, seq: int, year: int) -> str:
    """Fill the format: {subgroup}, {year}, and the running number as {number} or {seq}."""
    try:
        return fmt.format(subgroup=subgroup, year=year, number=seq, seq=seq)
    except (KeyError, IndexError, ValueError) as error:
        raise InputError(
            "resolution_number_format",
            f"Oblika številke sklepa »{fmt}« ni veljavna ({error}); uporabite {{subgroup}}, "
            "{number:03d} in {year}, npr. »{subgroup}-{number:03d}/{year}«.",
        ) from None


def _number_pattern(fmt: str, subgroup: int, year: int) -> re.Pattern[str]:
    """A regex that reads the running number back out of numbers made with `fmt`."""
    parts = []
    for literal, name, _spec, _conv in string.Formatter().parse(fmt):
        parts.append(re.escape(literal))
        if name in ("number", "seq"):
            parts.append(r"(?P<n>\d+)" if "(?P<n>" not in "".join(parts) else r"\d+")
        elif name == "subgroup":
            parts.append(re.escape(str(subgroup)))
        elif name == "year":
            parts.append(re.escape(str(year)))
        elif name is not None:
            parts.append(".*?")
    return re.compile("^" + "".join(parts) + "$")


def check_number_of_year(
    db: Database, subgroup: int, number: str, year: int, was_year: int | None
) -> None:
    """A decision whose date moved into another year keeps a number of its old year
    (»1-008/2026« on 4. 1. 2027): the old year's sequence would hand that number out
    again and the new year's would not count it. Refused when the number reads as one
    of `was_year` (by the number format) and not as one of `year`; a number typed in
    another shape is the clerk's own."""
    if was_year is None or was_year == year:
        return
    fmt = number_format(db)
    if _number_pattern(fmt, subgroup, was_year).match(number) and not _number_pattern(
        fmt, subgroup, year
    ).match(number):
        raise InputError(
            "resolution_no",
            f"Številka sklepa {number} je številka leta {was_year}, sklep z datumom v letu "
            f"{year} pa potrebuje številko tega leta; naslednja prosta je "
            f"{next_resolution_no(db, subgroup, year)}.",
        )


def next_resolution_no(db: Database, subgroup: int, year: int) -> str:
    """The next number in sequence for the subgroup and year (SPEC 6.1: "3-017/2026")."""
    fmt = number_format(db)
    pattern = _number_pattern(fmt, subgroup, year)
    taken = {
        value
        for (value,) in db.execute(
            "SELECT resolution_no FROM r4_cases WHERE subgroup_id = ? AND resolution_year = ? "
            "AND resolution_no IS NOT NULL",
            [subgroup, year],
        )
    }
    highest = 0
    for value in taken:
        match = pattern.match(value)
        if match and match.groupdict().get("n"):
            highest = max(highest, int(match.group("n")))
    seq = highest + 1
    number = format_resolution_no(fmt, subgroup, seq, year)
    # Numbers written in an older format do not parse; never hand out one already taken.
    while number in taken:
        seq += 1
        number = format_resolution_no(fmt, subgroup, seq, year)
    return number


# --- decision ----------------------------------------------------------------------------------


def rule_suggestion(case: dict[str, Any]) -> UpliftSuggestion:
    """The R-4 rule's suggestion for the case's reasons and workload (rules.uplift)."""
    workload = Workload(case["workload"]) if case.get("workload") else None
    return suggest_uplift(len(case.get("reasons") or []), workload)


def check_inside_placement(db: Database, placement_id: int, start: date, end: date) -> None:
    """SPEC 6: a decided period lies inside the placement (contract and annexes). A
    placement the coordinator only knows from a package has no periods: nothing to check."""
    rows = db.execute(
        "SELECT from_date, to_date FROM placement_periods WHERE placement_id = ? ORDER BY from_date",
        [placement_id],
    ).fetchall()
    merged: list[tuple[date, date | None]] = []
    for first, last in rows:
        first_day, last_day = date.fromisoformat(first), _as_date(last)
        if merged:
            head, tail = merged[-1]
            if tail is None:
                continue  # an open period already covers everything after it
            if tail >= first_day - timedelta(days=1):
                merged[-1] = (head, None if last_day is None else max(tail, last_day))
                continue
        merged.append((first_day, last_day))
    if merged and not any(a <= start and (b is None or end <= b) for a, b in merged):
        spans = ", ".join(
            f"{fmt_date(a)} – {fmt_date(b) if b else 'nedoločeno'}" for a, b in merged
        )
        raise InputError(
            "period",
            f"Obdobje zvišanja ({fmt_date(start)} – {fmt_date(end)}) mora biti znotraj namestitve "
            f"({spans}).",
        )


def other_uplifts(db: Database, case: Case) -> list[tuple[tuple[str, str], Period]]:
    """The fee uplifts decided for the case's placement by its other R-4 cases, as
    ``rules.overlap`` takes them (label, resolution number; period)."""
    uplifts = []
    for row in list_records(db, "r4_cases", placement_id=case["placement_id"]):
        start = _as_date(row["decision_from"])
        if row["id"] == case["id"] or row["outcome"] != "increase" or start is None:
            continue
        label = f"zvišanjem plačila dela {row['decision_percent']} %"
        period = Period(start, _as_date(row["decision_to"]))
        uplifts.append(((label, row["resolution_no"] or ""), period))
    return uplifts


def check_decision(
    db: Database,
    case: Case,
    outcome: str,
    percent: int | None,
    period_from: date | None,
    period_to: date | None,
    rationale: str,
    keep_recorded: bool = False,
) -> tuple[int | None, date | None, date | None]:
    """The checks of a decision (SPEC 3.3), also used by an audited correction: outcome,
    percent 25/50, the period in order and inside the placement, and a rationale when
    the decision departs from the rule. Returns the percent and period to store.

    ``keep_recorded`` (a correction): the period as already recorded is not checked
    against the placement again: a child who left early does not make the resolution
    wrong (SPEC 6: only placed days count), and a typo elsewhere must stay correctable."""
    if outcome not in OUTCOMES:
        raise InputError("outcome", "Odločitev je »increase« (ZVIŠA) ali »no_increase« (NE ZVIŠA).")
    if outcome == "increase":
        if percent not in (25, 50):
            raise InputError("percent", "Zvišanje je lahko 25 % ali 50 %.")
        period_from = period_from or _as_date(case.get("period_from"))
        period_to = period_to or _as_date(case.get("period_to"))
        if period_from is None or period_to is None:
            raise InputError("period", "Vpišite obdobje zvišanja (od … do …).")
        if period_to < period_from:
            raise InputError(
                "period", "Konec obdobja je pred začetkom; konec mora biti isti ali poznejši dan."
            )
        recorded = (_as_date(case.get("decision_from")), _as_date(case.get("decision_to")))
        if not (keep_recorded and (period_from, period_to) == recorded):
            check_inside_placement(db, case["placement_id"], period_from, period_to)
            check_no_overlap(other_uplifts(db, case), Period(period_from, period_to), "period")
    else:
        percent, period_from, period_to = None, None, None
    suggestion = rule_suggestion(case)
    decided = percent if outcome == "increase" else None
    if suggestion.eligible and suggestion.percent is None:
        differs = False  # workload unknown: the rule gives no single figure to compare with
    else:
        differs = decided != (suggestion.percent if suggestion.eligible else None)
    if differs and not rationale.strip():
        # The rule's figure in the sentence; its whole explanation (»Število razlogov …
        # pravilnika).«) inside the parentheses ended as ».);« and buried the difference.
        rule = f"zvišanje za {suggestion.percent} %" if suggestion.eligible else "ni upravičeno"
        raise InputError(
            "rationale",
            f"Odločitev ({'ZVIŠA za ' + str(decided) + ' %' if decided else 'NE ZVIŠA'}) se "
            f"razlikuje od predloga pravila ({rule}); vpišite obrazložitev.",
        )
    return percent, period_from, period_to


def record_decision(
    db: Database,
    case_id: int,
    *,
    on: date,
    outcome: str,
    percent: int | None = None,
    period_from: date | None = None,
    period_to: date | None = None,
    rationale: str = "",
    version: int | None = None,
) -> str:
    """Record the commission's decision; the resolution number is assigned here, in the
    same transaction, so two decisions can never get the same number. Returns it."""
    with _step(db):
        case = load_case(db, case_id, version)
        _require_order(
            case,
            "decided_on",
            on,
            "commission_named_on",
            "dokler ni imenovana komisija",
            "odločitev",
        )
        percent, period_from, period_to = check_decision(
            db, case, outcome, percent, period_from, period_to, rationale
        )
        subgroup = case.get("subgroup_id")
        if subgroup is None:
            raise InputError(
                "subgroup", "Primer nima podskupine; brez nje ni mogoče dati številke sklepa."
            )
        number = next_resolution_no(db, subgroup, on.year)
        case.update(
            decided_on=on,
            outcome=outcome,
            decision_percent=percent,
            decision_from=period_from,
            decision_to=period_to,
            decision_rationale=rationale,
            resolution_no=number,
            resolution_year=on.year,
        )
        _save(db, case)
    return number


def mark_returned(db: Database, case_id: int, on: date, *, version: int | None = None) -> None:
    """The documents went back to the carer's centre."""
    with _step(db):
        case = load_case(db, case_id, version)
        _require_order(case, "returned_on", on, "decided_on", "dokler primer ni odločen", "vrnitev")
        case["returned_on"] = on
        _save(db, case)
