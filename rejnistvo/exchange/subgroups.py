"""Which subgroups a database file serves, for importing proposals without `--subgroup`.

A coordinator's file knows its subgroup: the ``own_subgroups`` setting when the user set
it (e.g. "3" or "3,5"), otherwise the subgroups of the coordinators entered in the file.
A file that knows none refuses the import rather than accept another subgroup's
proposal (issue 15: a wrong success).
"""

from __future__ import annotations

from rejnistvo.exchange.errors import PackageError
from rejnistvo.store import Database

SETTING = "own_subgroups"


def own_subgroups(db: Database) -> frozenset[int]:
    """The subgroups this file serves (possibly none)."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [SETTING]).fetchone()
    if row and row[0]:
        numbers = {int(part) for part in str(row[0]).replace(" ", "").split(",") if part.isdigit()}
        return frozenset(n for n in numbers if 1 <= n <= 6)
    rows = db.execute("SELECT DISTINCT subgroup_id FROM coordinators").fetchall()
    return frozenset(int(r[0]) for r in rows if r[0] is not None and 1 <= int(r[0]) <= 6)


def subgroups_for_import(db: Database, kind: str, given: set[int] | None) -> set[int] | None:
    """`given` (--subgroup) if any; for a proposal otherwise the file's own, or refuse."""
    if given:
        return given
    if kind != "proposal":
        return None
    own = own_subgroups(db)
    if not own:
        raise PackageError(
            "Ta evidenca ne ve, katero podskupino vodi (ni vpisanega koordinatorja in ni "
            "nastavitve). Navedite podskupino z --subgroup N ali vpišite koordinatorja."
        )
    return set(own)
