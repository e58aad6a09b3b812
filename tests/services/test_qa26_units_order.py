"""QA26: the unit boxes (Rejniki, Otroci, Namestitve, Nastavitve → Centri in enote) listed
»Enota Škofja Loka« after »Enota Tržič«, at the end: SQLite orders by code point, where
Š comes after every ASCII letter. Units now come in the lists' order (š with s)."""

from __future__ import annotations

from rejnistvo.services.people import centres_with_units
from rejnistvo.services.settings import save_unit
from rejnistvo.store import open_db, save_record


def test_units_follow_the_alphabet_with_carons(tmp_path):
    db = open_db(tmp_path / "units.sqlite3")
    try:
        centre = save_record(
            db, "centres", {"code": "KR", "name": "CSD Gorenjska", "seat": "Kranj"}
        )
        for name in ("Enota Tržič", "Enota Škofja Loka", "Enota Radovljica", "Enota Čadrg"):
            save_unit(db, centre, name)
        (gorenjska,) = [c for c in centres_with_units(db) if c["id"] == centre]
        assert [u["name"] for u in gorenjska["units"]] == [
            "Enota Čadrg",
            "Enota Radovljica",
            "Enota Škofja Loka",
            "Enota Tržič",
        ]
    finally:
        db.close()
