"""A text typed by the user that starts with »=« is exported to XLSX as that text, never
as a formula Excel would run (a note »=1+2« showed 3; »=HYPERLINK(…)« was a live link)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from rejnistvo.register.export import write_register
from rejnistvo.register.rows import RegisterRow
from rejnistvo.services.list_exports import ListTable, to_xlsx

TYPED = ("=1+2", '=HYPERLINK("http://primer.si","klik")')


def test_a_list_keeps_typed_text_that_starts_with_equals() -> None:
    table = ListTable(
        "Rejniki",
        ("Ime in priimek", "Opomba", "Dovoljenje od", "Znesek"),
        (
            ("Špela Žužek", TYPED[0], date(2026, 3, 2), Decimal("1.50")),
            (TYPED[1], "a = b", None, None),
        ),
    )
    sheet = load_workbook(io.BytesIO(to_xlsx(table))).active
    assert [cell.value for cell in sheet[2]][:2] == ["Špela Žužek", TYPED[0]]
    assert [cell.value for cell in sheet[3]][:2] == [TYPED[1], "a = b"]
    assert {cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row[:2]} == {"s"}
    # dates and amounts stay real dates and numbers
    assert sheet["C2"].is_date and sheet["D2"].value == 1.5


def test_the_register_keeps_typed_text_that_starts_with_equals(tmp_path) -> None:
    row = RegisterRow(
        seq=1,
        case_id=1,
        case_no=TYPED[0],
        centre="Center za socialno delo Gorenjska",
        unit="Enota Kranj",
        child=TYPED[1],
        carer="Špela Žužek",
        proposed_percent=25,
        received=date(2026, 3, 2),
        accepted=None,
        commission_named=None,
        members=(),
        decided=None,
        outcome=None,
        decided_percent=None,
        period_from=None,
        period_to=None,
        resolution_no=None,
        returned=None,
    )
    path = write_register(
        [row, replace(row, seq=2)], "xlsx", tmp_path / "e.xlsx", subgroup=3, year=2026
    )
    sheet = load_workbook(path).active
    texts = {cell.value: cell.data_type for r in sheet.iter_rows(min_row=2) for cell in r}
    assert texts[TYPED[0]] == "s" and texts[TYPED[1]] == "s"
