"""Placements and their one-off payments: typed records, checks, pre-filled centres.

* ``save_placement`` refuses a placement without the carer's and the child's centre (the
  R-4 goes to the carer's centre's subgroup), naming the field; ``placement_centres``
  gives the centres to pre-fill from the chosen carer and child.
* ``list_placements`` adds each placement's first start and last end (``OPEN_END`` for a
  placement still running), sorted by the carer's surname.
* ``placement_pages``: that list for the screen Namestitve, read in pages (``RowPages``):
  ids in that order from one narrow query, the searched texts (contract, carer, child)
  by id when the list folds them (``placement_texts``); ``placement_rows`` gives the
  shown columns of a few placements (a save shows its row through it too).
* One-off payments: ``add_one_off`` checks the once-per-carer rule; ``delete_one_off``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from rejnistvo.rules.errors import InputError
from rejnistvo.services.people import missing_message, surname_keys
from rejnistvo.services.row_pages import CHUNK, RowPages, TextsOf, chunks, marks
from rejnistvo.services.typed_numbers import first_same, narrowing, number_key
from rejnistvo.store import StoreError, delete_record, get_record, list_records, save_record
from rejnistvo.store.reads import references

#: the "to" of a placement that has not ended: sorts after every real date
OPEN_END = date.max


@dataclass(frozen=True)
class PlacementPeriod:
    kind: str  # "contract" | "annex"
    from_date: date
    to_date: date | None = None
    document_no: str | None = None


@dataclass(frozen=True)
class Placement:
    contract_no: str
    carer_id: int | None
    child_id: int | None
    carer_centre_id: int | None = None
    child_centre_id: int | None = None
    part_time: bool = False
    fee_share: Decimal | None = None
    note: str | None = None
    periods: tuple[PlacementPeriod, ...] = ()
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class OneOffPayment:
    carer_id: int
    placement_id: int
    kind: str
    amount: Decimal
    date: date
    note: str | None = None


def placement_from_row(row: dict[str, Any]) -> Placement:
    return Placement(
        contract_no=str(row.get("contract_no") or ""),
        carer_id=row.get("carer_id"),
        child_id=row.get("child_id"),
        carer_centre_id=row.get("carer_centre_id"),
        child_centre_id=row.get("child_centre_id"),
        part_time=bool(row.get("part_time")),
        fee_share=row.get("fee_share"),
        note=row.get("note"),
        periods=tuple(
            PlacementPeriod(
                p.get("kind") or "contract", p["from_date"], p.get("to_date"), p.get("document_no")
            )
            for p in row.get("periods") or []
            if p.get("from_date")
        ),
        id=row.get("id"),
        version=row.get("version"),
    )


def _row(p: Placement) -> dict[str, Any]:
    out: dict[str, Any] = {
        "contract_no": p.contract_no,
        "carer_id": p.carer_id,
        "child_id": p.child_id,
        "carer_centre_id": p.carer_centre_id,
        "child_centre_id": p.child_centre_id,
        "part_time": p.part_time,
        "fee_share": p.fee_share,
        "note": p.note,
        "periods": [
            {
                "kind": q.kind,
                "document_no": q.document_no,
                "from_date": q.from_date,
                "to_date": q.to_date,
            }
            for q in p.periods
        ],
    }
    if p.id is not None:
        out["id"] = p.id
        if p.version is not None:
            out["version"] = p.version
    return out


# -- reading ---------------------------------------------------------------------------
def period_spans(db: Any) -> dict[int, tuple[date | None, date | None]]:
    """Each placement's first period start and last period end (``OPEN_END`` if a
    period is open), in one query for the whole list."""
    rows = db.execute(
        "SELECT placement_id, min(from_date), max(to_date), max(to_date IS NULL) "
        "FROM placement_periods GROUP BY placement_id"
    ).fetchall()
    return {
        placement_id: (_day(first), OPEN_END if is_open else _day(last))
        for placement_id, first, last, is_open in rows
    }


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def list_placements(db: Any) -> list[dict[str, Any]]:
    """The placements with ``first_from``/``last_to``, by the carer's surname."""
    rows = list_records(db, "placements")
    spans = period_spans(db)
    for row in rows:
        row["first_from"], row["last_to"] = spans.get(row["id"], (None, None))
    key = surname_keys()
    return sorted(rows, key=lambda r: (key(r.get("carer_name")), key(r.get("child_name"))))


