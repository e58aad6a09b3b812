"""`register --db DB --subgroup N --year Y --format csv|xlsx|pdf --out FILE` (SPEC 6)."""

from __future__ import annotations

import csv
import json

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from rejnistvo.cli import main
from rejnistvo.register.queries import register_rows


def run_register(db, fmt, out, *extra):
    """`register` for subgroup 1 and year 2026; the exit code."""
    return main(
        [
            "register",
            "--db",
            str(db),
            "--subgroup",
            "1",
            "--year",
            "2026",
            "--format",
            fmt,
            "--out",
            str(out),
            *extra,
        ]
    )


@pytest.fixture
def demo_path(demo_db):
    expected = register_rows(demo_db, 1, 2026)
    path = demo_db.path
    demo_db.close()
    return path, expected


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_register_command(demo_path, tmp_path, capsys, fmt):
    path, expected = demo_path
    out = tmp_path / f"evidenca.{fmt}"
    assert run_register(path, fmt, out) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["rows"] == len(expected) > 0
    if fmt == "csv":
        with out.open(encoding="utf-8-sig", newline="") as handle:
            table = list(csv.reader(handle, delimiter=";"))
        assert [row[1] for row in table[1:]] == [row.case_no for row in expected]
    elif fmt == "xlsx":
        sheet = load_workbook(out).active
        assert [sheet.cell(row=r, column=5).value for r in range(2, len(expected) + 2)] == [
            row.child for row in expected
        ]
    else:
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
        assert "podskupina 1, leto 2026" in text
        assert all(row.carer in text for row in expected)


def test_register_filter(demo_path, tmp_path, capsys):
    path, expected = demo_path
    out = tmp_path / "f.csv"
    assert run_register(path, "csv", out, "--filter", expected[0].child) == 0
    assert json.loads(capsys.readouterr().out)["rows"] >= 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["--subgroup", "7", "--year", "2026", "--format", "csv"], "od 1 do 6"),
        (["--subgroup", "1", "--year", "26", "--format", "csv"], "leto"),
    ],
)
def test_register_bad_input(demo_path, tmp_path, capsys, args, message):
    path, _ = demo_path
    out = tmp_path / "x.csv"
    assert main(["register", "--db", str(path), "--out", str(out), *args]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == "" and not out.exists()


def test_register_not_a_database(tmp_path, capsys):
    bogus = tmp_path / "ni.sqlite3"
    bogus.write_text("to ni zbirka", encoding="utf-8")
    assert run_register(bogus, "csv", tmp_path / "x.csv") == 2
    assert "ni podatkovna zbirka" in capsys.readouterr().err


def test_candidate_changes_command(demo_path, tmp_path, capsys):
    path, _ = demo_path
    out = tmp_path / "k.csv"
    assert (
        main(
            [
                "candidate-changes",
                "--db",
                str(path),
                "--subgroup",
                "3",
                "--since",
                "2020-01-01",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["changes"] > 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
