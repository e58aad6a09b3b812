"""Which local R-4 case a package's case UUID stands for, in both databases.

The identity is the store's column ``r4_cases.case_uuid`` (unique; schema step m003,
which also moved the rows of the exchange's former table ``exchange_cases`` into it).
A case gets its UUID when it first travels: the centre's export of the proposal, or the
import of a proposal at the coordinator, which keeps the sender's UUID.
"""

from __future__ import annotations

from rejnistvo.exchange.package import new_case_uuid
from rejnistvo.store import Database


def uuid_for_case(db: Database, case_id: int) -> str | None:
    """The case's UUID, or None while the case has never travelled."""
    row = db.execute("SELECT case_uuid FROM r4_cases WHERE id = ?", [case_id]).fetchone()
    return row[0] if row else None


def case_for_uuid(db: Database, case_uuid: str) -> int | None:
    """The local case with this UUID, if the file has it."""
    row = db.execute("SELECT id FROM r4_cases WHERE case_uuid = ?", [case_uuid]).fetchone()
    return int(row[0]) if row else None


def ensure_uuid(case: dict[str, object]) -> str:
    """The UUID of a case record (from ``get_record``), giving it a new one if it has none.

    Only the dict is changed: the caller saves it with its other changes, in its own
    transaction, so the UUID is written (and audited) together with them.
    """
    value = case.get("case_uuid")
    if isinstance(value, str) and value:
        return value
    case["case_uuid"] = new_case_uuid()
    return str(case["case_uuid"])