def placement_pages(db: Any) -> RowPages:
    """Namestitve in ``list_placements``' order (carer's surname, then child's; among
    equals the store's order: carer's name_key, id), searched by contract number, carer
    and child (joined by SQLite as ``search_text`` joins them).

    Only the ids are read now, from the index of the list's keys (store step m016:
    the carer's and the child's stored surname keys of m009, the carer's name_key, the
    id), in order, without joining the carers and children or sorting. The search texts
    are read when the list folds them, after its first paint (``TextsInIndex``)."""
    ids = [row[0] for row in db.execute(PLACEMENT_IDS).fetchall()]
    return RowPages(
        ids,
        TextsInIndex(ids, lambda part: placement_texts_in_order(db, part)),
        lambda i: placement_rows(db, i),
    )


class TextsInIndex(TextsOf):
    """Namestitve's texts, a run of the list read from the end of its index (m017): a
    slice costs ~2 ms for 4,000 texts at any size of the file, so the list reads them in
    long slices (80,000: 20 slices, where 320 joins of 250 kept the search saying
    »iščem …« for seconds, issue 13)."""

    slice_rows = 4000


#: a run of the list from a placement on, with its texts, from m017's index alone (the
#: row value compares the whole key, so the run goes on among equal surnames)
PLACEMENT_TEXTS_FROM = (
    "SELECT placement_id, search_text FROM placement_order "
    "WHERE (carer_key, child_key, carer_name_key, placement_id) >= "
    "(SELECT carer_key, child_key, carer_name_key, placement_id FROM placement_order "
    "WHERE placement_id = ?) "
    "ORDER BY carer_key, child_key, carer_name_key, placement_id LIMIT ?"
)


def placement_texts_in_order(db: Any, ids: Sequence[int]) -> dict[int, str]:
    """The search texts of these placements, a run of the list in its order: read as
    the run of the index that starts at the first of them. An id the run does not hold
    (a placement added, moved or deleted since the list was read) is looked up
    (``placement_texts``)."""
    if not ids:
        return {}
    found = dict(db.execute(PLACEMENT_TEXTS_FROM, [ids[0], len(ids)]).fetchall())
    missing = [i for i in ids if i not in found]
    if missing:
        found.update(placement_texts(db, missing))
    return found


#: the placements in the list's order: the index of m016 (``placement_order`` holds a
#: row for each placement whose carer and child exist, as the join with them does)
PLACEMENT_IDS = (
    "SELECT placement_id FROM placement_order "
    "ORDER BY carer_key, child_key, carer_name_key, placement_id"
)
#: the same order from the tables themselves (what m016's rows are made from)
PLACEMENT_IDS_JOINED = (
    "SELECT t.id FROM placements t JOIN carers c ON c.id = t.carer_id "
    "JOIN children ch ON ch.id = t.child_id "
    "ORDER BY c.surname_key, ch.surname_key, c.name_key, t.id"
)
#: a placement with its carer and child
_JOINED = (
    "FROM placements t JOIN carers c ON c.id = t.carer_id JOIN children ch ON ch.id = t.child_id"
)
#: a placement's search text, joined by SQLite as ``search_text`` joins it
_TEXT = "SELECT t.id, t.contract_no || ' ' || c.name || ' ' || ch.name"
#: more ids than an idle slice asks for: read by one scan of every placement
_READ_ALL_FROM = 4 * CHUNK


def placement_texts(db: Any, ids: Sequence[int]) -> dict[int, str]:
    """The search texts of these placements (a run of the list, as it slices them):
    contract number, carer and child; a deleted placement is left out.

    A slice of the list is a run of carers by surname: its first and last placements'
    carers bound a range of the carers' list index (m011), read in order with their
    placements, ~40 % cheaper than looking up each id. An id outside that range (the
    ids in another order, a carer renamed since the list was read) is looked up."""
    if not ids:
        return {}
    if len(ids) > _READ_ALL_FROM:
        # the rest at the first keystroke: every text in one scan of the placements is
        # 3x quicker than their carers' range through the index (80k: ~0.25 s vs ~0.75)
        return dict(db.execute(f"{_TEXT} {_JOINED}").fetchall())
    bounds = db.execute(
        "SELECT min(c.surname_key), max(c.surname_key) FROM placements t "
        "JOIN carers c ON c.id = t.carer_id WHERE t.id IN (?, ?)",
        [ids[0], ids[-1]],
    ).fetchone()
    found: dict[int, str] = {}
    if bounds is not None and bounds[0] is not None:
        found.update(
            db.execute(
                f"{_TEXT} FROM carers c JOIN placements t ON t.carer_id = c.id "
                "JOIN children ch ON ch.id = t.child_id WHERE c.surname_key BETWEEN ? AND ?",
                list(bounds),
            ).fetchall()
        )
    for part in chunks([i for i in ids if i not in found]):
        found.update(
            db.execute(
                f"{_TEXT} {_JOINED} WHERE t.id IN ({marks(len(part))})", list(part)
            ).fetchall()
        )
    return found


