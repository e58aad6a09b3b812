"""Records: typed round trip, name filter, one transaction per change."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.store import (
    StoreError,
    candidate_changes,
    delete_record,
    get_record,
    list_records,
    rate_rows,
    save_record,
)


def _placement(db):
    carer = save_record(
        db,
        "carers",
        {
            "name": "Nataša Šuštar",
            "emso": "0101980505007",
            "licence_date": date(2015, 3, 1),
            "trainings": [{"date": "2024-05-10", "description": "Usposabljanje"}],
        },
    )
    child = save_record(
        db, "children", {"name": "Žiga Čuk", "birth_date": "2014-02-03", "centre_id": 4}
    )
    placement = save_record(
        db,
        "placements",
        {
            "contract_no": "1220-7/2024",
            "carer_id": carer,
            "child_id": child,
            "carer_centre_id": 1,
            "child_centre_id": 4,
            "part_time": True,
            "fee_share": "0.40",
            "periods": [
                {"kind": "contract", "from_date": date(2024, 1, 1), "to_date": date(2024, 12, 31)},
                {
                    "kind": "annex",
                    "document_no": "Aneks 1",
                    "from_date": "2025-01-01",
                    "to_date": None,
                },
            ],
        },
    )
    return carer, child, placement


def test_round_trip_is_typed_and_nested(db):
    carer, _, placement = _placement(db)
    record = get_record(db, "placements", placement)
    assert record["part_time"] is True and record["fee_share"] == Decimal("0.40")
    assert record["periods"][1] == {
        "kind": "annex",
        "document_no": "Aneks 1",
        "from_date": date(2025, 1, 1),
        "to_date": None,
    }
    assert get_record(db, "carers", carer)["trainings"][0]["date"] == date(2024, 5, 10)
    stored = db.execute("SELECT from_date FROM placement_periods ORDER BY id").fetchone()[0]
    assert stored == "2024-01-01"


def test_name_fragment_is_case_insensitive_with_carons(db):
    _placement(db)
    assert [r["name"] for r in list_records(db, "carers", name="ŠUŠT")] == ["Nataša Šuštar"]
    assert list_records(db, "carers", name="xyz") == []
    rows = list_records(db, "placements", name="čuk")
    assert rows[0]["child_name"] == "Žiga Čuk" and rows[0]["carer_name"] == "Nataša Šuštar"
    assert list_records(db, "placements", name="1220-7") and not list_records(
        db, "placements", name="%"
    )


def test_amounts_are_text_decimals(db):
    carer, _, placement = _placement(db)
    payment = save_record(
        db,
        "one_off_payments",
        {
            "carer_id": carer,
            "placement_id": placement,
            "kind": "first_placement",
            "amount": "430",
            "date": "2025-01-01",
        },
    )
    assert db.execute("SELECT amount FROM one_off_payments").fetchone()[0] == "430.00"
    assert get_record(db, "one_off_payments", payment)["amount"] == Decimal("430.00")
    with pytest.raises(InputError):
        save_record(
            db,
            "one_off_payments",
            {"carer_id": carer, "kind": "x", "amount": 1.5, "date": "2025-01-01"},
        )


def test_invalid_emso_and_unknown_field_are_refused(db):
    with pytest.raises(InputError, match="EMŠO"):
        save_record(db, "carers", {"name": "Ana Novak", "emso": "0101980505006"})
    with pytest.raises(InputError, match="neznano polje"):
        save_record(db, "carers", {"name": "Ana Novak", "hair": "rjavi"})


def test_failed_save_rolls_back_everything(db, digest):
    _, _, placement = _placement(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = digest(db.path)
    audit = db["audit_log"].count
    with pytest.raises(StoreError):
        # The case row is inserted first; the fourth member then breaks a CHECK.
        save_record(
            db,
            "r4_cases",
            {
                "placement_id": placement,
                "proposed_percent": 25,
                "members": [{"position": p, "name": f"Član {p}"} for p in (1, 2, 3, 4)],
            },
        )
    assert db["r4_cases"].count == 0 and db["r4_members"].count == 0
    assert db["audit_log"].count == audit
    assert digest(db.path) == before


def test_resolution_number_unique_per_subgroup_and_year(db):
    _, _, placement = _placement(db)
    case = {
        "placement_id": placement,
        "subgroup_id": 3,
        "resolution_year": 2026,
        "resolution_no": "3-017/2026",
    }
    save_record(db, "r4_cases", case)
    save_record(db, "r4_cases", {**case, "subgroup_id": 2})
    with pytest.raises(StoreError, match="Številka sklepa"):
        save_record(db, "r4_cases", case)


def test_delete_refused_while_referenced(db):
    carer, _, _ = _placement(db)
    with pytest.raises(StoreError, match="sklicujejo"):
        delete_record(db, "carers", carer)
    assert get_record(db, "carers", carer)


def test_coordinator_term_is_one_year_and_candidate_changes(db):
    coordinator = save_record(
        db, "coordinators", {"subgroup_id": 1, "name": "Irena Zupan", "term_from": "2026-03-01"}
    )
    assert get_record(db, "coordinators", coordinator)["term_to"] == date(2027, 2, 28)
    save_record(db, "candidates", {"subgroup_id": 1, "name": "Ana Kos", "added_on": "2025-01-10"})
    save_record(db, "candidates", {"subgroup_id": 1, "name": "Eva Kralj", "added_on": "2026-04-01"})
    save_record(
        db,
        "candidates",
        {
            "subgroup_id": 1,
            "name": "Rok Turk",
            "added_on": "2024-01-01",
            "removed_on": "2026-05-01",
        },
    )
    changes = candidate_changes(db, 1, date(2026, 1, 1))
    assert [(c["change"], c["name"]) for c in changes] == [
        ("added", "Eva Kralj"),
        ("removed", "Rok Turk"),
    ]


def test_rates_are_seeded_from_resources(db):
    rows = rate_rows(db)
    assert rows[0]["valid_from"] == date(2025, 11, 1)
    assert rows[0]["board"] == Decimal("638.00") and rows[0]["fee"] == Decimal("460.00")
    assert rows[0]["source"]


def test_moving_a_centre_to_another_subgroup(db):
    from rejnistvo.store import set_subgroup_centres

    assert get_record(db, "subgroups", 2)["centres"]
    centre = get_record(db, "subgroups", 2)["centres"][0]["centre_id"]
    set_subgroup_centres(db, {centre: 5})
    assert {"centre_id": centre} in get_record(db, "subgroups", 5)["centres"]
    assert {"centre_id": centre} not in get_record(db, "subgroups", 2)["centres"]
    with pytest.raises(StoreError, match="od 1 do 6"):
        set_subgroup_centres(db, {centre: 7})


def test_r4_case_identity_author_and_receipt(db):
    from rejnistvo.store import set_setting

    _, _, placement = _placement(db)
    set_setting(db, "user_name", "Mojca Žnidar")
    case_id = save_record(db, "r4_cases", {"placement_id": placement, "sent_on": "2026-03-02"})
    case = get_record(db, "r4_cases", case_id)
    # The author is the user name when the proposal is first saved; later users do not change it.
    assert case["prepared_by"] == "Mojca Žnidar"
    assert case["case_uuid"] is None and case["received_on"] is None
    set_setting(db, "user_name", "Koordinatorka")
    save_record(db, "r4_cases", {"id": case_id, "received_on": "2026-03-04"})
    case = get_record(db, "r4_cases", case_id)
    assert case["prepared_by"] == "Mojca Žnidar" and case["received_on"] == date(2026, 3, 4)
    # An imported proposal names its author, or says it is unknown (None): never this user.
    unknown = save_record(
        db, "r4_cases", {"placement_id": placement, "prepared_by": None, "case_uuid": "u-1"}
    )
    assert get_record(db, "r4_cases", unknown)["prepared_by"] is None
    with pytest.raises(StoreError, match="UUID"):
        save_record(db, "r4_cases", {"placement_id": placement, "case_uuid": "u-1"})


def test_candidate_unit(db):
    unit = db.execute("SELECT id FROM units WHERE centre_id = 1 LIMIT 1").fetchone()[0]
    candidate = save_record(
        db,
        "candidates",
        {
            "subgroup_id": 1,
            "name": "Ana Kos",
            "centre_id": 1,
            "unit_id": unit,
            "added_on": "2025-01-10",
        },
    )
    assert get_record(db, "candidates", candidate)["unit_id"] == unit
