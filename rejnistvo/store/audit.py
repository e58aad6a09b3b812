"""Append-only processing log (ZVOP-2) with a keyed hash chain.

Each row stores who (the name of the person at this computer, given to the open file
with ``set_acting_user``, and the OS account), when, which record, and the values before and after, as JSON. Triggers refuse UPDATE, DELETE and
any INSERT that is not the next row (so REPLACE INTO cannot overwrite one).

Each row's ``hash`` chains it to the previous row. Since schema step m006 it is an
HMAC-SHA256 with a key kept outside the file, in the installation's config folder
(``audit_keys``), named by the row's ``key_id``: someone who has only the file can no
longer re-hash a rewritten chain. Rows written before m006 keep their plain SHA-256
(``key_id`` NULL); after the first keyed row every row must be keyed. Deleting the
newest rows leaves a valid shorter chain, so the head (count, last id and hash) is also
recorded outside the file — in the config folder and, implicitly, in every backup — and
``verify_audit_chain`` reports a chain that no longer reaches them.
"""

from __future__ import annotations

import functools
import getpass
import hashlib
import hmac
import json
import sqlite3
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from sqlite_utils import Database

from rejnistvo.clock import SystemClock
from rejnistvo.config_dir import config_dir
from rejnistvo.store import audit_keys
from rejnistvo.store.schema import AUDIT_TRIGGERS

GENESIS = "0" * 64
APPEND_TRIGGER = "audit_log_append_only"
DATABASE_ID = "database_id"
_CONTENT_FIELDS = (
    "id",
    "at",
    "user_name",
    "os_user",
    "table_name",
    "record_id",
    "action",
    "before",
    "after",
)


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def to_json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)


# The same text as json.dumps(..., ensure_ascii=False), without a new encoder per row.
_encode = json.JSONEncoder(ensure_ascii=False).encode


def row_hash(prev_hash: str, row: dict[str, Any], key: bytes | None = None) -> str:
    """SHA-256 (rows before m006) or, with the key, HMAC-SHA256 that covers the key id."""
    fields = [row.get(name) for name in _CONTENT_FIELDS]
    if key is None:
        content = _encode(fields)
        return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()
    content = _encode([*fields, row.get("key_id")])
    return hmac.digest(key, (prev_hash + content).encode("utf-8"), "sha256").hex()


@functools.cache
def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no account name (odd environments): still log the change
        return "?"


# Who works on each open file, by its Database object: the window gives the name kept on
# its computer. Not the file's settings: two clerks sharing one file on a shared drive
# would both be logged under the name the last of them saved there.
_acting_users: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


def set_acting_user(db: Database, name: str) -> None:
    """Record every later change made through `db` as made by `name` (the window: the
    name set on this computer in Nastavitve → Splošno, else the login name)."""
    _acting_users[db] = name.strip()


def acting_user(db: Database) -> str:
    """Who makes the changes through `db`: the name given with ``set_acting_user``; for
    a file opened without one (the command line, a script), the name saved in the
    file's settings as before; else the login name, as the window gives when no name is
    set — a change, a proposal's author and a package's sender always name someone."""
    given = _acting_users.get(db)
    if given:
        return given
    row = db.execute("SELECT value FROM settings WHERE key = 'user_name'").fetchone()
    return (str(row[0] or "") if row else "") or os_user()


def write_audit(
    db: Database,
    table: str,
    record_id: int | None,
    action: str,
    before: Any = None,
    after: Any = None,
    at: datetime | None = None,
) -> None:
    """Append one row. Call inside the transaction of the change it records.

    ``at``: when the change was made; by default the real time now (``SystemClock``), not
    a what-if day: the change log records when someone changed the file."""
    write_audits(db, [AuditEntry(table, record_id, action, before, after)], at)


class AuditEntry(NamedTuple):
    """One change to record: which record of which table, what was done, before/after.
    (A named tuple: the module is on the window's start path, where a dataclass costs
    ~0.4 ms to make and this ~0.05 ms.)"""

    table: str
    record_id: int | None
    action: str
    before: Any = None
    after: Any = None


