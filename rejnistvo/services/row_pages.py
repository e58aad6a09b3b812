"""A long list for a screen, read in pages: what a list of 20,000 records hands the window.

Opening a screen must not turn every record into a dict (issue 13: 150 ms for the first
opening, memory that does not grow with each list). A service therefore answers a list
with ``RowPages``:

* ``ids`` — every record's id, in the list's first order, from one narrow query;
* ``search`` — for each id, the texts of the list's search columns *as the screen shows
  them*, joined by single spaces (the window folds them after the first paint, a slice at
  a time, all of them by the first keystroke): a list, or a sequence that makes its texts
  when sliced — ``TextsOf`` reads them from the file a slice at a time, so the first
  opening of a screen reads only the ids (issue 13: at 20k the texts were ~40 % of what
  Namestitve read before its first paint);
* ``fetch(ids)`` — the display records of just these ids (each a dict with ``"id"``),
  asked for when the rows are about to be painted, a page at a time.

The window keeps only the ids, the search texts and the pages it paints. A record
``fetch`` no longer finds (deleted meanwhile) is simply left out of its answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, overload

Record = dict[str, Any]

#: SQLite's default limit on bound parameters is 999 on old builds
CHUNK = 500


@dataclass(frozen=True)
class RowPages:
    ids: list[int]
    search: Sequence[str]
    fetch: Callable[[Sequence[int]], list[Record]]

    def __post_init__(self) -> None:
        if len(self.ids) != len(self.search):
            raise ValueError("ids and search texts differ in length")

    def __len__(self) -> int:
        return len(self.ids)


def chunks(ids: Sequence[int], size: int = CHUNK) -> Iterator[Sequence[int]]:
    """``ids`` in slices short enough for one ``IN (?, ?, …)``."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def marks(count: int) -> str:
    """``?, ?, ?`` for an ``IN`` list of ``count`` parameters."""
    return ", ".join("?" * count)


def search_text(*parts: object) -> str:
    """The search columns' texts joined as the window joins them (empty parts kept, so the
    folded text matches the window's own join of the shown cells)."""
    return " ".join("" if part is None else str(part) for part in parts)


class TextsOf(Sequence[str]):
    """The search texts of ``ids``, read when the list slices them: ``read(ids)`` answers
    ``{id: text}`` for a run of ids in the list's order, of any length (a look-up by id
    it needs goes in ``chunks``). The list folds them after its
    first paint, a slice at a time in idle moments, and all that are left at the first
    keystroke, sort or save — so a search always sees every row. A text is read as it is
    stored then (a save in between shows its new text); an id no longer found (deleted
    meanwhile) has an empty text, as its row is empty until the list is read again."""

    #: what the list reads in one idle slice: one step of one ``read`` (~1-2 ms at 20k),
    #: not its own 4 ms of 2,000-row steps. Several lists read their texts after their
    #: first paints; a screen opened meanwhile waits for one slice of each, not 4 ms each
    slice_rows = CHUNK // 2
    slice_seconds = 0.0005

    def __init__(self, ids: Sequence[int], read: Callable[[Sequence[int]], Mapping[int, str]]):
        self._ids = list(ids)
        self._read = read

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            wanted = self._ids[index]
            # One read, whatever its length: the texts left at the first keystroke are
            # one range of the list's order, so one query (as the opening read them
            # before), not one a chunk (at 80k: ~1 s of the first key instead of ~0.2).
            found = self._read(wanted) if wanted else {}
            return [found.get(i, "") for i in wanted]
        key = self._ids[index]  # IndexError past the end, as a list
        return self._read([key]).get(key, "")

    def insert_id(self, index: int, record_id: int) -> None:
        """A record added to the list at ``index`` (its text is read with its slice, by
        id when it lies outside the slice's range): the texts after it move with it."""
        self._ids.insert(index, record_id)

    def delete_at(self, index: int) -> None:
        """The row at ``index`` taken out of the list (a deleted record)."""
        del self._ids[index]

    def __iter__(self) -> Iterator[str]:
        for start in range(0, len(self._ids), CHUNK):
            yield from self[start : start + CHUNK]
