"""Demo carers live somewhere real: the street, then the post code and town of the unit
they belong to ("Kidričeva cesta 28, 4290 Tržič"); before, the address stopped at the
house number, so the R-1 and the refund call printed an address no letter would reach."""

from __future__ import annotations

import re
from datetime import date

from rejnistvo.store import open_db
from rejnistvo.store.demo import fill_demo
from rejnistvo.store.demo_places import post_office

TODAY = date(2026, 12, 3)
ADDRESS = re.compile(r"^[^\d,]+ \d{1,3}, (\d{4}) (\D+)$")


def _carers(path):
    with open_db(path) as db:
        fill_demo(db, today=TODAY)
        return db.execute(
            "SELECT c.address, u.name, s.seat FROM carers c "
            "LEFT JOIN units u ON u.id = c.unit_id JOIN centres s ON s.id = c.centre_id "
            "ORDER BY c.id"
        ).fetchall()


def test_every_carer_has_the_post_code_and_town_of_their_unit(tmp_path):
    rows = _carers(tmp_path / "a.sqlite3")
    assert rows
    towns = set()
    for address, unit, seat in rows:
        found = ADDRESS.match(address)
        assert found, address
        assert f"{found[1]} {found[2]}" == post_office(unit or seat)
        towns.add(found[2])
    assert len(towns) > 5  # carers of many centres, not one town for all


def test_same_file_for_the_same_day(tmp_path):
    assert _carers(tmp_path / "a.sqlite3") == _carers(tmp_path / "b.sqlite3")


def test_units_of_the_catalogue_are_known_post_offices():
    assert post_office("Enota Tržič") == "4290 Tržič"
    assert post_office("Enota Ljubljana Moste-Polje") == "1000 Ljubljana"
    assert post_office("Enota Maribor Tezno") == "2000 Maribor"
    assert post_office("Enota Lenart") == "2230 Lenart v Slovenskih goricah"
    assert post_office("Enota Pesnica") == "2211 Pesnica pri Mariboru"
    assert post_office("Enota Novo mesto") == "8000 Novo mesto"
    assert post_office("Enota Nekje") is None and post_office(None) is None
