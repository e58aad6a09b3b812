"""Finding a placement by what is typed: a few choices at a time, never the whole list.

A screen that lets the user pick one placement (Izračun, the R-4 and R-5 editors) asks for the first page when it
opens and for the matches of the typed text as the user types; 20,000 placements are
never turned into 20,000 combo items (issue 13: first opening, memory).
"""

from __future__ import annotations

from typing import Any

from rejnistvo.rules.text import MARKED, fold, fold_all, like_pattern
from rejnistvo.store.errors import sqlite_errors_as_store_errors
from rejnistvo.store.reads import read_rows

#: choices offered at a time: a screenful in a popup, a moment to read from the file
DEFAULT_LIMIT = 50

_COLUMNS = "t.id, t.contract_no, ch.name AS child_name, c.name AS carer_name"
# The Namestitve list's order (carer's surname, child's surname, Slovenian alphabet: Č
# after C, not after Z), from the index SQLite keeps for it; without a text the first
# page is read through that index at once (CROSS JOIN keeps SQLite from sorting every
# placement first).
_ORDER = "o.carer_key, o.child_key, o.carer_name_key, o.placement_id"
_FIRST_PAGE = (
    f"SELECT {_COLUMNS} FROM placement_order o CROSS JOIN placements t "
    "ON t.id = o.placement_id JOIN carers c ON c.id = t.carer_id "
    f"JOIN children ch ON ch.id = t.child_id ORDER BY {_ORDER} LIMIT ?"
)
_MATCHING = (
    f"SELECT {_COLUMNS} FROM placements t JOIN carers c ON c.id = t.carer_id "
    "JOIN children ch ON ch.id = t.child_id "
    "JOIN placement_order o ON o.placement_id = t.id WHERE {where} ORDER BY " + _ORDER
)
_WORD = (
    "(c.name_key LIKE ? ESCAPE '\\' OR ch.name_key LIKE ? ESCAPE '\\' "
    "OR lower(t.contract_no) LIKE ? ESCAPE '\\')"
)


def _words(text: str) -> list[str]:
    # "RP-1/2026 – Ana Novak – Marija Kos" (a label typed back) is three searches for
    # words; a lone dash between them is no word.
    return [word for word in text.split() if any(ch.isalnum() for ch in word)]


def find_placements(db: Any, text: str = "", limit: int = DEFAULT_LIMIT) -> list[dict[str, Any]]:
    """Up to ``limit`` placements, in the list's order (by the carer's name), each word of
    ``text`` found in the contract number, the child's or the carer's name (case and
    č/š/ž do not matter: "cebasek" finds Čebašek). Each as ``{"id", "contract_no",
    "child_name", "carer_name"}``."""
    words = _words(text)
    with sqlite_errors_as_store_errors(db=db):
        if not words:
            return read_rows(db, _FIRST_PAGE, [limit])
        sql = _MATCHING.format(where=" AND ".join([_WORD] * len(words)))
        params = [like for word in words for like in [like_pattern(word)] * 3]
        wanted = [fold(word) for word in words]
        # The first page of the SQL answer is a top-N sort (never all matches sorted):
        # without a marked letter the pattern is exact and that page is the answer. With
        # one (c, s, z, d match any letter: SQLite cannot fold č) the rest is read from
        # one more query, a page at a time, until enough are found: a query a page with
        # a growing OFFSET sorted the matches again for every page, and a word of marked
        # letters that folds to no name (»zzz«, »šž«) matched every placement and took
        # 7 s at 20,000 placements.
        page = limit * 2 if any(ch in MARKED for ch in "".join(words).casefold()) else limit
        found: list[dict[str, Any]] = []
        cursor = db.execute(sql + " LIMIT ?", [*params, page])
        names = [d[0] for d in cursor.description]
        batch = cursor.fetchall()
        rest = None
        while True:
            # each word within one of the three texts, folded as the lists fold them
            keys = fold_all(["\n".join(str(v or "") for v in row[1:]) for row in batch])
            for row, key in zip(batch, keys, strict=True):
                parts = key.split("\n")
                if all(any(w in part for part in parts) for w in wanted):
                    found.append(dict(zip(names, row, strict=True)))
                    if len(found) == limit:
                        return found
            if len(batch) < page:
                return found
            if rest is None:
                rest = db.execute(sql + " LIMIT -1 OFFSET ?", [*params, page])
            batch = rest.fetchmany(page * 10)
            page = page * 10  # a short last batch ends the answer


def placement_choice(db: Any, placement_id: int) -> dict[str, Any] | None:
    """The same narrow row of one placement (None when there is none): the choice shown
    for a placement opened from another screen."""
    sql = (
        f"SELECT {_COLUMNS} FROM placements t JOIN carers c ON c.id = t.carer_id "
        "JOIN children ch ON ch.id = t.child_id WHERE t.id = ?"
    )
    found = read_rows(db, sql, [placement_id])
    return found[0] if found else None


def first_placed_in(db: Any, ids: list[int], first_day: Any, last_day: Any) -> int | None:
    """The first of these placements (in the order given) with a child placed on a day
    from `first_day` to `last_day`: Izračun opens on it, not on a placement that ended
    years ago — in the demo, one that ended before the first rate row, so the screen
    opened on a red »ni vnesenega zneska« (QA51). None when none of them is."""
    if not ids:
        return None
    marks = ", ".join("?" * len(ids))
    with sqlite_errors_as_store_errors(db=db):
        placed = {
            row["placement_id"]
            for row in read_rows(
                db,
                f"SELECT DISTINCT placement_id FROM placement_periods WHERE placement_id IN "
                f"({marks}) AND from_date <= ? AND (to_date IS NULL OR to_date >= ?)",
                [*ids, last_day.isoformat(), first_day.isoformat()],
            )
        }
    return next((i for i in ids if i in placed), None)