def placement_rows(db: Any, ids: Sequence[int]) -> list[dict[str, Any]]:
    """The list's columns of these placements: contract, carer, child, the first start
    and the last end (``OPEN_END`` while a period is open), part time. A deleted
    placement is left out."""
    out: list[dict[str, Any]] = []
    for part in chunks(ids):
        cursor = db.execute(
            "SELECT t.id, t.contract_no, c.name, ch.name, t.part_time, min(pp.from_date), "
            "max(pp.to_date), max(pp.id IS NOT NULL AND pp.to_date IS NULL) "
            "FROM placements t JOIN carers c ON c.id = t.carer_id "
            "JOIN children ch ON ch.id = t.child_id "
            "LEFT JOIN placement_periods pp ON pp.placement_id = t.id "
            f"WHERE t.id IN ({marks(len(part))}) GROUP BY t.id",
            list(part),
        )
        out.extend(
            {
                "id": i,
                "contract_no": contract,
                "carer_name": carer,
                "child_name": child,
                "first_from": _day(first),
                "last_to": OPEN_END if is_open else _day(last),
                "part_time": bool(part_time),
            }
            for i, contract, carer, child, part_time, first, last, is_open in cursor
        )
    return out


def get_placement(db: Any, placement_id: int) -> Placement:
    try:
        return placement_from_row(get_record(db, "placements", placement_id))
    except StoreError:
        raise StoreError(missing_message("placements")) from None


def placement_centres(
    db: Any, carer_id: int | None, child_id: int | None
) -> tuple[int | None, int | None]:
    """The carer's and the child's centre, to pre-fill a placement's centres."""
    carer_centre = child_centre = None
    if carer_id is not None:
        try:
            carer_centre = get_record(db, "carers", carer_id).get("centre_id")
        except StoreError:
            carer_centre = None
    if child_id is not None:
        try:
            child_centre = get_record(db, "children", child_id).get("centre_id")
        except StoreError:
            child_centre = None
    return carer_centre, child_centre


# -- checks and writing ----------------------------------------------------------------
def check_placement(p: Placement) -> None:
    if not p.contract_no.strip():
        raise InputError("contract_no", "Vpišite številko pogodbe o izvajanju rejniške dejavnosti.")
    if p.carer_id is None:
        raise InputError("carer_id", "Izberite rejnika s seznama (začnite tipkati ime).")
    if p.child_id is None:
        raise InputError("child_id", "Izberite otroka s seznama (začnite tipkati ime).")
    if p.carer_centre_id is None:
        raise InputError(
            "carer_centre_id",
            "Izberite center rejnika: po njem se določi podskupina za predlog R-4.",
        )
    if p.child_centre_id is None:
        raise InputError(
            "child_centre_id", "Izberite center otroka (center, ki je otroka namestil)."
        )
    if not p.periods:
        raise InputError("periods", "Namestitev potrebuje vsaj obdobje iz pogodbe (od … do).")
    # The payment run leaves out a placement whose periods share a day (the carer is not
    # paid until it is corrected, SPEC 3.2 counts each day once): refused where typed.
    from rejnistvo.rules.periods import Period, check_no_overlap

    check_no_overlap(
        [Period(period.from_date, period.to_date) for period in p.periods],
        "periods",
        "obdobja pogodbe in aneksov",
    )
    if p.part_time and p.fee_share is None:
        raise InputError(
            "fee_share",
            "Vpišite delež plačila dela iz pogodbe (npr. 40 %), ker je otrok nameščen le ob "
            "vikendih, praznikih in počitnicah.",
        )


def save_placement(db: Any, placement: Placement) -> int:
    """Check and store a placement with its periods (one audited transaction); its id.
    The carer and the child of a placement paid in a closed month stay (``_check_payee``)."""
    check_placement(placement)
    _check_people_there(db, placement)
    stored = None if placement.id is None else get_record(db, "placements", placement.id)
    _check_after_birth(db, placement, stored)
    if placement.id is not None:
        _check_payee(db, stored, placement)
        placement = _stored_share_kept(stored, placement)
    return save_record(db, "placements", _row(placement))


