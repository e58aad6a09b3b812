"""A part-time placement saved again keeps its share as stored when the number is the
same: the screen shows a stored 0.40 as »40 %« and reads it back as 0.4, so every save
of such a placement (a period ended, a note) wrote 0.40 → 0.4. The change log listed
»delež plačila dela« as changed, and the payment run, which compares the share of the
basis a closed month was paid from, gave the next overpayment the reason »spremenjena
namestitev ob koncih tedna in počitnicah (delež plačila dela)«, a change nobody made."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.clock import FixedClock
from rejnistvo.services.payment_run import close_month, payment_run
from rejnistvo.services.placements import get_placement, save_placement
from rejnistvo.store import open_db, save_record
from rejnistvo.store.audit_browse import audit_row
from rejnistvo.ui.widgets.pickers import parse_share

IBAN = "SI56191000000123438"


@pytest.fixture
def db(tmp_path, own_rates):
    database = open_db(tmp_path / "share.sqlite3")
    own_rates(database)
    yield database
    database.close()


def _part_time_placement(db) -> int:
    carer = save_record(db, "carers", {"name": "Rejnica Čebašek", "centre_id": 1, "iban": IBAN})
    child = save_record(db, "children", {"name": "Otrok Žužek", "centre_id": 1})
    return save_record(
        db,
        "placements",
        {
            "contract_no": "1220-7/2026",
            "carer_id": carer,
            "child_id": child,
            "carer_centre_id": 1,
            "child_centre_id": 1,
            "part_time": True,
            "fee_share": "0.40",  # as the demo and older files hold it
            "periods": [
                {
                    "kind": "contract",
                    "document_no": "1220-7/2026",
                    "from_date": "2026-01-01",
                    "to_date": None,
                }
            ],  # fmt: skip
        },
    )


def _as_the_screen_reads_it_back(share: Decimal) -> Decimal | None:
    shown = f"{(share * 100).normalize():f}".replace(".", ",") + " %"  # ShareEdit.set_value
    return parse_share(shown, "fee_share")


def _last_change(db) -> dict:
    last = db.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    row = audit_row(db, last)
    assert row is not None
    return row


def test_a_note_saved_is_the_only_change_the_log_shows(db):
    placement = get_placement(db, _part_time_placement(db))
    assert placement.fee_share is not None
    save_placement(
        db,
        dataclasses.replace(
            placement,
            note="Opomba",
            fee_share=_as_the_screen_reads_it_back(placement.fee_share),
        ),
    )
    assert _last_change(db)["changed"] == ["note"]
    assert get_placement(db, placement.id or 0).fee_share == Decimal("0.40")


def test_a_share_changed_is_still_stored(db):
    placement = get_placement(db, _part_time_placement(db))
    save_placement(db, dataclasses.replace(placement, fee_share=parse_share("50 %", "fee_share")))
    assert _last_change(db)["changed"] == ["fee_share"]
    assert get_placement(db, placement.id or 0).fee_share == Decimal("0.5")


def test_an_overpayment_names_only_the_end_not_the_share(db):
    placement_id = _part_time_placement(db)
    close_month(db, date(2026, 9, 1), FixedClock(date(2026, 10, 5)))
    placement = get_placement(db, placement_id)
    assert placement.fee_share is not None
    ended = dataclasses.replace(placement.periods[0], to_date=date(2026, 9, 20))
    save_placement(
        db,
        dataclasses.replace(
            placement,
            periods=(ended,),
            fee_share=_as_the_screen_reads_it_back(placement.fee_share),
        ),
    )
    lines = [
        line
        for line in payment_run(db, date(2026, 10, 1), FixedClock(date(2026, 10, 5))).lines
        if line.for_month == date(2026, 9, 1)
    ]
    assert lines, "the end in September is an overpayment of the closed month"
    for line in lines:
        assert "namestitev se je končala 20. 9. 2026" in line.reason
        assert "delež plačila dela" not in line.reason
