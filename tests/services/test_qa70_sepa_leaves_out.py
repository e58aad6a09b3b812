"""The window's SEPA file of a month: one carer without an IBAN refused the whole file, so
one missing account blocked every foster family's payment (QA70). The file is now made
for every carer with a valid IBAN; those left out are named with contract, amount and
reason and their total; the file's carers are recorded (m022) and the change log names
the left out; once the IBAN is entered a supplementary file pays only those no file of
the month has paid, so nobody is paid twice. ``run --format sepa`` keeps refusing."""

import json
import re

import pytest
from _payment_fixtures import IBANS, D, add_placement

from rejnistvo.rules.errors import InputError
from rejnistvo.services import payment_exports as exports
from rejnistvo.services import payment_run as service
from rejnistvo.services import payment_sepa
from rejnistvo.store import get_record, save_record

SEP = D("2026-09-01")
NEW_IBAN = "SI56020100012345641"
BAD_IBAN = "SI56191000000123439"  # one digit off: the check digits do not match


def _accounts(xml: str) -> list[str]:
    return re.findall(r"<CdtrAcct>\s*<Id>\s*<IBAN>([A-Z0-9]+)</IBAN>", xml)


def _ctrl_sum(xml: str) -> str:
    return re.search(r"<GrpHdr>.*?<CtrlSum>([0-9.]+)</CtrlSum>", xml, re.S).group(1)


def _two_without(run_db):
    d = add_placement(run_db, "D", "2026-01-01", None, 1, None)
    e = add_placement(run_db, "E", "2026-01-01", None, 0, None)
    carer_e = get_record(run_db, "placements", e)["carer_id"]
    with run_db.atomic():  # an account typed wrong before the check existed
        run_db.execute("UPDATE carers SET iban = ? WHERE id = ?", [BAD_IBAN, carer_e])
    return d, e


def test_the_file_pays_everyone_with_an_iban_and_names_those_left_out(run_db, clock, tmp_path):
    _two_without(run_db)
    closed = service.close_month(run_db, SEP, clock)
    with pytest.raises(InputError):  # the command line's whole file: refused as documented
        exports.check_sepa_for(run_db, closed)

    plan = payment_sepa.sepa_plan(run_db, closed)
    reasons = {x.name: x.reason for x in plan.left_out}
    assert reasons == {"Rejnica D": "ni IBAN", "Rejnica E": "neveljaven IBAN"}
    assert all(x.amount > 0 and x.contract for x in plan.left_out)
    assert plan.total + plan.left_out_total == closed.total
    question = payment_sepa.plan_question(plan)
    assert "V datoteki ne bo rejnikov brez veljavnega IBAN: 2 rejnika, skupaj" in question
    assert "Rejnica E, pogodba" in question and "(neveljaven IBAN)" in question
    assert "V PDF, XLSX in CSV ostanejo vsi." in question

    xml = payment_sepa.write_sepa_file(
        run_db, closed, plan, tmp_path / "s.xml", clock.today(), clock
    ).read_text()
    assert sorted(_accounts(xml)) == sorted(IBANS)  # A, B, C — not D nor E
    assert _ctrl_sum(xml) == f"{plan.total:.2f}"
    files = run_db.execute("SELECT month, transfer_count, total, only_left_out FROM sepa_files")
    assert files.fetchall() == [("2026-09-01", 3, f"{plan.total:.2f}", 0)]
    audit = run_db.execute(
        "SELECT after FROM audit_log WHERE table_name = 'sepa_files' AND action = 'insert'"
    ).fetchall()
    left = json.loads(audit[-1][0])["left_out"]
    assert sorted(left) == [
        "Rejnica D, 1220-D/2026: 1.098,00 EUR (ni IBAN)",
        "Rejnica E, 1220-E/2026: 1.098,00 EUR (neveljaven IBAN)",
    ]
    # the lists still show everyone
    csv_text = exports.write_csv(closed, tmp_path / "s.csv").read_text("utf-8-sig")
    assert "Rejnica D" in csv_text and "Rejnica E" in csv_text


