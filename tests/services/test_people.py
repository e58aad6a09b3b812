"""services/people.py and services/placements.py: the checks a clerk expects (address
and centre of a carer, centres of a placement, duplicate EMŠO naming the other person),
lists by surname, stale saves refused, deletes that name what is in the way; and
services/list_exports.py: any list as XLSX, CSV or PDF."""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.services.list_exports import ListTable, export_list, file_name, to_csv, to_xlsx
from rejnistvo.services.people import (
    Carer,
    Child,
    Training,
    delete_person,
    duplicate_emso_warning,
    get_carer,
    list_carers,
    save_carer,
    save_child,
    surname_key,
)
from rejnistvo.services.placements import (
    OPEN_END,
    Placement,
    PlacementPeriod,
    delete_placement,
    get_placement,
    list_placements,
    placement_centres,
    save_placement,
)
from rejnistvo.store import StaleRecordError, StoreError, open_db, save_record

EMSO = "0101006500006"  # valid: 1. 1. 2006


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "people.sqlite3")
    database.centre = save_record(  # type: ignore[attr-defined]
        database, "centres", {"code": "KR", "name": "CSD Gorenjska, enota Kranj", "seat": "Kranj"}
    )
    yield database
    database.close()


def carer(db, **changes) -> Carer:
    base = Carer(
        name="Ana Čuk",
        emso=EMSO,
        address="Cesta 1, 4000 Kranj",
        centre_id=db.centre,
        trainings=(Training(date(2025, 5, 1), "Osnovno usposabljanje"),),
    )
    return dataclasses.replace(base, **changes)


def test_carer_without_address_or_centre_is_refused_naming_the_field(db):
    with pytest.raises(InputError) as no_address:
        save_carer(db, carer(db, address="  "))
    assert no_address.value.field == "address" and "naslov" in no_address.value.message
    with pytest.raises(InputError) as no_centre:
        save_carer(db, carer(db, centre_id=None))
    assert no_centre.value.field == "centre_id" and "center" in no_centre.value.message
    assert list_carers(db) == []


def test_duplicate_emso_names_the_other_person(db):
    carer_id = save_carer(db, carer(db))
    assert duplicate_emso_warning(db, EMSO, "carers", carer_id) is None  # itself
    warning = duplicate_emso_warning(db, EMSO, "children")
    assert warning is not None and "rejnik/ica Ana Čuk" in warning and EMSO in warning
    child_id = save_child(db, Child(name="Bor Novak", emso=EMSO))
    both = duplicate_emso_warning(db, EMSO, "carers")
    assert "rejnik/ica Ana Čuk" in both and "otrok Bor Novak" in both
    assert duplicate_emso_warning(db, EMSO, "children", child_id).count("otrok") == 0


def test_lists_by_surname_in_slovenian_order(db):
    for name in ("Bor Novak", "Zala Čuk", "Ana Žagar", "Cene Cvet"):
        save_carer(db, carer(db, name=name, emso=None))
    assert [r["name"] for r in list_carers(db)] == [
        "Cene Cvet",
        "Zala Čuk",
        "Bor Novak",
        "Ana Žagar",
    ]
    assert surname_key("Cene Cvet") < surname_key("Zala Čuk") < surname_key("Bor Novak")


def test_stale_carer_save_is_refused(db):
    carer_id = save_carer(db, carer(db))
    first = get_carer(db, carer_id)
    save_carer(db, dataclasses.replace(first, address="Druga ulica 2"))
    with pytest.raises(StaleRecordError):
        save_carer(db, dataclasses.replace(first, email="ana@example.si"))
    stored = get_carer(db, carer_id)
    assert stored.address == "Druga ulica 2" and stored.trainings[0].description


def test_placement_centres_prefilled_and_required(db):
    carer_id = save_carer(db, carer(db))
    child_id = save_child(db, Child(name="Bor Novak", centre_id=db.centre))
    assert placement_centres(db, carer_id, child_id) == (db.centre, db.centre)
    assert placement_centres(db, None, None) == (None, None)
    period = PlacementPeriod("contract", date(2026, 1, 1))
    bare = Placement("P-1/2026", carer_id, child_id, periods=(period,))
    with pytest.raises(InputError) as refused:
        save_placement(db, bare)
    assert refused.value.field == "carer_centre_id"
    with pytest.raises(InputError) as refused_child:
        save_placement(db, dataclasses.replace(bare, carer_centre_id=db.centre))
    assert refused_child.value.field == "child_centre_id"
    placement_id = save_placement(
        db, dataclasses.replace(bare, carer_centre_id=db.centre, child_centre_id=db.centre)
    )
    assert get_placement(db, placement_id).periods == (period,)
    (row,) = list_placements(db)
    assert row["first_from"] == date(2026, 1, 1) and row["last_to"] == OPEN_END

    # Deleting people a placement refers to is refused in words a clerk reads.
    with pytest.raises(StoreError) as in_use:
        delete_person(db, "carers", carer_id)
    assert "Ana Čuk" in in_use.value.message and "carers" not in in_use.value.message
    # the store says why by its kind, which the service decides by (never by the words)
    from rejnistvo.store import delete_record

    with pytest.raises(StoreError) as referenced:
        delete_record(db, "carers", carer_id)
    assert referenced.value.kind == "referenced"
    delete_placement(db, placement_id)
    delete_person(db, "carers", carer_id)
    with pytest.raises(StoreError) as gone:
        get_placement(db, placement_id)
    assert "placements" not in gone.value.message


def test_list_exports_keep_dates_and_amounts(tmp_path):
    from openpyxl import load_workbook

    table = ListTable(
        "Rejniki",
        ("Ime", "Od", "Znesek"),
        (("Ana Čuk", date(2026, 3, 2), Decimal("1234.50")), ("Bor Novak", None, None)),
    )
    csv_text = to_csv(table).decode("utf-8-sig")
    assert csv_text.splitlines()[1] == "Ana Čuk;2. 3. 2026;1.234,50"
    sheet = load_workbook(io.BytesIO(to_xlsx(table))).active
    assert sheet["A2"].value == "Ana Čuk"
    assert sheet["B2"].value.date() == date(2026, 3, 2)
    assert Decimal(str(sheet["C2"].value)) == Decimal("1234.5")
    pdf = export_list(table, tmp_path / "rejniki.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    with pytest.raises(InputError):
        export_list(table, tmp_path / "rejniki.doc")


def test_file_names_say_what_they_are():
    assert file_name("R-4", "1220-14/2026", "Čuk", ext="pdf") == "R-4 1220-14-2026 Čuk.pdf"
    assert file_name("izplačila", "2026-11", ext=".xlsx") == "izplačila 2026-11.xlsx"
    assert file_name(None, "", ext="csv") == "dokument.csv"


def test_store_messages_name_screens_not_tables():
    from rejnistvo.services.people import readable_store_message

    text = readable_store_message("Zapisa 29 iz »carers« ni mogoče izbrisati, ker …")
    assert text == "Zapisa iz »Rejniki« ni mogoče izbrisati, ker …"
    assert "placements" not in readable_store_message("Zapis »placements« se sklicuje …")
