"""Izplačila → XLSX: the totals per unit and per centre under the paid lines had Excel's
General format, so they read »4320« and »2255,28« beside »1.573,36« in every other amount
cell; they now have the amounts' format »#,##0.00« (found by QA23)."""

import openpyxl
from _payment_fixtures import D

from rejnistvo.services import payment_exports as exports
from rejnistvo.services import payment_run as service


def test_unit_and_centre_totals_are_formatted_as_amounts(run_db, clock, tmp_path):
    run = service.payment_run(run_db, D("2026-10-01"), clock)
    sheet = openpyxl.load_workbook(exports.write_xlsx(run, tmp_path / "r.xlsx"))["Izplačilo"]
    rows = [tuple(row) for row in sheet.iter_rows()]
    start = next(i for i, row in enumerate(rows) if row[0].value == "Skupaj po enotah")
    totals = [row[14] for row in rows[start:] if row[14].value is not None]
    assert len(totals) >= 3  # two units, one centre
    assert all(cell.number_format == "#,##0.00" for cell in totals)