def _check_people_there(db: Any, p: Placement) -> None:
    """The carer and the child chosen are still there: one deleted meanwhile on another
    screen (Otroci, while this placement was typed on Namestitve) was refused by the
    store as »… se sklicuje na zapis, ki ne obstaja (npr. rejnik, otrok, center)« in a
    message box, the name still shown in its field as chosen."""
    for entity, field, who in (
        ("carers", "carer_id", "Rejnika"),
        ("children", "child_id", "Otroka"),
    ):
        record_id = getattr(p, field)
        if record_id is None:
            continue
        try:
            get_record(db, entity, record_id)
        except StoreError:
            raise InputError(
                field,
                f"{who}, izbranega tu, ni več (medtem je bil izbrisan); izberite drugega s "
                "seznama (začnite tipkati ime).",
            ) from None


def _check_after_birth(db: Any, p: Placement, stored: dict[str, Any] | None) -> None:
    """No period typed starts before the child was born: »1. 9. 2016« typed for 2026
    was stored, a placement of a child not yet born, counted by every calculation. A
    start already stored (with the same child) is left as it is: older files may hold
    one, and a note typed on such a placement must still save."""
    from rejnistvo.rules.periods import format_date

    if p.child_id is None:
        return
    kept = set()
    if stored is not None and stored.get("child_id") == p.child_id:
        kept = {_day(period.get("from_date")) for period in stored.get("periods") or []}
    try:
        born = _day(get_record(db, "children", p.child_id).get("birth_date"))
    except StoreError:
        return  # no such child: the store refuses the reference itself
    if born is None:
        return
    early = [
        period.from_date
        for period in p.periods
        if period.from_date < born and period.from_date not in kept
    ]
    if early:
        raise InputError(
            "periods",
            f"Obdobje od {format_date(min(early))} se začne pred rojstvom otroka "
            f"({format_date(born)}); preverite leto v »Od«.",
        )


def _stored_share_kept(stored: dict[str, Any] | None, p: Placement) -> Placement:
    """``p`` with the stored share's own digits when it is the same number. The screen
    shows a stored 0.40 as »40 %« and reads it back as 0.4; the change log and the
    payment run compare the texts, so every save of such a placement logged the share
    as changed and gave a closed month's overpayment the reason »spremenjena namestitev
    ob koncih tedna in počitnicah (delež plačila dela)«, a change nobody made."""
    kept = stored.get("fee_share") if stored is not None else None
    if kept is None or p.fee_share is None or kept != p.fee_share:
        return p
    return replace(p, fee_share=kept)


def child_placed_elsewhere(db: Any, p: Placement) -> str | None:
    """Another placement of the child on a day of ``p``, in words (None: none). A child
    placed full time lives with one family each day (čl. 26), and the payment run pays
    every placement: the screen asks before such a save (QA14: a second contract typed
    for a child already placed was paid twice). Two weekend-and-holiday placements are
    left to the caseworker."""
    from rejnistvo.rules.periods import Period, format_date

    if p.child_id is None:
        return None
    mine = [Period(q.from_date, q.to_date) for q in p.periods]
    cursor = db.execute(
        "SELECT t.contract_no, c.name, t.part_time, pp.from_date, pp.to_date "
        "FROM placements t JOIN placement_periods pp ON pp.placement_id = t.id "
        "JOIN carers c ON c.id = t.carer_id WHERE t.child_id = ? AND t.id IS NOT ? "
        "ORDER BY pp.from_date",
        [p.child_id, p.id],
    )
    for contract, carer, part_time, start, end in cursor:
        if p.part_time and part_time:
            continue
        other = Period(date.fromisoformat(start), _day(end))
        if any(period.overlaps(other) for period in mine):
            span = f"od {format_date(other.start)}" + (
                f" do {format_date(other.end)}" if other.end else " dalje"
            )
            return (
                f"Otrok je v tem času že nameščen: pogodba {contract} (rejnik/ica {carer}) {span}."
            )
    return None


def contract_taken(db: Any, p: Placement) -> str | None:
    """Another placement with the same contract number, in words (None: none). Each
    placement is a contract of its own (čl. 26); a number typed twice (copied from the
    sibling's placement) put one number on two children's payment lines and bank
    transfers, so the screen asks before such a save."""
    wanted = number_key(p.contract_no)
    if not wanted:
        return None
    # narrowed without a join, one pass over the column: 20,000 placements in a few ms
    narrowed, params = narrowing("contract_no", wanted)
    cursor = db.execute(
        "SELECT t.contract_no, ch.name, c.name FROM placements t "
        "JOIN children ch ON ch.id = t.child_id JOIN carers c ON c.id = t.carer_id "
        f"WHERE t.id IN (SELECT id FROM placements WHERE {narrowed}id IS NOT ?) "
        "ORDER BY t.id",
        [*params, p.id],
    )
    found = first_same(cursor, wanted)
    if found is None:
        return None
    contract, child, carer = found
    return f"Pogodba {contract} je že vpisana pri namestitvi otroka {child} (rejnik/ica {carer})."


