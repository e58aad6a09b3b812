"""*Roki*'s rows over the service's reminders (``services.deadlines.Deadline`` tuples):
the search texts made when the list reads them, and a page's records when painted. The
list of reminders is shared with the screen, which adds the rest of the list to its end
after the first paint (``deadlines_view``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, overload

from rejnistvo.collector import collector_paused

if TYPE_CHECKING:
    from rejnistvo.services.deadlines import Deadline


class _SearchTexts(Sequence[str]):
    """Roki's search texts: the shown cells joined as the list joins them
    (``services.row_pages.search_text``; a reminder's texts are never None), made when
    the list reads them, a slice at a time after the first paint (59,000 at 80k took
    ~45 ms of the start when made before it)."""

    #: what the list makes and folds in one idle turn (~0.3 ms), not its default 4 ms of
    #: 2,000-row steps: the first turn comes before the window's first paint (its timer
    #: starts with the list), and it took 3-5 ms of Roki's first paint at 20k
    slice_rows = 500
    slice_seconds = 0.0005

    def __init__(self, deadlines: list[Deadline], names: dict[str, str]) -> None:
        self._deadlines = deadlines
        self._names = names

    def __len__(self) -> int:
        return len(self._deadlines)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        names = self._names
        if isinstance(index, slice):
            with collector_paused():  # no cycles among these texts (rejnistvo.collector)
                return [
                    f"{names.get(kind, kind)} {carer} {child} {what}"
                    for _due, _days, kind, what, carer, child, _opens, _id in self._deadlines[index]
                ]
        return self[index : index + 1 or None][0]  # one text, made as a slice's are


def _records(deadlines: list[Deadline], names: dict[str, str], ids: Sequence[int]) -> list[dict]:
    """The records of the rows ``ids`` (row numbers) of Roki's list, as the columns read
    them; ``id`` is the row number."""
    records = []
    for i in ids:
        due, days, kind, what, carer, child, open_kind, open_id = deadlines[i]
        records.append(
            {
                "id": i,
                "due": due,
                "days": days,
                "kind": kind,
                "kind_name": names.get(kind, kind),
                "what": what,
                "carer": carer,
                "child": child,
                "open_kind": open_kind,
                "open_id": open_id,
            }
        )
    return records
