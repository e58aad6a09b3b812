"""Payment run outputs (SPEC 3.6): CSV, XLSX, PDF, SEPA pain.001 (sepaxml, validated)."""

import csv
import re
from decimal import Decimal

import pytest
from _payment_fixtures import CENTRE_IBAN, IBANS, D
from stdnum import iban as stdnum_iban

from rejnistvo.rules.errors import InputError
from rejnistvo.services import payment_exports as exports
from rejnistvo.services import payment_run as service
from rejnistvo.services import rates as rate_service
from rejnistvo.store import get_record, save_record

SEP, OCT = D("2026-09-01"), D("2026-10-01")


@pytest.fixture
def run_with_arrears_and_overpayment(run_db, clock):
    service.close_month(run_db, SEP, clock)
    rate_service.add_rate(run_db, "2026-03-01", "655.23", "472.42", "test: 2026")
    placement = get_record(run_db, "placements", run_db.ids["C"])
    periods = placement["periods"]
    periods[0]["to_date"] = D("2026-09-20")  # C ended in September: an overpayment
    save_record(run_db, "placements", {"id": run_db.ids["C"], "periods": periods})
    run = service.payment_run(run_db, OCT, clock)
    assert run.overpayment_lines() and [x for x in run.lines if x.kind == "arrears"]
    return run


def test_sepa_validates_control_sum_is_total_and_no_child_names(
    run_with_arrears_and_overpayment, tmp_path, clock
):
    run = run_with_arrears_and_overpayment
    out = exports.write_sepa(run, tmp_path / "run.xml", CENTRE_IBAN, "CSD Test", clock.today())
    xml = out.read_text(encoding="utf-8")
    assert "pain.001.001.03" in xml
    control = re.search(r"<GrpHdr>.*?<CtrlSum>([0-9.]+)</CtrlSum>", xml, re.S).group(1)
    assert Decimal(control) == run.total
    amounts = [Decimal(a) for a in re.findall(r'<InstdAmt Ccy="EUR">([0-9.]+)</InstdAmt>', xml)]
    assert sum(amounts) == run.total
    for account in re.findall(r"<IBAN>([A-Z0-9]+)</IBAN>", xml):
        assert stdnum_iban.is_valid(account)
    assert "Otrok" not in xml
    remittances = re.findall(r"<Ustrd>([^<]+)</Ustrd>", xml)
    assert remittances and all("2026-10" in r and "pogodba 1220-" in r for r in remittances)


def test_sepa_refuses_missing_ibans_naming_the_carers(run_db, clock, tmp_path):
    carer = get_record(run_db, "placements", run_db.ids["A"])["carer_id"]
    save_record(run_db, "carers", {"id": carer, "iban": None})
    run = service.payment_run(run_db, SEP, clock)
    with pytest.raises(InputError) as caught:
        exports.write_sepa(run, tmp_path / "x.xml", CENTRE_IBAN, "CSD Test", clock.today())
    assert "Rejnica A" in caught.value.message
    assert not (tmp_path / "x.xml").exists()
    with pytest.raises(InputError) as caught:
        exports.write_sepa(run, tmp_path / "x.xml", "SI56 0000", "CSD Test", clock.today())
    assert caught.value.field == "centre_iban"


def test_csv_lists_overpayments_apart_with_totals(run_with_arrears_and_overpayment, tmp_path):
    run = run_with_arrears_and_overpayment
    out = exports.write_csv(run, tmp_path / "run.csv")
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[1][0] == "Center"
    labels = [row[0] for row in rows if row]
    paid_total = [row for row in rows if row and row[0] == "SKUPAJ ZA IZPLAČILO"][0][-1]
    assert paid_total == f"{run.total:.2f}".replace(".", ",")
    assert labels.index("PREPLAČILA (niso odšteta od izplačila)") > labels.index(
        "SKUPAJ ZA IZPLAČILO"
    )


def test_xlsx_has_paid_and_overpayment_sheets(run_with_arrears_and_overpayment, tmp_path):
    from openpyxl import load_workbook

    run = run_with_arrears_and_overpayment
    book = load_workbook(exports.write_xlsx(run, tmp_path / "run.xlsx"))
    assert book.sheetnames[:2] == ["Izplačilo", "Preplačila"]
    sheet = book["Izplačilo"]
    totals = [r for r in sheet.iter_rows(values_only=True) if r[0] == "SKUPAJ ZA IZPLAČILO"]
    assert Decimal(str(totals[0][14])) == run.total


def test_xlsx_keeps_a_name_starting_with_equals_as_text(run_db, clock, tmp_path):
    """QA10: a carer named »=1+2« (or a note, a reason) became a formula in the XLSX."""
    from openpyxl import load_workbook

    carer = get_record(run_db, "placements", run_db.ids["A"])["carer_id"]
    save_record(run_db, "carers", {"id": carer, "name": '=HYPERLINK("http://x","y")'})
    run = service.payment_run(run_db, SEP, clock)
    book = load_workbook(exports.write_xlsx(run, tmp_path / "run.xlsx"))
    cells = [c for row in book["Izplačilo"].iter_rows() for c in row if c.column == 3]
    named = [c for c in cells if c.value == '=HYPERLINK("http://x","y")']
    assert named and all(c.data_type == "s" for c in named)


def test_pdf_is_landscape_with_totals_and_signatures(
    run_with_arrears_and_overpayment, tmp_path, clock
):
    from pypdf import PdfReader

    run = run_with_arrears_and_overpayment
    out = exports.write_pdf(run, tmp_path / "run.pdf", clock.today())
    reader = PdfReader(out)
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "IZPLAČILO REJNIN ZA OKTOBER 2026" in text
    assert "SKUPAJ ZA IZPLAČILO" in text and "Preplačila" in text
    assert "Odobril/a" in text


def test_cancelled_export_leaves_no_file(run_db, clock, tmp_path):
    run = service.payment_run(run_db, SEP, clock)
    with pytest.raises(exports.ExportCancelled):
        exports.write_xlsx(run, tmp_path / "run.xlsx", progress=lambda done, total: False)
    assert (
        list(tmp_path.iterdir()) == [tmp_path / "run.sqlite3"]
        or not (tmp_path / "run.xlsx").exists()
    )


def test_closed_month_exports_exactly_as_paid(run_db, clock, tmp_path):
    service.close_month(run_db, SEP, clock)
    rate_service.add_rate(run_db, "2026-03-01", "700.00", "500.00", "test: spremenjeno")
    carer = get_record(run_db, "placements", run_db.ids["A"])["carer_id"]
    save_record(run_db, "carers", {"id": carer, "iban": IBANS[1], "name": "Preimenovana"})
    closed = service.payment_run(run_db, SEP, clock)
    assert closed.total == Decimal("2964.60")
    assert "Rejnica A" in {line.carer for line in closed.lines}
    xml = exports.write_sepa(closed, tmp_path / "s.xml", CENTRE_IBAN, "CSD", clock.today())
    assert IBANS[0] in xml.read_text(encoding="utf-8")
