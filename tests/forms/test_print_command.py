"""`python -m rejnistvo print …`: PDF from JSON or from a stored case; bad input is exit 2
with one Slovenian line on standard error and no file written."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from rejnistvo.cli import main
from tests.forms.conftest import FORMS_DIR, pdf_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("form", ["r1", "r4", "r5"])
def test_print_example(form, tmp_path, capsys):
    out = tmp_path / f"{form}.pdf"
    assert (
        main(["print", form, "--input", str(FORMS_DIR / f"{form}.example.json"), "--out", str(out)])
        == 0
    )
    answer = json.loads(capsys.readouterr().out)
    assert answer["form"] == form and answer["pages"] >= 1
    assert out.read_bytes()[:5] == b"%PDF-"


def _write(tmp_path: Path, data: object) -> str:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("form", "change", "words"),
    [
        ("r4", lambda d: d.update(unknown=True), "unknown: neznano polje"),
        ("r4", lambda d: d["carer"].update(emso="0101980505008"), "carer.emso"),
        ("r4", lambda d: d["decision"]["members"].pop(), "decision.members"),
        ("r4", lambda d: d["decision"].update(subgroup=9), "decision.subgroup"),
        ("r4", lambda d: d["period"].update({"from": "2027-04-01"}), "period.to"),
        ("r5", lambda d: d["expenses"][0].update(amount="1.234"), "expenses[0].amount"),
        ("r5", lambda d: d["expenses"][0].update(category="hrana"), "expenses[0].category"),
        ("r1", lambda d: d.update(emso="123"), "emso"),
    ],
)
def test_bad_input_exit_2_one_line(form, change, words, tmp_path, capsys):
    data = json.loads((FORMS_DIR / f"{form}.example.json").read_text(encoding="utf-8"))
    change(data)
    out = tmp_path / "out.pdf"
    assert main(["print", form, "--input", _write(tmp_path, data), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and words in captured.err
    assert not out.exists()


def _set(path: str, value: object):
    """A change to the example: `path` is "a.b" into nested objects."""

    def change(data: dict) -> None:
        *parents, last = path.split(".")
        for key in parents:
            data = data[key]
        data[last] = value

    return change


# Issue 11: each input that is valid alone but not together is refused by `print`, exit 2,
# with the field named — and nothing is written.
@pytest.mark.parametrize(
    ("form", "change", "field"),
    [
        ("r4", _set("decision.date", "2026-03-01"), "decision.date:"),  # before the proposal
        ("r4", _set("decision.period", None), "decision.period:"),  # increase, no period
        ("r4", _set("decision.members", ["Ana Kos", "Ana Kos", "Ana Kos"]), "decision.members[1]:"),
        ("r4", _set("decision.members", ["Ana Kos", "Bine Zupan", " ana  KOS"]), "decision.members[2]:"),
        ("r4", _set("decision.members", ["Ana Kos", "Bine Zupan"]), "decision.members:"),
        ("r4", _set("decision.members", ["A", "B", "C", "D"]), "decision.members:"),
        ("r4", lambda d: d["carer"].update(emso=d["child"]["emso"]), "carer.emso:"),
        ("r5", _set("finding.refund_deadline", "2026-07-01"), "finding.refund_deadline:"),
        ("r5", _set("finding.refund_deadline", "2026-07-06"), "finding.refund_deadline:"),
        ("r5", _set("finding.date", "2026-05-19"), "finding.date:"),  # before the report
        ("r5", _set("finding.justified", "800.01"), "finding.justified:"),  # above SKUPAJ
        ("r5", _set("finding.unjustified", "1500.00"), "finding.unjustified:"),  # > received
        ("r5", _set("finding.unjustified", None), "finding.method:"),  # method, no amount
        ("r5", _set("finding.unjustified", "0.00"), "finding.method:"),
        ("r5", _set("finding.refund_deadline", "2027-06-30"), "finding.refund_deadline:"),
        ("r5", _set("finding.date", "2026-01-01"), "finding.date:"),  # nothing received yet
        ("r4", lambda d: d["child"].update(emso="\u0660" * 13), "child.emso:"),
        ("r4", lambda d: d["child"].update(emso="0101799500001"), "child.emso:"),  # born 2799
        ("r4", lambda d: d["carer"].update(emso="0101899500009"), "carer.emso:"),  # born 1899
    ],
)  # fmt: skip
def test_inconsistent_form_refused_naming_the_field(form, change, field, tmp_path, capsys):
    data = json.loads((FORMS_DIR / f"{form}.example.json").read_text(encoding="utf-8"))
    change(data)
    out = tmp_path / "out.pdf"
    assert main(["print", form, "--input", _write(tmp_path, data), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith(field), captured.err
    assert not out.exists()


def test_example_r5_is_consistent_with_the_refund_rule():
    """The shipped example passes the program's own refund rule (issue 11)."""
    from rejnistvo.forms.data import check_r5_refund, parse_r5

    from rejnistvo.rules.rates import Rate, RateTable

    form = parse_r5(json.loads((FORMS_DIR / "r5.example.json").read_text(encoding="utf-8")))
    rates = RateTable([Rate(date(2025, 11, 1), Decimal("638.00"), Decimal("460.00"), "test")])
    plan = check_r5_refund(form, rates)
    assert plan is not None
    assert plan.received == Decimal("957.00")
    assert form.finding is not None and form.finding.justified is not None
    assert form.finding.justified + plan.refund <= plan.received
    assert form.finding.refund_deadline is not None
    assert form.finding.refund_deadline <= plan.latest_deadline