def _check_payee(db: Any, stored: dict[str, Any] | None, p: Placement) -> None:
    """A placement paid in a closed month keeps its carer and child: the payment run pays a
    closed month's arrears to the placement's carer and recovers its overpayments from
    them, so a new carer would get (or owe) what the previous one was due. A child moved
    to another carer is a new placement (the old one ends: »Do«)."""
    if stored is None:
        return
    for field, who in (("carer_id", "rejnika"), ("child_id", "otroka")):
        if stored.get(field) != getattr(p, field) and references(db, _HOLDERS[:1], p.id or 0):
            raise InputError(
                field,
                f"Namestitev je že izplačana v zaključenem mesecu, zato ji {who} ni mogoče "
                "zamenjati (poračun za pretekle mesece bi šel drugemu rejniku). Vpišite konec "
                "te namestitve v polje »Do« in novo namestitev z novo pogodbo.",
            )


def placement_in_use(db: Any, placement_id: int) -> str | None:
    """Why the placement cannot be deleted (the message ``delete_placement`` refuses
    with), or None: asked before »Res želite izbrisati?«, which a refusal then followed
    (QA65, as for a carer or child in use: ``people.person_in_use``). In a read-only view:
    why nothing can be deleted (QA74)."""
    if getattr(db, "read_only", False):
        return str(db.refused_write_message("Zapis ni izbrisan."))
    return _in_use_message(db, placement_id) if references(db, _HOLDERS, placement_id) else None


def delete_placement(db: Any, placement_id: int, version: int | None = None) -> None:
    try:
        delete_record(db, "placements", placement_id, version)
    except StoreError as error:
        if error.kind != "referenced":
            raise
        raise StoreError(_in_use_message(db, placement_id)) from None


#: what may hold a placement, as the refusal names it (table, column, words); the ledger
#: first: a paid placement is never deleted, whatever else holds it
_PAID = "knjiga izplačil"
_HOLDERS = (
    ("payment_entries", "placement_id", _PAID),
    ("r4_cases", "placement_id", "primeri R-4"),
    ("board_increases", "placement_id", "zvišanja oskrbnine (R-5)"),
    ("one_off_payments", "placement_id", "enkratna izplačila"),
)


def _in_use_message(db: Any, placement_id: int) -> str:
    """Why a placement cannot be deleted, naming only what holds it: a placement paid in a
    closed month was told to delete "R-4 proposals, board increases or one-off payments"
    it did not have, and a closed month's payments cannot be deleted at all."""
    held = references(db, _HOLDERS, placement_id)
    if _PAID in held:
        return (
            "Namestitve ni mogoče izbrisati, ker je bila izplačana v zaključenem mesecu "
            "(knjiga izplačil se ne briše). Če se je namestitev končala, vpišite konec "
            "v polje »Do« v obdobjih."
        )
    if held:
        return (
            "Namestitve ni mogoče izbrisati, ker so nanjo vezani: "
            + ", ".join(held)
            + ". Najprej izbrišite te."
        )
    return "Namestitve ni mogoče izbrisati, ker se nanjo sklicujejo drugi zapisi."


def list_one_off(db: Any, placement_id: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = list_records(db, "one_off_payments", placement_id=placement_id)
    return rows


def add_one_off(db: Any, payment: OneOffPayment, kinds: dict[str, Any]) -> int:
    """Store a one-off payment after the once-per-carer check (SPEC 3.1)."""
    from rejnistvo.rules.one_off import check_once_per_carer

    existing = [r["kind"] for r in list_records(db, "one_off_payments", carer_id=payment.carer_id)]
    check_once_per_carer(payment.kind, existing, kinds)
    return save_record(
        db,
        "one_off_payments",
        {
            "carer_id": payment.carer_id,
            "placement_id": payment.placement_id,
            "kind": payment.kind,
            "amount": payment.amount,
            "date": payment.date,
            "note": payment.note,
        },
    )


def delete_one_off(db: Any, payment_id: int) -> None:
    delete_record(db, "one_off_payments", payment_id)
