"""Where a record stands in its list's first order, from the record the list shows.

A record saved new in Rejniki, Otroci or Namestitve is put into the shown list where
the list's query would have put it (issue 13: in its sorted place, selected, without
reading the list again). These keys mirror those queries' ``ORDER BY``: the stored
``surname_key`` (m009, ``rules.text.surname_sort_keys``) and ``name_key`` (the name
casefolded), compared as Python compares strings — by code point, as SQLite compares
UTF-8 text.
"""

from __future__ import annotations

from typing import Any

from rejnistvo.rules.text import surname_sort_keys


def _name_keys(*names: Any) -> list[str]:
    return surname_sort_keys([str(name or "") for name in names])


def person_order(record: dict[str, Any]) -> tuple[str, str, int]:
    """A carer's or child's place (``people._person_pages``: surname_key, name_key, id)."""
    name = str(record.get("name") or "")
    return (_name_keys(name)[0], name.casefold(), int(record.get("id") or 0))


def placement_order(record: dict[str, Any]) -> tuple[str, str, str, int]:
    """A placement's place (``placements.placement_pages``: the carer's surname_key, the
    child's, the carer's name_key, id — the columns of store step m016's index
    ``placement_order_list``, which SQLite keeps from the carers and children)."""
    carer, child = record.get("carer_name"), record.get("child_name")
    carer_key, child_key = _name_keys(carer, child)
    return (carer_key, child_key, str(carer or "").casefold(), int(record.get("id") or 0))