def test_a_supplementary_file_pays_only_those_left_out(run_db, clock, tmp_path):
    d, e = _two_without(run_db)
    closed = service.close_month(run_db, SEP, clock)
    first = payment_sepa.sepa_plan(run_db, closed)
    payment_sepa.write_sepa_file(run_db, closed, first, tmp_path / "1.xml", clock.today(), clock)

    # the IBAN of D is entered: a supplementary file pays D alone; E still left out
    carer_d = get_record(run_db, "placements", d)["carer_id"]
    save_record(run_db, "carers", {"id": carer_d, "iban": NEW_IBAN})
    closed = service.payment_run(run_db, SEP, clock)
    extra = payment_sepa.sepa_plan(run_db, closed, only_left_out=True)
    assert extra.only_left_out and len(extra.earlier) == 1
    assert [x.name for x in extra.left_out] == ["Rejnica E"]
    assert len(extra.in_earlier) == 3
    assert "že izvožena" in payment_sepa.earlier_text(extra)
    xml = payment_sepa.write_sepa_file(
        run_db, closed, extra, tmp_path / "2.xml", clock.today(), clock
    ).read_text()
    assert _accounts(xml) == [NEW_IBAN]
    assert payment_sepa.plan_question(extra).startswith("Dodatna datoteka SEPA za september")

    # nothing more to pay until E's IBAN is right: refused, nothing recorded
    again = payment_sepa.sepa_plan(run_db, closed, only_left_out=True)
    assert not again.transfers and [x.name for x in again.left_out] == ["Rejnica E"]
    with pytest.raises(InputError) as caught:
        payment_sepa.write_sepa_file(
            run_db, closed, again, tmp_path / "3.xml", clock.today(), clock
        )
    assert "že v datoteki tega meseca" in caught.value.message
    assert not (tmp_path / "3.xml").exists()
    assert run_db.execute("SELECT count(*) FROM sepa_files").fetchone()[0] == 2
    # the whole file again is still possible (the clerk's choice, asked by the window)
    whole = payment_sepa.sepa_plan(run_db, closed)
    assert len(whole.transfers) == 4 and len(whole.earlier) == 2


def test_a_renamed_carer_is_not_paid_again(run_db, clock, tmp_path):
    closed = service.close_month(run_db, SEP, clock)
    first = payment_sepa.sepa_plan(run_db, closed)
    payment_sepa.write_sepa_file(run_db, closed, first, tmp_path / "1.xml", clock.today(), clock)
    carer_a = get_record(run_db, "placements", run_db.ids["A"])["carer_id"]
    save_record(run_db, "carers", {"id": carer_a, "name": "Rejnica A Poročena"})
    extra = payment_sepa.sepa_plan(run_db, service.payment_run(run_db, SEP, clock), True)
    assert not extra.transfers and len(extra.in_earlier) == len(first.transfers)


def test_a_file_not_written_is_not_recorded(run_db, clock, tmp_path):
    closed = service.close_month(run_db, SEP, clock)
    plan = payment_sepa.sepa_plan(run_db, closed)
    with pytest.raises(InputError):
        payment_sepa.write_sepa_file(
            run_db, closed, plan, tmp_path / "no" / "s.xml", clock.today(), clock
        )
    assert run_db.execute("SELECT count(*) FROM sepa_files").fetchone()[0] == 0


def test_the_payer_is_checked_first(run_db, clock):
    with run_db.atomic():
        run_db.execute("DELETE FROM settings WHERE key = 'centre_iban'")
    with pytest.raises(InputError) as caught:
        payment_sepa.sepa_plan(run_db, service.payment_run(run_db, SEP, clock))
    assert caught.value.field == "centre_iban"


def test_a_carer_of_two_contracts_is_one_carer_with_two_transfers(run_db, clock):
    d = add_placement(run_db, "D", "2026-01-01", None, 1, None)
    carer_d = get_record(run_db, "placements", d)["carer_id"]
    child = save_record(run_db, "children", {"name": "Otrok D2", "centre_id": 1})
    save_record(
        run_db,
        "placements",
        {"contract_no": "1220-D2/2026", "carer_id": carer_d, "child_id": child,
         "child_centre_id": 1,
         "periods": [{"kind": "contract", "from_date": "2026-01-01", "to_date": None}]},
    )  # fmt: skip
    add_placement(run_db, "Ana", "2026-01-01", None, 0, None)  # »Rejnica Ana« before D
    plan = payment_sepa.sepa_plan(run_db, service.payment_run(run_db, SEP, clock))
    assert payment_sepa.left_out_summary(plan) == "2 rejnika (3 nakazila), skupaj 3.294,00 €"
    # by name, a carer's contracts together
    assert [(x.name, x.contract) for x in plan.left_out] == [
        ("Rejnica Ana", "1220-Ana/2026"),
        ("Rejnica D", "1220-D/2026"),
        ("Rejnica D", "1220-D2/2026"),
    ]