def write_audits(db: Database, entries: Iterable[AuditEntry], at: datetime | None = None) -> None:
    """Append a row per entry, chained in their order, in one statement: what a batch of
    changes in one transaction records (54,000 settlements: the last row, the user, the
    key and the time read once, not once a row). Call inside that transaction."""
    cursor = db.execute("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1")
    columns = [d[0] for d in cursor.description]
    last = cursor.fetchone()
    previous = dict(zip(columns, last, strict=True)) if last else None
    prev_hash = previous["hash"] if previous else GENESIS
    next_id = (previous["id"] + 1) if previous else 1
    common = {
        "at": (at or SystemClock().now()).astimezone(UTC).isoformat(timespec="seconds"),
        "user_name": acting_user(db),
        "os_user": os_user(),
    }
    keyed = "key_id" in columns  # m006 applied: the chain is keyed from here on
    key_id, key = audit_keys.own_key() if keyed else (None, None)
    rows = []
    for entry in entries:
        row: dict[str, Any] = {
            "id": next_id,
            **common,
            "table_name": entry.table,
            "record_id": entry.record_id,
            "action": entry.action,
            "before": to_json(entry.before),
            "after": to_json(entry.after),
        }
        if keyed:
            row["key_id"] = key_id
        row["prev_hash"] = prev_hash
        row["hash"] = prev_hash = row_hash(prev_hash, row, key)
        rows.append(tuple(row.values()))
        next_id += 1
    if not rows:
        return
    # Plain SQL: sqlite-utils' insert introspects the table on every call (~1 ms a row).
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    db.conn.executemany(f"INSERT INTO audit_log ({names}) VALUES ({marks})", rows)


def audit_rows(
    db: Database, table: str | None = None, record_id: int | None = None
) -> list[dict[str, Any]]:
    """Log rows, oldest first, optionally of one table and record; before/after parsed."""
    where: list[str] = []
    params: list[str | int] = []
    if table is not None:
        where.append("table_name = ?")
        params.append(table)
    if record_id is not None:
        where.append("record_id = ?")
        params.append(record_id)
    rows = db["audit_log"].rows_where(" AND ".join(where) or None, params, order_by="id")
    result = []
    for row in rows:
        row["before"] = json.loads(row["before"]) if row["before"] else None
        row["after"] = json.loads(row["after"]) if row["after"] else None
        result.append(row)
    return result


@dataclass
class ChainState:
    """Where a verification ended: the rows seen and the last row that matched."""

    problems: list[str] = field(default_factory=list)
    count: int = 0
    last_id: int = 0
    last_hash: str = GENESIS
    verified_id: int = 0
    verified_hash: str = GENESIS


def database_id(db: Database) -> str | None:
    try:
        row = db.execute("SELECT value FROM settings WHERE key = ?", [DATABASE_ID]).fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row and row[0] else None


def head_key(db: Database, db_path: Path | str | None = None) -> str | None:
    """Which head in the installation folder is this file's: its ``database_id`` and
    where it lives (a copy elsewhere, e.g. a test's or a second office's, has its own)."""
    ident = database_id(db)
    if ident is None:
        return None
    path = db_path if db_path is not None else getattr(db, "path", None)
    return f"{ident}|{Path(path).resolve()}" if path is not None else ident


def _has_key_column(db: Database) -> bool:
    return any(row[1] == "key_id" for row in db.execute("PRAGMA table_info(audit_log)"))


