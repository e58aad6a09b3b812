"""Search texts read when the list folds them (``row_pages.TextsOf``) and the lists that
use them (Namestitve, R-4): the same texts, in the list's order, as one query gave them
before the first paint; read a chunk at a time; a deleted record's text is empty; a
save between the opening and the fold shows its new text."""

from __future__ import annotations

from dataclasses import replace

import pytest
from _r4_fixtures import TODAY, clock, proposal, r4_db  # noqa: F401 (fixtures)

from rejnistvo.services.placements import placement_pages
from rejnistvo.services.r4_cases import case_pages, list_cases, load_case, save_proposal
from rejnistvo.services.row_pages import CHUNK, TextsOf
from rejnistvo.store import delete_record, get_record, save_record


def _reader(texts: dict[int, str], asked: list[list[int]]):
    def read(ids):
        asked.append(list(ids))
        return {i: texts[i] for i in ids if i in texts}

    return read


def test_texts_of_slices_indexes_and_iterates_in_the_ids_order():
    ids = list(range(1200, 0, -1))  # any order: the texts follow it
    texts = {i: f"t{i}" for i in ids}
    asked: list[list[int]] = []
    lazy = TextsOf(ids, _reader(texts, asked))
    assert len(lazy) == 1200 and asked == []  # nothing read before a slice
    assert lazy[10:13] == ["t1190", "t1189", "t1188"]
    assert lazy[0] == "t1200" and lazy[-1] == "t1"
    with pytest.raises(IndexError):
        lazy[1200]
    asked.clear()
    assert list(lazy) == [texts[i] for i in ids]
    assert all(len(part) <= CHUNK for part in asked) and sum(map(len, asked)) == 1200


def test_a_missing_id_has_an_empty_text():
    lazy = TextsOf([1, 2, 3], _reader({1: "a", 3: "c"}, []))
    assert lazy[0:3] == ["a", "", "c"] and lazy[1] == ""


def _placement_texts(db) -> list[str]:
    rows = db.execute(
        "SELECT t.contract_no || ' ' || c.name || ' ' || ch.name FROM placements t "
        "JOIN carers c ON c.id = t.carer_id JOIN children ch ON ch.id = t.child_id "
        "ORDER BY c.surname_key, ch.surname_key, c.name_key, t.id"
    ).fetchall()
    return [r[0] for r in rows]


def test_placement_texts_are_the_shown_ones_read_when_folded(r4_db):  # noqa: F811
    db = r4_db
    placement = get_record(db, "placements", db.ids["placement"])
    second = dict(placement, contract_no="P-DRUGA")
    for key in ("id", "version", "periods"):
        second.pop(key, None)
    second["periods"] = [
        {"kind": "contract", "from_date": p["from_date"], "to_date": p["to_date"]}
        for p in placement["periods"]
    ]
    save_record(db, "placements", second)
    pages = placement_pages(db)
    assert len(pages.ids) == 2
    # the list folds the texts later: a save in between is read as stored then
    carer = get_record(db, "carers", placement["carer_id"])
    save_record(db, "carers", {**carer, "name": "Marija Preimenovana"})
    assert list(pages.search) == _placement_texts(db)
    assert any("Marija Preimenovana" in text for text in pages.search)


def test_the_texts_left_at_the_first_key_are_read_at_once_and_the_same(r4_db, monkeypatch):  # noqa: F811
    """A slice longer than an idle one (the rest, at the first keystroke) is one read:
    one scan of every placement, the same texts as the slices of the carers' range."""
    import rejnistvo.services.placements as placements

    db = r4_db
    placement = get_record(db, "placements", db.ids["placement"])
    for number in range(3):
        other = {k: v for k, v in placement.items() if k not in ("id", "version", "periods")}
        other["contract_no"] = f"P-{number}"
        other["periods"] = [
            {"kind": "contract", "from_date": p["from_date"], "to_date": p["to_date"]}
            for p in placement["periods"]
        ]
        save_record(db, "placements", other)
    pages = placement_pages(db)
    sliced = [pages.search[i : i + 1][0] for i in range(len(pages.ids))]
    asked: list[int] = []
    real = placements.placement_texts_in_order  # one run of m017's index

    def counted(db, ids):
        asked.append(len(ids))
        return real(db, ids)

    monkeypatch.setattr(placements, "_READ_ALL_FROM", 1)
    monkeypatch.setattr(placements, "placement_texts_in_order", counted)
    whole = placement_pages(db).search
    assert whole[0:] == sliced == _placement_texts(db)
    assert asked == [len(sliced)]  # one read, not one a chunk


def test_r4_texts_by_id_range_and_a_deleted_case(r4_db, clock):  # noqa: F811
    db = r4_db
    first = db.case
    second_id = save_proposal(db, replace(first.proposal, case_no="1220-9/2026")).id
    third_id = save_proposal(db, replace(first.proposal, case_no="1220-10/2026")).id
    pages = case_pages(db)
    assert pages.ids == [c.id for c in sorted(list_cases(db), key=lambda c: c.id)]
    expected = [
        f"{c.proposal.case_no or ''} {c.child_name or ''} {c.carer_name or ''}"
        for c in sorted(list_cases(db), key=lambda c: c.id)
    ]
    assert list(pages.search) == expected
    delete_record(db, "r4_cases", second_id, load_case(db, second_id).version)
    fresh = case_pages(db)
    assert second_id not in fresh.ids
    assert pages.search[0:3] == [expected[0], "", expected[2]]  # read now: gone, empty
    assert third_id in fresh.ids
