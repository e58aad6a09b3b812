"""A restored older copy of the database, accepted on purpose (SPEC 5, the audit log).

The installation remembers the head of each file's change log (``store.audit_keys``), and
so does the newest backup. A file whose log no longer reaches that head lost its newest
rows — cut out by someone, or because the user restored an older backup, as the program
itself advises after damage. The program cannot tell the two apart, so it keeps saying so
at every opening and in ``check`` (a later change does not hide it) until the user, who
knows, accepts the restored copy here: the log must verify row by row, the acceptance is
itself a row of the log (which rows the installation knew, which the file has), the head
is recorded anew, and a backup of the accepted file is made. The older backups, which
hold the lost rows, stay in the backups folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rejnistvo.store import Database, StoreError, audit
from rejnistvo.store.backup import backup_accepted_copy

ACTION = "accept_restored_copy"


@dataclass(frozen=True)
class RestoredCopy:
    """What the change log's heads say about an older copy."""

    known_id: int  # the newest row this installation or the newest backup knew
    last_id: int  # the file's newest row now


def restored_copy(db: Database) -> RestoredCopy | None:
    """The lost rows of a file whose change log no longer reaches a recorded head, or
    None when it reaches them all (the usual case)."""
    heads = audit.unreached_heads(db, getattr(db, "path", None))
    if not heads:
        return None
    return RestoredCopy(max(h.last_id for h in heads), audit.current_head(db).last_id)


def accept_restored_copy(db: Database) -> Path:
    """Accept the open file as a restored older copy; returns the backup made of it.

    Raises StoreError when there is nothing to accept or the log does not verify row by
    row (then it is not a restore: see ``check``)."""
    found = restored_copy(db)
    if found is None:
        raise StoreError("Dnevnik sprememb doseže vse znane vrstice: ni obnovljene kopije.")
    audit.require_intact_chain(db)
    with db.atomic():
        audit.write_audit(
            db,
            "audit_log",
            None,
            ACTION,
            before={"last_id": found.known_id},
            after={"last_id": found.last_id},
        )
    audit.replace_recorded_head(db)
    return backup_accepted_copy(db)