def _scan(db: Database, state: ChainState, after_id: int, prev_hash: str) -> None:
    """Check rows with id > after_id against `prev_hash`, extending `state`.

    Rows are read as tuples in the hashed order (content fields, key id, prev, hash), so
    a row's digest is computed from a slice: the same text as ``row_hash``, no dict."""
    keyed_seen = False
    keyed = _has_key_column(db)
    missing_keys: dict[str, tuple[int, object, object]] = {}
    keys: dict[str, bytes | None] = {}
    sql = (
        f"SELECT {', '.join(_CONTENT_FIELDS)}, {'key_id' if keyed else 'NULL'}, prev_hash, hash "
        "FROM audit_log WHERE id > ? ORDER BY id"
    )
    width = len(_CONTENT_FIELDS)
    broken = bool(state.problems)
    for values in db.execute(sql, [after_id]):
        row_id, key_id, row_prev, row_digest = values[0], values[width], values[-2], values[-1]
        problem = None
        if row_prev != prev_hash:
            problem = (
                f"Dnevnik sprememb, vrstica {row_id}: ne nadaljuje prejšnje vrstice "
                "(vrstica je bila izbrisana ali vstavljena zunaj programa)."
            )
        elif key_id is None and keyed_seen:
            problem = (
                f"Dnevnik sprememb, vrstica {row_id}: ni podpisana s ključem kot vrstice "
                "pred njo (zapisana je bila zunaj programa)."
            )
        elif key_id is None:
            content = (prev_hash + _encode(list(values[:width]))).encode("utf-8")
            if hashlib.sha256(content).hexdigest() != row_digest:
                problem = _altered(row_id)
        else:
            keyed_seen = True
            if key_id not in keys:
                keys[key_id] = audit_keys.key_for(str(key_id))
            key = keys[key_id]
            if key is None:
                # who wrote the first row it signed: the computer whose key is needed
                missing_keys.setdefault(str(key_id), (row_id, values[2], values[3]))
            else:
                content = (prev_hash + _encode(list(values[: width + 1]))).encode("utf-8")
                digest = hmac.digest(key, content, "sha256").hex()
                if not hmac.compare_digest(digest, str(row_digest)):
                    problem = _altered(row_id)
        if problem is not None:
            state.problems.append(problem)
            broken = True
        elif not broken and str(key_id) not in missing_keys:
            state.verified_id, state.verified_hash = row_id, row_digest
        state.count += 1
        state.last_id, state.last_hash = row_id, row_digest
        prev_hash = row_digest
    for key_id, (first, user_name, account) in missing_keys.items():
        # Two clerks sharing the file on a shared disk each have their own key: on the
        # other computer this was said at every start, naming only a key (QA73). Who
        # wrote the rows tells the IT person which computer's key to bring, and how.
        who = f" (prvo je vpisal {user_name or account}, uporabniški račun {account})"
        state.problems.append(
            f"Dnevnik sprememb: vrstic od {first} naprej{who}, podpisanih s ključem "
            f"{key_id}, ni mogoče preveriti, ker tega ključa ni na tem računalniku. Če jih je "
            "vpisal drug računalnik, ki si deli to zbirko, tam shranite ključe z ukazom "
            "»backup --db … --out … --keys MAPA« in jih kopirajte v mapo "
            f"»{config_dir(create=False) / audit_keys.KEYS_DIR}«."
        )


def _altered(row_id: int) -> str:
    return (
        f"Dnevnik sprememb, vrstica {row_id}: vsebina ne ustreza zapisanemu "
        "odtisu (vrstica je bila spremenjena zunaj programa)."
    )


def _trigger_problems(db: Database) -> list[str]:
    present = {trigger.name for trigger in db.table("audit_log").triggers}
    expected = list(AUDIT_TRIGGERS) + ([APPEND_TRIGGER] if _has_key_column(db) else [])
    return [
        f"Dnevnik sprememb ni več zaščiten: manjka sprožilec {name}."
        for name in expected
        if name not in present
    ]


@dataclass(frozen=True)
class UnreachedHead:
    """A head recorded outside the file that the file's chain no longer reaches."""

    where: str  # "ta računalnik" or "varnostna kopija <name>"
    last_id: int
    gone: bool  # the row is gone (a cut tail, an older copy) rather than another in its place


def unreached_heads(db: Database, db_path: Path | None = None) -> list[UnreachedHead]:
    """The heads recorded outside the file (this installation's, the newest backup's)
    that the chain no longer reaches: the same row with the same hash."""
    key = head_key(db, db_path)
    heads: list[tuple[str, int, str]] = []
    if key is not None:
        head = audit_keys.read_head(key)
        if head is not None and head.last_id:
            heads.append(("ta računalnik", head.last_id, head.last_hash))
    if db_path is not None:
        newest = _newest_backup_head(db_path, database_id(db))
        if newest is not None:
            heads.append(newest)
    found = []
    for where, last_id, last_hash in heads:
        there = _hash_of(db, last_id)
        if there != last_hash:
            found.append(UnreachedHead(where, last_id, gone=there is None))
    return found


def _head_problems(db: Database, state: ChainState, db_path: Path | None) -> list[str]:
    """The chain must still reach every head recorded outside the file."""
    return [
        (
            f"Dnevnik sprememb je krajši, kot ga pozna {head.where} (zadnja znana vrstica "
            f"{head.last_id}, zdaj {state.last_id}): najnovejše vrstice so bile izbrisane ali "
            "pa je bila obnovljena starejša kopija zbirke."
        )
        if head.gone
        else (
            f"Dnevnik sprememb se ne ujema z ohranjeno glavo ({head.where}, vrstica "
            f"{head.last_id}): dnevnik je bil prepisan zunaj programa ali pa je bila "
            "obnovljena starejša kopija zbirke, v katero so bile nato vpisane spremembe."
        )
        for head in unreached_heads(db, db_path)
    ]


