"""services/placement_search.py: a placement found by what is typed, a page at a time
(Izračun's picker never holds every placement)."""

from __future__ import annotations

import pytest

from rejnistvo.services.placement_search import find_placements, placement_choice
from rejnistvo.store import open_db, save_record


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "search.sqlite3")
    yield database
    database.close()


def placement(db, contract: str, carer: str, child: str) -> int:
    carer_id = save_record(db, "carers", {"name": carer})
    child_id = save_record(db, "children", {"name": child})
    return save_record(
        db, "placements", {"contract_no": contract, "carer_id": carer_id, "child_id": child_id}
    )


def test_first_page_in_the_lists_order_and_no_more_than_asked(db):
    ids = {
        name: placement(db, f"RP-{i}/2026", name, f"Otrok {i}")
        for i, name in enumerate(["Zala Zupan", "Ana Čuk", "Maja Kos", "Ana Ahlin"])
    }
    rows = find_placements(db, "", limit=3)
    # ordered by the carer's name (its key), as the Namestitve list
    assert [r["carer_name"] for r in rows] == ["Ana Ahlin", "Ana Čuk", "Maja Kos"]
    assert set(rows[0]) == {"id", "contract_no", "child_name", "carer_name"}
    assert rows[0]["id"] == ids["Ana Ahlin"]


def test_every_word_in_the_contract_or_a_name_any_case(db):
    kos = placement(db, "RP-17/2026", "Maja Kos", "Luka Čebašek")
    placement(db, "RP-18/2026", "Maja Novak", "Ana Kos")
    placement(db, "RP-100%/2026", "Peter Zupan", "Eva Zupan")
    assert [r["id"] for r in find_placements(db, "rp-17")] == [kos]
    assert [r["id"] for r in find_placements(db, "čebašek MAJA")] == [kos]
    assert [r["id"] for r in find_placements(db, "cebasek")] == [kos]  # č = c, š = s
    assert find_placements(db, "cebasekx") == []
    assert len(find_placements(db, "kos")) == 2  # carer of one, child of the other
    # the label typed back ("contract – child – carer") finds its placement
    assert [r["id"] for r in find_placements(db, "RP-17/2026 – Luka Čebašek – Maja Kos")] == [kos]
    # % and _ are letters here, not patterns
    assert [r["contract_no"] for r in find_placements(db, "100%")] == ["RP-100%/2026"]
    assert find_placements(db, "RP_1") == []
    assert find_placements(db, "nikogar") == []


def test_one_placement_by_id(db):
    kos = placement(db, "RP-17/2026", "Maja Kos", "Luka Čebašek")
    assert placement_choice(db, kos) == {
        "id": kos,
        "contract_no": "RP-17/2026",
        "child_name": "Luka Čebašek",
        "carer_name": "Maja Kos",
    }
    assert placement_choice(db, kos + 1) is None


def test_like_pattern_is_shared_by_the_placement_and_person_searches():
    from rejnistvo.rules.text import like_pattern

    assert like_pattern("Čebašek") == "%_eba_ek%"  # any letter where a mark may be
    assert like_pattern("RP_1%") == "%rp\\_1\\%%"  # LIKE's own signs stay literal
    assert like_pattern("0101_9", marked=False) == "%0101\\_9%"
    assert like_pattern("cdz", marked=False) == "%cdz%"


def test_marked_letters_matching_late_or_nowhere_are_read_with_two_queries(db):
    """A word of c/s/z/d (each any letter to SQLite: it cannot fold č) matched every
    placement, and the pages after the first were each a query with a growing OFFSET
    that sorted all matches again: »zzz« at 20,000 placements took 7 s. The rest is now
    one more query read in batches; what is found is the same."""
    for i in range(120):
        placement(db, f"RP-{i}/2026", f"Ana Novak {i:03d}", f"Otrok {i}")
    late = [placement(db, f"RP-9{i}/2026", f"Žiga Zorž {i}", f"Otrok Z{i}") for i in range(3)]
    statements: list[str] = []
    db.conn.set_trace_callback(lambda sql: statements.append(sql))
    try:
        # a small page (limit 5: pages of 10) stands for 20,000 placements in pages of 100
        found = find_placements(db, "zorz", limit=5)
        nowhere = find_placements(db, "zzz", limit=5)
    finally:
        db.conn.set_trace_callback(None)
    assert [r["id"] for r in found] == late  # beyond the first page, in the list's order
    assert nowhere == []
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 4, selects


def test_the_pickers_offer_the_lists_slovenian_order_by_surname(db):
    """The placement and person pickers ordered by the first name's code points: »Špela
    Cesar« came after »Zala …«, a Č- or Š-surname after Z. Now as the lists: by surname,
    Č after C, Š after S."""
    from rejnistvo.services.people import person_choices

    names = ["Špela Cesar", "Bor Zupan", "Zala Šuštar", "Tilen Čuk", "Ana Sever"]
    for i, name in enumerate(names):
        placement(db, f"RP-{i}/2026", name, f"Otrok {name.split()[1]}")
    expected = ["Špela Cesar", "Tilen Čuk", "Ana Sever", "Zala Šuštar", "Bor Zupan"]
    assert [r["carer_name"] for r in find_placements(db, "")] == expected
    assert [r["carer_name"] for r in find_placements(db, "rp")] == expected
    with_a = ["Špela Cesar", "Ana Sever", "Zala Šuštar", "Bor Zupan"]
    assert [label for _, label in person_choices(db, "carers", "a")] == with_a
    assert [label for _, label in person_choices(db, "children", "otrok")] == [
        f"Otrok {name.split()[1]}" for name in expected
    ]
