"""Records of every entity: list (with a name fragment), get, save, delete.

One generic implementation driven by a small description of each entity, so that
every write goes the same way: validate, convert to stored text, write parent and
nested rows in one `db.atomic()` transaction together with the audit row. Stored:
amounts as TEXT "123.45", dates as ISO TEXT, flags 0/1. Returned: Decimal, date, bool.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlite_utils import Database

from rejnistvo.clock import SystemClock
from rejnistvo.rules.emso import check_emso
from rejnistvo.rules.errors import InputError
from rejnistvo.rules.money import parse_amount
from rejnistvo.rules.periods import parse_date
from rejnistvo.rules.text import surname_sort_keys
from rejnistvo.rules.times import local_moment
from rejnistvo.store.audit import acting_user, write_audit
from rejnistvo.store.errors import StaleRecordError, StoreError, sqlite_errors_as_store_errors
from rejnistvo.store.labels import field_label

DATE_COLUMNS = frozenset(
    """licence_date birth_date date from_date to_date term_from term_to added_on removed_on
    proposal_date period_from period_to prepared_on sent_on accepted_on commission_named_on
    decided_on returned_on decision_from decision_to decision_date report_requested_on
    report_date finding_date call_date deadline due paid_on valid_from received_on
    resolution_received_on excess_returned_on asked_again_on refund_deadline""".split()
)
MONEY_COLUMNS = frozenset({"amount", "justified", "unjustified", "board", "fee", "excess"})
DECIMAL_COLUMNS = frozenset({"fee_share"})
BOOL_COLUMNS = frozenset({"part_time", "electronic_delivery"})
DERIVED_KEYS = frozenset({"carer_name", "child_name", "name_key", "surname_key"})


@dataclass(frozen=True)
class Nested:
    """A list of child rows saved and replaced together with the parent."""

    key: str
    table: str
    parent_column: str


@dataclass(frozen=True)
class Entity:
    """A kind of record the repository stores: its table, how it is listed and searched,
    its nested rows and its checks before it is stored."""

    name: str
    table: str
    search: tuple[str, ...] = ()  # SQL expressions matched against the casefolded fragment
    list_sql: str | None = None  # SELECT … FROM … (alias t for the entity's table)
    order_by: str = "t.id"
    nested: tuple[Nested, ...] = ()
    # Validates and completes a record before it is stored; the flag is True for an update
    # of an existing record, which may carry only the fields that change.
    prepare: Callable[[dict[str, Any], bool], None] | None = field(default=None, compare=False)
    # Completes a new record from the file (e.g. a setting) before it is inserted.
    on_insert: Callable[[Database, dict[str, Any]], None] | None = field(
        default=None, compare=False
    )


def _name_key(record: dict[str, Any], update: bool) -> None:
    if update and "name" not in record:
        return
    name = record.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InputError("name", "ime in priimek sta obvezna.")
    record["name"] = " ".join(name.split())
    record["name_key"] = record["name"].casefold()


def _person(record: dict[str, Any], update: bool) -> None:
    _name_key(record, update)
    if "name" in record:
        # the lists' order by surname (store step m009), kept with the name
        record["surname_key"] = surname_sort_keys([record["name"]])[0]
    if record.get("emso"):
        # The store's last net below every screen and command: nobody stored was born
        # after the real day (as the change log's times, the system clock's); the window
        # has checked with its own clock as the number was typed.
        check_emso(record["emso"], "emso", today=SystemClock().today())
        record["emso"] = "".join(record["emso"].split())


def _coordinator(record: dict[str, Any], update: bool) -> None:
    # One-year term (čl. 7/3) unless the user sets another end.
    if record.get("term_from") and not record.get("term_to"):
        start = parse_date(record["term_from"], "term_from")
        try:
            end = start.replace(year=start.year + 1)
        except ValueError:  # 29 February
            end = start.replace(year=start.year + 1, day=28)
        record["term_to"] = end - timedelta(days=1)


def _r4_author(db: Database, record: dict[str, Any]) -> None:
    # Who wrote the proposal: whoever first saves it (the name at that computer), unless the record
    # names its author (an imported proposal carries the sending centre's user, or None
    # when the package does not say: the coordinator did not write it).
    if "prepared_by" not in record:
        record["prepared_by"] = acting_user(db) or None


_PLACEMENT_LIST = (
    "SELECT t.*, c.name AS carer_name, ch.name AS child_name FROM placements t "
    "JOIN carers c ON c.id = t.carer_id JOIN children ch ON ch.id = t.child_id"
)

ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in (
        Entity(
            "centres",
            "centres",
            search=("lower(t.name)",),
            order_by="t.name",
            nested=(Nested("units", "units", "centre_id"),),
        ),
        Entity(
            "subgroups", "subgroups", nested=(Nested("centres", "subgroup_centres", "subgroup_id"),)
        ),
        Entity(
            "coordinators",
            "coordinators",
            search=("lower(t.name)",),
            order_by="t.subgroup_id, t.term_from",
            prepare=_coordinator,
        ),
        Entity(
            "candidates", "candidates", search=("lower(t.name)",), order_by="t.subgroup_id, t.name"
        ),
        Entity(
            "carers",
            "carers",
            search=("t.name_key",),
            order_by="t.name_key",
            nested=(Nested("trainings", "carer_trainings", "carer_id"),),
            prepare=_person,
        ),
        Entity(
            "children", "children", search=("t.name_key",), order_by="t.name_key", prepare=_person
        ),
        Entity(
            "placements",
            "placements",
            search=("c.name_key", "ch.name_key", "lower(t.contract_no)"),
            list_sql=_PLACEMENT_LIST,
            order_by="c.name_key, t.id",
            nested=(Nested("periods", "placement_periods", "placement_id"),),
        ),
        Entity(
            "r4_cases",
            "r4_cases",
            search=("c.name_key", "ch.name_key", "lower(coalesce(t.case_no, ''))"),
            list_sql=(
                "SELECT t.*, c.name AS carer_name, ch.name AS child_name FROM r4_cases t "
                "JOIN placements p ON p.id = t.placement_id "
                "JOIN carers c ON c.id = p.carer_id JOIN children ch ON ch.id = p.child_id"
            ),
            nested=(
                Nested("reasons", "r4_reasons", "case_id"),
                Nested("members", "r4_members", "case_id"),
            ),
            on_insert=_r4_author,
        ),
        Entity(
            "board_increases",
            "board_increases",
            search=("c.name_key", "ch.name_key"),
            list_sql=(
                "SELECT t.*, c.name AS carer_name, ch.name AS child_name FROM board_increases t "
                "JOIN placements p ON p.id = t.placement_id "
                "JOIN carers c ON c.id = p.carer_id JOIN children ch ON ch.id = p.child_id"
            ),
            nested=(Nested("categories", "board_increase_categories", "increase_id"),),
        ),
        Entity(
            "r5_reports", "r5_reports", nested=(Nested("expenses", "r5_expenses", "report_id"),)
        ),
        Entity(
            "r5_earlier_reports",
            "r5_earlier_reports",
            order_by="t.asked_again_on, t.id",
            nested=(Nested("expenses", "r5_earlier_expenses", "report_id"),),
        ),
        Entity(
            "refunds", "refunds", nested=(Nested("instalments", "refund_instalments", "refund_id"),)
        ),
        Entity("one_off_payments", "one_off_payments", order_by="t.date, t.id"),
        Entity("rates", "rates", order_by="t.valid_from"),
        Entity("birth_grants", "birth_grants", order_by="t.valid_from"),
    )
}


def entity(name: str) -> Entity:
    try:
        return ENTITIES[name]
    except KeyError:
        raise ValueError(f"unknown entity {name!r}") from None


# ---------------------------------------------------------------- conversion


def to_stored(column: str, value: Any) -> Any:
    """A Python value as the file keeps it; InputError naming the field if it is wrong."""
    if value is None or value == "":
        return None
    if column in DATE_COLUMNS:
        return parse_date(value, column).isoformat()
    if column in MONEY_COLUMNS:
        return str(parse_amount(value, column))
    if column in DECIMAL_COLUMNS:
        try:
            share = Decimal(str(value)) if not isinstance(value, float) else None
        except InvalidOperation:
            share = None
        if share is None or not share.is_finite() or not (0 < share <= 1):
            raise InputError(column, "delež mora biti število med 0 in 1, npr. »0.40«.")
        return str(share)
    if column in BOOL_COLUMNS:
        return 1 if value else 0
    return value


def from_stored(column: str, value: Any) -> Any:
    if value is None:
        return False if column in BOOL_COLUMNS else None
    if column in DATE_COLUMNS:
        return date.fromisoformat(value)
    if column in MONEY_COLUMNS or column in DECIMAL_COLUMNS:
        return Decimal(value)
    if column in BOOL_COLUMNS:
        return bool(value)
    return value


def _identity(value: Any) -> Any:
    return value


def _date_or_none(value: Any) -> Any:
    return None if value is None else date.fromisoformat(value)


def _decimal_or_none(value: Any) -> Any:
    return None if value is None else Decimal(value)


def _converter(column: str) -> Callable[[Any], Any]:
    if column in DATE_COLUMNS:
        return _date_or_none
    if column in MONEY_COLUMNS or column in DECIMAL_COLUMNS:
        return _decimal_or_none
    if column in BOOL_COLUMNS:
        return bool
    return _identity


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    return {key: from_stored(key, value) for key, value in row.items() if key != "name_key"}


def _stored_row(db: Database, table: str, record: dict[str, Any], skip: set[str]) -> dict[str, Any]:
    columns = set(db[table].columns_dict)
    row = {}
    for key, value in record.items():
        if key in skip or key in DERIVED_KEYS and key not in columns:
            continue
        if key not in columns:
            raise InputError(key, f"neznano polje zapisa »{table}«.")
        row[key] = to_stored(key, value)
    if "name_key" in record and "name_key" in columns:
        row["name_key"] = record["name_key"]
    return row


# ---------------------------------------------------------------- reading


def _like(fragment: str) -> str:
    escaped = fragment.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_records(
    db: Database,
    entity_name: str,
    name: str | None = None,
    *,
    window: tuple[str, Sequence[Any]] | None = None,
    columns: Sequence[str] | None = None,
    **equal: Any,
) -> list[dict[str, Any]]:
    """Rows of an entity (without nested lists), optionally those whose name (or the
    carer's or child's name) contains `name`, and whose columns equal `equal`.

    `window` is an SQL condition over the entity's alias ``t`` with its parameters, for
    callers that need only a slice (dates within a window): the database narrows the
    rows with its indexes instead of 20,000 dicts being built and thrown away. `columns`
    (of the entity's own table) instead of all of them, for a list that shows a few."""
    ent = entity(entity_name)
    sql = ent.list_sql or f"SELECT t.* FROM {ent.table} t"
    if columns is not None:
        if not all(column.isidentifier() for column in columns):
            raise ValueError(columns)
        sql = sql.replace("SELECT t.*", "SELECT " + ", ".join(f"t.{c}" for c in columns), 1)
    where: list[str] = []
    params: list[Any] = []
    if window is not None:
        where.append(f"({window[0]})")
        params += list(window[1])
    if name and name.strip() and ent.search:
        where.append("(" + " OR ".join(f"{expr} LIKE ? ESCAPE '\\'" for expr in ent.search) + ")")
        params += [_like(name.strip())] * len(ent.search)
    for column, value in equal.items():
        if not column.isidentifier():
            raise ValueError(column)
        where.append(f"t.{column} = ?")
        params.append(to_stored(column, value))
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {ent.order_by}"
    with sqlite_errors_as_store_errors(db=db):
        cursor = db.execute(sql, params)
        columns = [d[0] for d in cursor.description]
        # Converters chosen once per query, not per cell: listings can be 20,000 rows.
        keep = [(i, c, _converter(c)) for i, c in enumerate(columns) if c != "name_key"]
        return [{c: conv(row[i]) for i, c, conv in keep} for row in cursor.fetchall()]


def get_record(db: Database, entity_name: str, record_id: int) -> dict[str, Any]:
    """One record with its nested lists; StoreError if there is none."""
    ent = entity(entity_name)
    with sqlite_errors_as_store_errors(db=db):
        return _get(db, ent, record_id)


def _get(db: Database, ent: Entity, record_id: int) -> dict[str, Any]:
    rows = list(db.query(f"SELECT * FROM {ent.table} WHERE id = ?", [record_id]))
    if not rows:
        raise StoreError(f"Zapisa {record_id} v »{ent.table}« ni (morda je bil izbrisan).")
    record = _typed(rows[0])
    for nested in ent.nested:
        children = db.query(
            f"SELECT * FROM {nested.table} WHERE {nested.parent_column} = ? ORDER BY rowid",
            [record_id],
        )
        record[nested.key] = [
            {k: v for k, v in _typed(child).items() if k not in ("id", nested.parent_column)}
            for child in children
        ]
    return record


# ---------------------------------------------------------------- writing


def save_record(db: Database, entity_name: str, record: dict[str, Any]) -> int:
    """Insert (no "id") or update a record and replace its nested lists; one transaction
    with its audit row. InputError for a bad value, StoreError if the file refuses.

    An update that carries ``version`` (the one its editor read) is refused with
    ``StaleRecordError`` when the stored record has moved on since; every update of a
    versioned table raises the stored version by one."""
    ent = entity(entity_name)
    record = dict(record)
    record_id: int | None = record.pop("id", None)
    read_version: int | None = record.pop("version", None)
    if ent.prepare:
        ent.prepare(record, record_id is not None)
    if record_id is None and ent.on_insert:
        ent.on_insert(db, record)
    nested_keys = {n.key for n in ent.nested}
    row = _stored_row(db, ent.table, record, nested_keys)
    nested_rows = {
        n.key: [
            _stored_row(db, n.table, dict(child), {"id", n.parent_column})
            for child in record[n.key]
        ]
        for n in ent.nested
        if n.key in record
    }
    with sqlite_errors_as_store_errors(db=db):
        try:
            with db.atomic():
                before = get_record(db, entity_name, record_id) if record_id is not None else None
                if before is not None and record_id is not None and "version" in before:
                    if read_version is not None and read_version != before["version"]:
                        raise _stale(db, ent, record_id, read_version)
                    row["version"] = before["version"] + 1
                if record_id is None:
                    # One-column integer key, so last_pk is the new id (sqlite-utils types it Any).
                    last_pk: Any = db.table(ent.table).insert(row).last_pk
                    record_id = int(last_pk)
                    action = "insert"
                else:
                    if row:
                        db.table(ent.table).update(record_id, row)
                    action = "update"
                for n in ent.nested:
                    if n.key in nested_rows:
                        db.execute(
                            f"DELETE FROM {n.table} WHERE {n.parent_column} = ?", [record_id]
                        )
                        db.table(n.table).insert_all(
                            [{**child, n.parent_column: record_id} for child in nested_rows[n.key]]
                        )
                after = get_record(db, entity_name, record_id)
                write_audit(db, ent.table, record_id, action, before, after)
        except sqlite3.IntegrityError as error:
            raise _integrity_message(ent, error) from None
    return record_id


def delete_record(
    db: Database, entity_name: str, record_id: int, version: int | None = None
) -> None:
    """Delete a record and its nested rows; refused while other records refer to it, and
    (with ``version``) when someone changed it after the caller read it."""
    ent = entity(entity_name)
    with sqlite_errors_as_store_errors(db=db):
        try:
            with db.atomic():
                before = get_record(db, entity_name, record_id)
                if version is not None and before.get("version", version) != version:
                    raise _stale(db, ent, record_id, version)
                db.execute(f"DELETE FROM {ent.table} WHERE id = ?", [record_id])
                write_audit(db, ent.table, record_id, "delete", before, None)
        except sqlite3.IntegrityError:
            raise StoreError(
                f"Zapisa {record_id} iz »{ent.table}« ni mogoče izbrisati, ker se nanj sklicujejo "
                "drugi zapisi (npr. namestitve ali primeri). Najprej izbrišite te.",
                kind="referenced",
            ) from None


#: how many of the latest changes a refused save reads for the fields it names
_STALE_CHANGES_NAMED = 50


def _stale(db: Database, ent: Entity, record_id: int, read_version: int) -> StaleRecordError:
    """Who last changed the record since `read_version`, when, and which fields every
    change since then touched (the log; a second save after the other screen's first
    named only its own fields, maybe none the editor had seen change)."""
    changes = db.execute(
        "SELECT at, user_name, os_user, before, after FROM audit_log "
        "WHERE table_name = ? AND record_id = ? ORDER BY id DESC LIMIT ?",
        [ent.table, record_id, _STALE_CHANGES_NAMED],
    ).fetchall()
    who, when, fields = "drug uporabnik ali zaslon", "", []
    for index, (at, user_name, os_user, before_json, after_json) in enumerate(changes):
        before = json.loads(before_json) if before_json else {}
        after = json.loads(after_json) if after_json else {}
        if index == 0:
            who = user_name or os_user or who
            when = local_moment(at)
        elif (after.get("version") or 0) <= read_version:
            break  # the editor read the record after this change
        for key in after:
            if key != "version" and before.get(key) != after.get(key):
                label = field_label(key)
                if label and label not in fields:
                    fields.append(label)
    return StaleRecordError(ent.table, record_id, who, when, fields)


def _integrity_message(ent: Entity, error: sqlite3.IntegrityError) -> StoreError:
    text = str(error)
    if "resolution_no" in text:
        return StoreError(
            "Številka sklepa je v tej podskupini in letu že uporabljena. Vnesite drugo številko."
        )
    if "case_uuid" in text:
        return StoreError(
            "Primer s to oznako (UUID) je v evidenci že zapisan; isti primer ne more biti "
            "vpisan dvakrat."
        )
    if "FOREIGN KEY" in text:
        return StoreError(
            f"Zapis »{ent.table}« se sklicuje na zapis, ki ne obstaja (npr. rejnik, otrok, "
            "center). Izberite obstoječega."
        )
    if "UNIQUE" in text:
        return StoreError(f"Tak zapis v »{ent.table}« že obstaja ({text.split(':')[-1].strip()}).")
    if "CHECK" in text or "NOT NULL" in text:
        return StoreError(
            f"Zapis »{ent.table}« ni popoln ali ima nedovoljeno vrednost ({text}). "
            "Dovoljeni odstotki so 25 in 50; konec obdobja ne sme biti pred začetkom."
        )
    return StoreError(f"Zapisa »{ent.table}« ni mogoče shraniti: {text}.")


# ---------------------------------------------------------------- settings and helpers


def all_settings(db: Database) -> dict[str, str]:
    return {row["key"]: row["value"] for row in db["settings"].rows}


def get_setting(db: Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(db: Database, key: str, value: str) -> None:
    """Change one setting, audited, in one transaction."""
    with sqlite_errors_as_store_errors(db=db):
        with db.atomic():
            before = get_setting(db, key)
            db.table("settings").upsert({"key": key, "value": str(value)}, pk="key")
            write_audit(db, "settings", None, "update", {key: before}, {key: str(value)})


def candidate_changes(db: Database, subgroup_id: int, since: date) -> list[dict[str, Any]]:
    """Candidates added or removed on or after `since`: [{"change": "added"|"removed", …}]."""
    day = since.isoformat()
    changes = []
    for row in list_records(db, "candidates", subgroup_id=subgroup_id):
        if row["added_on"] and row["added_on"].isoformat() >= day:
            changes.append({"change": "added", "on": row["added_on"], **row})
        if row["removed_on"] and row["removed_on"].isoformat() >= day:
            changes.append({"change": "removed", "on": row["removed_on"], **row})
    return sorted(changes, key=lambda c: (c["on"], c["name"]))


def rate_rows(db: Database) -> list[dict[str, Any]]:
    """Rate table rows in order: {"valid_from": date, "board", "fee": Decimal, "source"}."""
    return [{k: v for k, v in row.items() if k != "id"} for row in list_records(db, "rates")]


def set_subgroup_centres(db: Database, assignment: dict[int, int]) -> None:
    """Move centres between subgroups ({centre_id: subgroup_id}) in one audited transaction.

    The assignment is a setting (the minister decides); saving two subgroups one after the
    other could not move a centre, since a centre belongs to exactly one subgroup."""
    with sqlite_errors_as_store_errors(db=db):
        try:
            with db.atomic():
                before = {
                    row["centre_id"]: row["subgroup_id"] for row in db["subgroup_centres"].rows
                }
                db.table("subgroup_centres").upsert_all(
                    [{"centre_id": c, "subgroup_id": s} for c, s in assignment.items()],
                    pk="centre_id",
                )
                after = {
                    row["centre_id"]: row["subgroup_id"] for row in db["subgroup_centres"].rows
                }
                write_audit(db, "subgroup_centres", None, "update", before, after)
        except sqlite3.IntegrityError:
            raise StoreError(
                "Razporeditve centrov ni mogoče shraniti: podskupina mora biti od 1 do 6, center pa "
                "obstoječ."
            ) from None