def test_db_and_input_errors(tmp_path, capsys):
    out = str(tmp_path / "x.pdf")
    assert (
        main(["print", "r4", "--db", str(tmp_path / "none.sqlite3"), "--case", "1", "--out", out])
        == 2
    )
    assert main(["print", "r4", "--db", str(tmp_path / "none.sqlite3"), "--out", out]) == 2
    assert (
        main(["print", "r1", "--db", str(tmp_path / "none.sqlite3"), "--case", "1", "--out", out])
        == 2
    )
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 3 and all(errors)


def test_print_stored_cases(tmp_path, capsys):
    pytest.importorskip("rejnistvo.store.demo")
    db = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(db)]) == 0
    cases = capsys.readouterr()
    assert main(["cases", "--db", str(db)]) == 0
    listed = json.loads(capsys.readouterr().out)
    printed = 0
    for case in listed:
        out = tmp_path / f"{case['kind']}-{case['id']}.pdf"
        assert (
            main(
                [
                    "print",
                    case["kind"],
                    "--db",
                    str(db),
                    "--case",
                    str(case["id"]),
                    "--out",
                    str(out),
                ]
            )
            == 0
        )
        text = pdf_text(out.read_bytes())
        assert case["child"] in text and case["carer"] in text
        printed += 1
    assert printed >= 2, cases
    assert (
        main(["print", "r4", "--db", str(db), "--case", "99999", "--out", str(tmp_path / "n.pdf")])
        == 2
    )
    assert "99999" in capsys.readouterr().err


def test_whole_process(tmp_path):
    out = tmp_path / "r4.pdf"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "rejnistvo",
            "print",
            "r4",
            "--input",
            str(FORMS_DIR / "r4.example.json"),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "PREDLOG ZA ZVIŠANJE PLAČILA DELA" in pdf_text(out.read_bytes())
    bad = subprocess.run(
        [sys.executable, "-m", "rejnistvo", "print", "r4", "--out", str(tmp_path / "b.pdf")],
        input='{"decision": {"outcome": "increase", "percent": 25, "members": ["A"]}}',
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "decision.members" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_printing_never_loads_qt():
    code = (
        "import sys, rejnistvo.forms, rejnistvo.forms.r4, rejnistvo.forms.r5, rejnistvo.forms.r1, "
        "rejnistvo.forms.payment_sheet, rejnistvo.forms.refund_call, "
        "rejnistvo.printing, rejnistvo.cli.print_commands; "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt loaded'"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr


def test_unwritable_output_is_one_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = blocker / "sub" / "r1.pdf"  # a folder under a file cannot exist
    assert (
        main(["print", "r1", "--input", str(FORMS_DIR / "r1.example.json"), "--out", str(out)]) == 2
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "PDF ni mogoče zapisati" in err
