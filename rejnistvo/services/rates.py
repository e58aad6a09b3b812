"""The rate table in force for a database (SPEC 3.1): one table for the window, the CLI
and print alike — the rows kept in the database, never a silent fallback to the shipped
file. A database without rates says so (MissingRateError with where to add them).

Use cases: list the rates and the birth grants; add a row (with its source); correct or
remove a wrong row (audited, refused when stale); propose an indexation from the
published percentage and add it on confirmation; the stale-rate warnings of a month.
Each write is one transaction with its audit rows (``save_record``/``delete_record``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rejnistvo.rules.effective import amount_in_force
from rejnistvo.rules.errors import InputError, MissingRateError
from rejnistvo.rules.money import format_amount, parse_amount
from rejnistvo.rules.periods import (
    add_months,
    first_of_month,
    format_date,
    month_name,
    parse_date,
)
from rejnistvo.rules.rates import (
    WHERE_TO_ADD,
    YEARS_PAST_NEWEST,
    Rate,
    RateTable,
    furthest_month,
    indexed,
    missing_indexations,
    next_indexation_day,
    parse_percent,
)
from rejnistvo.store import Database
from rejnistvo.store.connection import refuse_if_read_only

if TYPE_CHECKING:
    # imported where used: Roki's missing indexation, at the window's start, reads only
    # the rate table (one-off kinds and the birth grant: a StrEnum, two dataclasses)
    from rejnistvo.rules.one_off import BirthGrant, BirthGrantTable

MAX_SOURCE = 1000

NO_RATES = (
    "V podatkovni zbirki ni nobenega zneska oskrbnine in plačila dela, zato izračun ni "
    f"mogoč. {WHERE_TO_ADD} Ali v ukazni vrstici: rates --db ZBIRKA --add."
)


@dataclass(frozen=True, slots=True)
class RateRow:
    """One row of the rate table as stored: monthly base board and fee from `valid_from`."""

    id: int
    valid_from: date
    board: Decimal
    fee: Decimal
    source: str
    version: int

    def as_rate(self) -> Rate:
        return Rate(self.valid_from, self.board, self.fee, self.source)


@dataclass(frozen=True, slots=True)
class BirthGrantRow:
    """One stored birth-grant amount (the one-off payment at a carer's first placement)."""

    id: int
    valid_from: date
    amount: Decimal
    source: str
    version: int

    def as_grant(self) -> BirthGrant:
        from rejnistvo.rules.one_off import BirthGrant

        return BirthGrant(self.valid_from, self.amount, self.source)


@dataclass(frozen=True, slots=True)
class IndexationProposal:
    """New amounts from the published percentage, beside the ones they replace."""

    valid_from: date
    percent: Decimal
    old_rate: RateRow
    board: Decimal
    fee: Decimal
    old_grant: BirthGrantRow | None
    birth_grant: Decimal | None

    def source(self, published: str) -> str:
        """The rate row's source: what the user cites, and how the amounts were made."""
        return (
            f"{published.strip()}; izračunano iz objavljenih {_percent_text(self.percent)} % "
            f"od zneskov, veljavnih od {format_date(self.old_rate.valid_from)}, zaokroženo "
            "na cent"
        )

    def grant_source(self, published: str) -> str:
        since = format_date(self.old_grant.valid_from) if self.old_grant else ""
        return (
            f"{published.strip()}; izračunano iz objavljenih {_percent_text(self.percent)} % "
            f"od zneska, veljavnega od {since}, zaokroženo na cent"
        )


@dataclass(frozen=True, slots=True)
class IndexationResult:
    rate: RateRow
    birth_grant: BirthGrantRow | None


def _percent_text(percent: Decimal) -> str:
    return format(percent.normalize(), "f").replace(".", ",")


# --- reading -----------------------------------------------------------------------------


def _rate_row(record: dict[str, Any]) -> RateRow:
    return RateRow(
        id=int(record["id"]),
        valid_from=record["valid_from"],
        board=record["board"],
        fee=record["fee"],
        source=str(record.get("source") or ""),
        version=int(record.get("version") or 1),
    )


def _grant_row(record: dict[str, Any]) -> BirthGrantRow:
    return BirthGrantRow(
        id=int(record["id"]),
        valid_from=record["valid_from"],
        amount=record["amount"],
        source=str(record.get("source") or ""),
        version=int(record.get("version") or 1),
    )


def list_rates(db: Database) -> list[RateRow]:
    """Every rate row in the database, oldest first."""
    from rejnistvo.store import list_records

    return [_rate_row(r) for r in list_records(db, "rates")]


def list_birth_grants(db: Database) -> list[BirthGrantRow]:
    """Every birth-grant row in the database, oldest first."""
    from rejnistvo.store import list_records

    return [_grant_row(r) for r in list_records(db, "birth_grants")]


def rate_table(db: Database) -> RateTable:
    """The rate table in force for this database; MissingRateError when it has none."""
    rows = list_rates(db)
    if not rows:
        raise MissingRateError("rates", NO_RATES)
    return RateTable(row.as_rate() for row in rows)


def birth_grant_table(db: Database) -> BirthGrantTable:
    """The birth-grant amounts of this database (may be empty: `grant_on` then names the
    day and where to add one)."""
    from rejnistvo.rules.one_off import BirthGrantTable

    return BirthGrantTable(row.as_grant() for row in list_birth_grants(db))


def next_indexation(db: Database) -> date | None:
    """The 1 March of the next indexation this database waits for (the first after its
    newest row; past already when it is missing): the day the indexation form offers."""
    rows = list_rates(db)
    return next_indexation_day(RateTable(r.as_rate() for r in rows)) if rows else None


def rate_warnings(db: Database, months: Sequence[date]) -> list[str]:
    """Stale-rate warnings (SPEC 3.1) for a calculation over `months`: one line per
    missing indexation up to the latest month; none for a database without rates."""
    rows = list_rates(db)
    if not rows or not months:
        return []
    table = RateTable(r.as_rate() for r in rows)
    return missing_indexations(table, max(months), months=months)


# --- checks ------------------------------------------------------------------------------


def _source(value: object, field: str = "source") -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(
            field,
            "vpišite vir zneska (npr. uradni list ali objava ministrstva); vsak znesek "
            "mora imeti vir.",
        )
    text = value.strip()
    if len(text) > MAX_SOURCE:
        raise InputError(field, f"vir je predolg; največ {MAX_SOURCE} znakov.")
    return text


def _day(value: object, field: str) -> date:
    """A row's start: any day. Amounts usually change on the first of a month (1 March,
    1 November), but a change by law may start on any day, and SPEC 3.2 computes each
    day with the amount in force on it (``mid_month_note`` says what that means)."""
    return value if isinstance(value, date) else parse_date(value, field)


def mid_month_note(valid_from: date) -> str | None:
    """What a row starting after the first of a month means for that month, for the
    question before it is saved: the month is paid day by day, the days before it with
    the amounts in force until then (SPEC 3.2). None for a row from the first."""
    if valid_from.day == 1:
        return None
    return (
        f"Zneski ne veljajo od prvega dne v mesecu: mesec {month_name(valid_from)} se izračuna po "
        f"dnevih — do {format_date(valid_from - timedelta(days=1))} s prejšnjimi zneski, od "
        f"{format_date(valid_from)} z novimi."
    )


def closed_months_note(db: Database, valid_from: date) -> str | None:
    """For amounts that start in a month already closed (the indexation of 1 March
    entered on 5 March, after March was paid): the closed months stay as paid and the
    next run pays the difference (SPEC 3.1, 3.6), for the question before they are saved.
    None when no closed month is touched."""
    from rejnistvo.store import ledger

    first, last = ledger.closed_range(db)
    if first is None or last is None or valid_from >= add_months(last, 1):
        return None
    start = max(first_of_month(valid_from), first)
    if start == last:
        closed = f"Mesec {month_name(last)} je že zaključen in ostane, kot je bil izplačan"
    else:
        closed = (
            f"Meseci {month_name(start)} – {month_name(last)} so že zaključeni in ostanejo, "
            "kot so bili izplačani"
        )
    return (
        f"{closed}; razliko z novimi zneski prinese poračun v izplačilu za "
        f"{month_name(add_months(last, 1))}."
    )


#: the first day amounts may start: the program pays nothing older (as the register's
#: first year, 2000); and the last, as the register's last year
EARLIEST_START = date(2000, 1, 1)
LATEST_START = date(2100, 12, 1)


def _within_reach(
    rows: Sequence[RateRow | BirthGrantRow], day: date, but: int | None = None
) -> None:
    """Refuse a start no clerk means (»1800-01-01«, »9999-12-01«, a year mistyped far
    ahead), naming the range allowed."""
    starts = [r.valid_from for r in rows if r.id != but]
    last, after = LATEST_START, ""
    if starts:
        newest = max(starts)
        # a new row may start as far as `calc` computes past the newest amounts
        reach = furthest_month(newest, LATEST_START.year)
        if reach < last:
            last = reach
            after = (
                f" (največ {YEARS_PAST_NEWEST} let za najnovejšimi zneski, ki veljajo od "
                f"{format_date(newest)})"
            )
    if not EARLIEST_START <= day <= last:
        raise InputError(
            "valid_from",
            f"zneski lahko veljajo od {format_date(EARLIEST_START)} do {format_date(last)}"
            f"{after}; ne od {format_date(day)}.",
        )


def _taken(rows: Sequence[RateRow | BirthGrantRow], day: date, but: int | None = None) -> bool:
    return any(r.valid_from == day and r.id != but for r in rows)


def _already(day: date, what: str) -> InputError:
    return InputError(
        "valid_from",
        f"{what} od {format_date(day)} je že vnesen; popravite obstoječo vrstico ali "
        "izberite drug datum.",
    )


# --- writing -----------------------------------------------------------------------------


def add_rate(
    db: Database, valid_from: object, board: object, fee: object, source: object
) -> RateRow:
    """Add one rate row (typed amounts with their source)."""
    from rejnistvo.store import get_record, save_record

    day = _day(valid_from, "valid_from")
    record = {
        "valid_from": day,
        "board": _amount_in_force(board, "board"),
        "fee": _amount_in_force(fee, "fee"),
        "source": _source(source),
    }
    rows = list_rates(db)
    _within_reach(rows, day)
    if _taken(rows, day):
        raise _already(day, "znesek oskrbnine in plačila dela")
    return _rate_row(get_record(db, "rates", save_record(db, "rates", record)))


def correct_rate(
    db: Database,
    row_id: int,
    version: int,
    valid_from: object,
    board: object,
    fee: object,
    source: object,
) -> RateRow:
    """Correct a wrong row (date, amounts, source); refused if someone changed it since
    `version` was read (StaleRecordError). Audited with before and after."""
    from rejnistvo.store import get_record, save_record

    day = _day(valid_from, "valid_from")
    record = {
        "id": row_id,
        "version": version,
        "valid_from": day,
        "board": _amount_in_force(board, "board"),
        "fee": _amount_in_force(fee, "fee"),
        "source": _source(source),
    }
    check_correctable(db, row_id, day)
    return _rate_row(get_record(db, "rates", save_record(db, "rates", record)))


def check_addable(db: Database) -> None:
    """Refuse a new row before the window asks »Shranim?«: in a read-only view (another
    window has the file for work, QA74) nothing can be added."""
    refuse_if_read_only(db)


def check_correctable(db: Database, row_id: int, valid_from: date) -> None:
    """Refuse a new start ``correct_rate`` would refuse: a day another row has, or one
    that leaves a closed month without an amount (the window asks »Shranim?« only after
    this passed)."""
    refuse_if_read_only(db)
    rows = list_rates(db)
    _within_reach(rows, valid_from, but=row_id)
    if _taken(rows, valid_from, but=row_id):
        raise _already(valid_from, "znesek oskrbnine in plačila dela")
    others = [r.valid_from for r in rows if r.id != row_id]
    _closed_months_keep_a_rate(
        db, [*others, valid_from], "valid_from", f"od {format_date(valid_from)}"
    )


def _closed_months_keep_a_rate(db: Database, starts: Sequence[date], field: str, what: str) -> None:
    """Refuse a change after which the first closed month has no row in force: each later
    run recomputes the closed months for arrears (SPEC 3.6), and every run would stop on
    that month's missing amount, long after the change that caused it. `starts`: the
    rows' ``valid_from`` after the change."""
    from rejnistvo.store import ledger

    first, _last = ledger.closed_range(db)
    if first is None or any(day <= first for day in starts):
        return
    raise InputError(
        field,
        f"{what}: mesec {month_name(first)} je zaključen in bi ostal brez zneska, vsako "
        f"poznejše izplačilo pa ga preračuna za poračun. Zneski morajo veljati najpozneje "
        f"od {format_date(first)}; najprej dodajte vrstico od tega dne ali prej.",
    )


def _amount_in_force(value: object, field: str) -> Decimal:
    return amount_in_force(parse_amount(value, field), field)


def remove_rate(db: Database, row_id: int, version: int) -> None:
    """Remove a wrong row, audited; refused when stale, or when a closed month would be
    left without an amount."""
    from rejnistvo.store import delete_record

    check_removable(db, row_id)
    delete_record(db, "rates", row_id, version)


def check_removable(db: Database, row_id: int) -> None:
    """Refuse what ``remove_rate`` would refuse for a closed month (the window asks
    »Nadaljujem?« only after this passed)."""
    refuse_if_read_only(db)
    rows = list_rates(db)
    removed = next((r for r in rows if r.id == row_id), None)
    if removed is not None:
        _closed_months_keep_a_rate(
            db,
            [r.valid_from for r in rows if r.id != row_id],
            "rates",  # the row as a whole, not a field typed
            f"vrstice od {format_date(removed.valid_from)} ni mogoče odstraniti",
        )


def add_birth_grant(
    db: Database, valid_from: object, amount: object, source: object
) -> BirthGrantRow:
    from rejnistvo.store import get_record, save_record

    day = _day(valid_from, "valid_from")
    record = {
        "valid_from": day,
        "amount": _amount_in_force(amount, "amount"),
        "source": _source(source),
    }
    grants = list_birth_grants(db)
    _within_reach(grants, day)
    if _taken(grants, day):
        raise _already(day, "znesek pomoči ob rojstvu otroka")
    return _grant_row(get_record(db, "birth_grants", save_record(db, "birth_grants", record)))


def correct_birth_grant(
    db: Database, row_id: int, version: int, valid_from: object, amount: object, source: object
) -> BirthGrantRow:
    from rejnistvo.store import get_record, save_record

    day = _day(valid_from, "valid_from")
    record = {
        "id": row_id,
        "version": version,
        "valid_from": day,
        "amount": _amount_in_force(amount, "amount"),
        "source": _source(source),
    }
    grants = list_birth_grants(db)
    _within_reach(grants, day, but=row_id)
    if _taken(grants, day, but=row_id):
        raise _already(day, "znesek pomoči ob rojstvu otroka")
    return _grant_row(get_record(db, "birth_grants", save_record(db, "birth_grants", record)))


def remove_birth_grant(db: Database, row_id: int, version: int) -> None:
    from rejnistvo.store import delete_record

    delete_record(db, "birth_grants", row_id, version)


# --- indexation (uskladitev) -------------------------------------------------------------


def propose_indexation(db: Database, valid_from: object, percent: object) -> IndexationProposal:
    """New board, fee and birth grant = old × (1 + p/100), half-up (SPEC 3.1). Nothing is
    written; `add_indexation` adds the rows the user confirms."""
    day = _day(valid_from, "valid_from")
    p = parse_percent(percent, "percent")
    rates = list_rates(db)
    _within_reach(rates, day)
    if _taken(rates, day):
        raise _already(day, "znesek oskrbnine in plačila dela")
    before = [r for r in rates if r.valid_from < day]
    if not before:
        raise InputError(
            "valid_from",
            f"pred {format_date(day)} ni nobenega zneska, ki bi ga lahko uskladili; vpišite "
            "objavljene zneske sami.",
        )
    old = before[-1]
    grants = [g for g in list_birth_grants(db) if g.valid_from < day]
    old_grant = grants[-1] if grants else None
    return IndexationProposal(
        valid_from=day,
        percent=p,
        old_rate=old,
        board=indexed(old.board, p),
        fee=indexed(old.fee, p),
        old_grant=old_grant,
        birth_grant=indexed(old_grant.amount, p) if old_grant else None,
    )


def add_indexation(
    db: Database,
    valid_from: object,
    board: object,
    fee: object,
    birth_grant: object | None,
    source: object,
    grant_source: object | None = None,
) -> IndexationResult:
    """Add the indexed rows (rate, and the birth grant unless None) in one transaction,
    each with its source. The amounts are those the user confirmed or typed."""
    from rejnistvo.store import get_record, save_record

    day = _day(valid_from, "valid_from")
    rate_record = {
        "valid_from": day,
        "board": _amount_in_force(board, "board"),
        "fee": _amount_in_force(fee, "fee"),
        "source": _source(source),
    }
    grant_record = None
    if birth_grant is not None:
        grant_record = {
            "valid_from": day,
            "amount": _amount_in_force(birth_grant, "birth_grant"),
            "source": _source(source if grant_source is None else grant_source),
        }
    rates = list_rates(db)
    _within_reach(rates, day)
    if _taken(rates, day):
        raise _already(day, "znesek oskrbnine in plačila dela")
    if grant_record is not None and _taken(list_birth_grants(db), day):
        raise _already(day, "znesek pomoči ob rojstvu otroka")
    with db.atomic():  # save_record's own transactions nest as savepoints
        rate_id = save_record(db, "rates", rate_record)
        grant_id = save_record(db, "birth_grants", grant_record) if grant_record else None
    return IndexationResult(
        rate=_rate_row(get_record(db, "rates", rate_id)),
        birth_grant=_grant_row(get_record(db, "birth_grants", grant_id)) if grant_id else None,
    )


def apply_indexation(
    db: Database, proposal: IndexationProposal, published: object
) -> IndexationResult:
    """Add the proposed rows, each with a source that says how it was computed."""
    text = _source(published)
    return add_indexation(
        db,
        proposal.valid_from,
        proposal.board,
        proposal.fee,
        proposal.birth_grant,
        proposal.source(text),
        proposal.grant_source(text),
    )


def describe_proposal(proposal: IndexationProposal) -> list[tuple[str, str, str]]:
    """(what, old, new) lines for showing the proposal side by side."""
    lines = [
        (
            "Osnovna oskrbnina",
            format_amount(proposal.old_rate.board),
            format_amount(proposal.board),
        ),
        ("Osnovno plačilo dela", format_amount(proposal.old_rate.fee), format_amount(proposal.fee)),
    ]
    if proposal.old_grant is not None and proposal.birth_grant is not None:
        lines.append(
            (
                "Pomoč ob rojstvu otroka",
                format_amount(proposal.old_grant.amount),
                format_amount(proposal.birth_grant),
            )
        )
    return lines