def _newest_backup_head(db_path: Path, ident: str | None) -> tuple[str, int, str] | None:
    """The last audit row of the newest backup of this same database, if any."""
    from rejnistvo.store.backup import list_backups

    for backup in reversed(list_backups(db_path)):
        try:
            conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
        except sqlite3.Error:
            continue
        try:
            their = conn.execute(
                "SELECT value FROM settings WHERE key = ?", [DATABASE_ID]
            ).fetchone()
            if ident is None or their is None or their[0] != ident:
                continue
            last = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")
            row = last.fetchone()
            if row is not None:
                return (f"varnostna kopija {backup.name}", int(row[0]), str(row[1]))
        except sqlite3.Error:
            continue
        finally:
            conn.close()
        return None
    return None


def verify_audit_chain(db: Database, db_path: Path | None = None) -> list[str]:
    """Every problem with the whole log, in Slovenian; empty when every row is as written.

    `db_path` (the file's path) also compares the chain with its newest backup's head."""
    state = ChainState(problems=_trigger_problems(db))
    if db_path is None:
        db_path = getattr(db, "path", None)
    _scan(db, state, 0, GENESIS)
    state.problems += _head_problems(db, state, db_path)
    if not state.problems:
        remember_head(db, state, db_path)
    return state.problems


def verify_since_last(db: Database) -> list[str]:
    """Fast open: verify only the rows after the last one this installation verified.

    The recorded row must still be there with the same hash; otherwise (or with no
    record) the whole chain is verified."""
    key = head_key(db)
    head = audit_keys.read_head(key) if key else None
    start_id, start_hash, count = 0, GENESIS, 0
    if head is not None and head.verified_id:
        if _hash_of(db, head.verified_id) == head.verified_hash:
            start_id, start_hash = head.verified_id, head.verified_hash
            count = int(
                db.execute("SELECT count(*) FROM audit_log WHERE id <= ?", [start_id]).fetchone()[0]
            )
    state = ChainState(
        problems=_trigger_problems(db),
        count=count,
        last_id=start_id,
        last_hash=start_hash,
        verified_id=start_id,
        verified_hash=start_hash,
    )
    _scan(db, state, start_id, start_hash)
    state.problems += _head_problems(db, state, None)
    remember_head(db, state)
    return state.problems


def _hash_of(db: Database, row_id: int) -> str | None:
    """The hash of the log's row `row_id`; None when there is no such row."""
    row = db.execute("SELECT hash FROM audit_log WHERE id = ?", [row_id]).fetchone()
    return None if row is None else str(row[0])


def require_intact_chain(db: Database) -> None:
    """Raise StoreError unless every row of the chain verifies (and its triggers are
    there): before a restored older copy is accepted. Rows altered, inserted or signed
    with an unknown key are not what a restore leaves."""
    from rejnistvo.store.errors import StoreError

    state = ChainState(problems=_trigger_problems(db))
    _scan(db, state, 0, GENESIS)
    if state.problems:
        raise StoreError("Obnovljene kopije ni mogoče sprejeti. " + state.problems[0])


def replace_recorded_head(db: Database, db_path: Path | None = None) -> audit_keys.Head:
    """Record the chain's head as this installation's although it no longer reaches the
    one recorded before: the user accepted a restored older copy (after
    ``require_intact_chain`` and the audit row saying so, which is the head now)."""
    head = current_head(db)
    head.verified_id, head.verified_hash = head.last_id, head.last_hash
    ident = head_key(db, db_path)
    if ident is not None:
        audit_keys.record_head(ident, head, replace=True)
    return head


def current_head(db: Database) -> audit_keys.Head:
    row = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    count = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    return audit_keys.Head(
        count=int(count),
        last_id=int(row[0]) if row else 0,
        last_hash=str(row[1]) if row else GENESIS,
    )


def remember_head(
    db: Database, state: ChainState | None = None, db_path: Path | str | None = None
) -> None:
    """Record the chain's head (and how far it was verified) outside the file."""
    ident = head_key(db, db_path)
    if ident is None:
        return
    try:
        old = audit_keys.read_head(ident)
        if old is not None and old.last_id and _hash_of(db, old.last_id) != old.last_hash:
            # A cut tail or a restored older copy stays reported until the user accepts
            # it (services.restored_copy): a later change must not hide it.
            return
        if state is None:
            head = current_head(db)
            if old is not None:
                head.verified_id, head.verified_hash = old.verified_id, old.verified_hash
        else:
            head = audit_keys.Head(
                state.count, state.last_id, state.last_hash, state.verified_id, state.verified_hash
            )
    except sqlite3.Error:
        return
    audit_keys.record_head(ident, head)
