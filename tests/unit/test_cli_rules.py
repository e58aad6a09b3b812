"""Headless rules commands (SPEC 6): calc, uplift, refund, emso — field for field."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rejnistvo.cli import main

ROOT = Path(__file__).resolve().parents[2]

CALC_EXAMPLE = {
    "placement": [{"from": "2026-03-10", "to": None}],
    "months": ["2026-03", "2026-04"],
    "board_increases": [{"percent": 25, "from": "2026-03-15", "to": "2026-08-31"}],
    "fee_uplifts": [{"percent": 50, "from": "2026-04-01", "to": None}],
    # our own table: SPEC's examples use the 2025 amounts; never the shipped rows
    "rates": [{"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00"}],
}
REFUND_EXAMPLE = {
    "increase": {"percent": 25, "from": "2026-01-01", "to": "2026-06-30"},
    "placement": [{"from": "2025-06-01", "to": None}],
    "call_date": "2026-07-10",
    "unjustified": "all",
    "deadline": None,
    "method": "lump_sum",
    # our own table: SPEC's examples use the 2025 amounts; never the shipped rows. The
    # 1 March 2026 row at the same amounts: months after a missing indexation warn (3.1)
    "rates": [
        {"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00"},
        {"valid_from": "2026-03-01", "board": "638.00", "fee": "460.00"},
    ],
}


def run(monkeypatch, capsys, argv, document=None, raw=None):
    text = raw if raw is not None else json.dumps(document)
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def ok(monkeypatch, capsys, argv, document=None):
    code, out, err = run(monkeypatch, capsys, argv, document)
    assert (code, err) == (0, "")
    return json.loads(out)


def refused(monkeypatch, capsys, argv, document=None, raw=None):
    code, out, err = run(monkeypatch, capsys, argv, document, raw)
    assert code == 2
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1
    assert "Traceback" not in err
    return err


def test_calc_spec_example(monkeypatch, capsys):
    answer = ok(monkeypatch, capsys, ["calc"], CALC_EXAMPLE)
    # The 2025-only table lacks the indexation of 1 March 2026: the answer says so (3.1).
    assert list(answer) == ["months", "board", "board_increase", "fee", "total", "warnings"]
    assert len(answer["warnings"]) == 1 and "1. 3. 2026" in answer["warnings"][0]
    # both months were computed with the 2025 amounts: the line names both, not April only
    assert "meseca marec 2026 – april 2026 sta izračunana" in answer["warnings"][0]
    assert answer["months"] == [
        {"month": "2026-03", "days_placed": 22, "board": "558.25", "board_increase": "90.38",
         "fee": "337.33", "total": "895.58"},
        {"month": "2026-04", "days_placed": 30, "board": "797.50", "board_increase": "159.50",
         "fee": "690.00", "total": "1487.50"},
    ]  # fmt: skip
    assert answer["board"] == "1355.75"
    assert answer["board_increase"] == "249.88"
    assert answer["fee"] == "1027.33"
    assert answer["total"] == "2383.08"


@pytest.mark.parametrize(
    ("start", "month", "uplift", "total"),
    [
        ("2026-01-01", "2026-03", None, "1098.00"),
        ("2026-03-10", "2026-03", None, "805.20"),
        ("2026-02-01", "2026-02", None, "1098.00"),
        ("2026-03-02", "2026-03", None, "1098.00"),
        ("2026-01-01", "2026-03", "2026-03-16", "1157.35"),
    ],
)
def test_calc_worked_examples(monkeypatch, capsys, start, month, uplift, total):
    document = {
        "placement": [{"from": start, "to": None}],
        "months": [month],
        "rates": CALC_EXAMPLE["rates"],
    }
    if uplift:
        document["fee_uplifts"] = [{"percent": 25, "from": uplift, "to": None}]
    assert ok(monkeypatch, capsys, ["calc"], document)["total"] == total


def test_calc_with_own_rates_and_input_file(monkeypatch, capsys, tmp_path):
    document = {
        "placement": [{"from": "2027-01-01", "to": None}],
        "months": ["2027-03"],
        "rates": [{"valid_from": "2027-01-01", "board": "700.00", "fee": "500.00"}],
    }
    path = tmp_path / "in.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    answer = ok(monkeypatch, capsys, ["calc", "--input", str(path)])
    assert answer["total"] == "1200.00"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"extra": 1}, "extra:"),
        ({"months": ["2026-13"]}, "months[0]:"),
        ({"months": []}, "months:"),
        ({"months": ["2026-03", "2026-03"]}, "months[1]:"),
        ({"placement": [{"from": "2026-03-10", "to": "2026-03-01"}]}, "placement[0].to:"),
        ({"placement": [{"from": "2026-02-30"}]}, "placement[0].from:"),
        ({"placement": [{"from": "2026-03-10", "till": None}]}, "placement[0].till:"),
        (
            {"board_increases": [{"percent": 30, "from": "2026-03-15"}]},
            "board_increases[0].percent:",
        ),
        ({"board_increases": [{"from": "2026-03-15"}]}, "board_increases[0].percent:"),
        (
            {
                "fee_uplifts": [
                    {"percent": 25, "from": "2026-03-01", "to": "2026-03-20"},
                    {"percent": 50, "from": "2026-03-20", "to": None},
                ]
            },
            "fee_uplifts[1]:",
        ),  # fmt: skip
        ({"rates": [{"valid_from": "2026-01-01", "board": "-1", "fee": "1"}]}, "rates[0].board:"),
        ({"rates": [{"valid_from": "2026-01-01", "board": 1.505, "fee": "1"}]}, "rates[0].board:"),
        ({"months": ["2025-10"], "placement": [{"from": "2025-10-01"}]}, "oktober 2025"),
    ],
)
def test_calc_refuses_bad_input_naming_the_field(monkeypatch, capsys, change, field):
    document = {**CALC_EXAMPLE, **change}
    err = refused(monkeypatch, capsys, ["calc"], document)
    assert field in err


def test_calc_missing_rate_says_where_to_add(monkeypatch, capsys):
    document = {"placement": [{"from": "2025-10-20", "to": None}], "months": ["2025-10"]}
    err = refused(monkeypatch, capsys, ["calc"], document)
    # the shipped table is not the window's: the advice is the request's rates or --db
    assert "oktober 2025" in err and "»rates«" in err and "--db ZBIRKA" in err
    assert "Nastavitve" not in err


def test_calc_month_that_does_not_exist_says_why_and_the_form(monkeypatch, capsys):
    document = {**CALC_EXAMPLE, "months": ["2026-03", "2026-00"]}
    err = refused(monkeypatch, capsys, ["calc"], document)
    assert err.startswith("months[1]: »2026-00« ni veljaven mesec: mesec je število od 1 do 12;")
    assert "LLLL-MM" in err


@pytest.mark.parametrize(
    "content, why",
    [(b"ni json", "ni veljaven JSON"), (b"", "je prazen"), (b"\xff{}", "UTF-8")],
)
@pytest.mark.parametrize("command", ["calc", "uplift", "refund", "print"])
def test_an_input_file_that_is_no_json_names_input(tmp_path, capsys, command, content, why):
    source = tmp_path / "vhod.json"
    source.write_bytes(content)
    argv = [command, "--input", str(source)]
    if command == "print":
        argv = [command, "r4", "--input", str(source), "--out", str(tmp_path / "x.pdf")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("--input: ") and why in err and err.count("\n") == 1, err


@pytest.mark.parametrize("raw", ["{", "[]", "", '"x"'])
def test_malformed_json_refused(monkeypatch, capsys, raw):
    refused(monkeypatch, capsys, ["calc"], raw=raw)


def test_refund_spec_example(monkeypatch, capsys):
    answer = ok(monkeypatch, capsys, ["refund"], REFUND_EXAMPLE)
    assert list(answer) == [
        "received", "report_due", "latest_deadline", "deadline_moved_from", "refund", "months",
        "instalments",
    ]  # fmt: skip
    assert answer["deadline_moved_from"] is None
    assert answer["received"] == "957.00"
    assert answer["report_due"] == "2026-05-31"
    assert answer["latest_deadline"] == "2027-01-07"
    assert answer["refund"] == "957.00"
    assert answer["months"][0] == {"month": "2026-01", "increase": "159.50"}
    assert len(answer["months"]) == 6
    assert answer["instalments"] == [{"due": "2027-01-07", "amount": "957.00"}]


def test_refund_typed_deadline_on_christmas_moves(monkeypatch, capsys):
    document = {**REFUND_EXAMPLE, "deadline": "2026-12-25"}
    answer = ok(monkeypatch, capsys, ["refund"], document)
    assert answer["deadline_moved_from"] == "2026-12-25"
    assert answer["instalments"] == [{"due": "2026-12-28", "amount": "957.00"}]


def test_refund_counts_only_money_before_the_call(monkeypatch, capsys):
    document = {**REFUND_EXAMPLE, "call_date": "2026-04-16", "method": "as_received"}
    answer = ok(monkeypatch, capsys, ["refund"], document)
    assert answer["received"] == "558.25"
    assert [m["month"] for m in answer["months"]] == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert answer["latest_deadline"] == "2026-07-30"


def test_refund_partial_as_received(monkeypatch, capsys):
    document = {**REFUND_EXAMPLE, "unjustified": "157.00", "method": "as_received"}
    answer = ok(monkeypatch, capsys, ["refund"], document)
    assert [i["amount"] for i in answer["instalments"]] == ["26.17"] * 5 + ["26.15"]
    assert answer["instalments"][-1]["due"] == "2027-01-07"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"unjustified": "957.01"}, "unjustified:"),
        ({"unjustified": "-1"}, "unjustified:"),
        ({"unjustified": "10.001"}, "unjustified:"),
        ({"deadline": "2027-01-08"}, "7. 1. 2027"),
        ({"method": "monthly"}, "method:"),
        ({"call_date": "10. 7. 2026"}, "call_date:"),
        (
            {"increase": {"percent": 40, "from": "2026-01-01", "to": "2026-06-30"}},
            "increase.percent:",
        ),
        ({"increase": {"percent": 25, "from": "2026-01-01", "to": None}}, "increase.to:"),
        ({"bonus": True}, "bonus:"),
        ({"call_date": "2025-12-01"}, "call_date:"),  # issue 11: before the increase
        ({"call_date": "2026-01-01"}, "call_date:"),
        ({"call_date": "0001-01-01"}, "call_date:"),  # issue 15: was ValueError year 0
        ({"deadline": "2026-07-10"}, "deadline:"),
        ({"increase": {"percent": 25, "from": "2026-01-01", "to": "9999-12-31"},
          "call_date": "9999-12-31"}, "increase:"),  # issue 15: was OverflowError
        ({"increase": {"percent": 25, "from": "9999-06-01", "to": "9999-12-31"},
          "call_date": "9999-12-31", "rates": None}, ":"),
    ],
)  # fmt: skip
def test_refund_refuses_bad_input(monkeypatch, capsys, change, field):
    err = refused(monkeypatch, capsys, ["refund"], {**REFUND_EXAMPLE, **change})
    assert field in err


def test_refund_requires_method(monkeypatch, capsys):
    document = {k: v for k, v in REFUND_EXAMPLE.items() if k != "method"}
    assert "method" in refused(monkeypatch, capsys, ["refund"], document)


@pytest.mark.parametrize(
    ("document", "eligible", "percent"),
    [
        ({"reasons": [], "workload": "moderate"}, False, None),
        ({"reasons": ["dolgotrajna bolezen"], "workload": "moderate"}, True, 25),
        ({"reasons": ["severe_illness"], "workload": "strong"}, True, 50),
        ({"reasons": ["a", "b"], "workload": "moderate"}, True, 50),
        # issue 11: the same reason in another letter case or spacing counts once
        ({"reasons": ["Bolezen", " bolezen ", "BOLEZEN"], "workload": "moderate"}, True, 25),
        (
            {"reasons": ["dolgotrajna  bolezen", "Dolgotrajna bolezen"], "workload": "moderate"},
            True,
            25,
        ),
    ],
)
def test_uplift(monkeypatch, capsys, document, eligible, percent):
    answer = ok(monkeypatch, capsys, ["uplift"], document)
    assert list(answer) == ["eligible", "percent", "explanation"]
    assert (answer["eligible"], answer["percent"]) == (eligible, percent)


def test_uplift_refuses_unknown_workload(monkeypatch, capsys):
    err = refused(monkeypatch, capsys, ["uplift"], {"reasons": ["a"], "workload": "huge"})
    assert "workload:" in err


def test_emso(capsys):
    assert main(["emso", "0101006500006"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == {"valid": True, "birth_date": "2006-01-01", "sex": "M"}


@pytest.mark.parametrize(
    ("number", "reason"),
    [("123", "13 števk"), ("01010065A0006", "števke"), ("2902999500120", "datum"),
     ("0101006500007", "kontrolna"), ("\u0660" * 13, "števke 0–9"),
     ("０１０１００６５００００６", "števke 0–9"), ("0101799500001", "prihodnosti"),
     ("0101899500009", "pred letom 1900")],
)  # fmt: skip
def test_emso_invalid(capsys, number, reason):
    assert main(["emso", number]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and reason in err and err.startswith("emso:")


def test_subprocess_exit_status_and_one_line():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    good = subprocess.run(
        [sys.executable, "-m", "rejnistvo", "refund"], input=json.dumps(REFUND_EXAMPLE),
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, encoding="utf-8",
    )  # fmt: skip
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["refund"] == "957.00"
    bad = subprocess.run(
        [sys.executable, "-m", "rejnistvo", "calc"], input='{"placement": 1, "months": []}',
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, encoding="utf-8",
    )  # fmt: skip
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "placement" in bad.stderr


def test_stale_rate_line_uses_the_slovenian_dual_and_plural():
    from datetime import date
    from decimal import Decimal

    from rejnistvo.rules.rates import Rate, RateTable, missing_indexations

    table = RateTable([Rate(date(2025, 3, 1), Decimal("638.00"), Decimal("460.00"))])

    def months(first, last):
        return [date(2026, m, 1) for m in range(first, last + 1)]

    one = missing_indexations(table, date(2026, 3, 1), months=months(3, 3))
    two = missing_indexations(table, date(2026, 4, 1), months=months(1, 4))
    three = missing_indexations(table, date(2026, 5, 1), months=months(3, 5))
    assert "mesec marec 2026 je izračunan" in one[0]
    assert "meseca marec 2026 – april 2026 sta izračunana" in two[0]
    assert "meseci marec 2026 – maj 2026 so izračunani" in three[0]


def test_stale_rate_line_names_months_that_do_not_follow_one_another():
    # QA10: a calculation of March 2027 and March 2028 said »meseci marec 2027 – marec
    # 2028«, as if the eleven months between had been computed too
    from datetime import date
    from decimal import Decimal

    from rejnistvo.rules.rates import Rate, RateTable, missing_indexations

    table = RateTable([Rate(date(2026, 3, 1), Decimal("655.23"), Decimal("472.42"))])
    asked = [date(2027, 3, 1), date(2028, 3, 1)]
    lines = missing_indexations(table, date(2028, 3, 1), months=asked)
    assert "meseca marec 2027 in marec 2028 sta izračunana" in lines[0]
    assert "mesec marec 2028 je izračunan" in lines[1]
    three = [date(2027, 3, 1), date(2027, 5, 1), date(2027, 6, 1)]
    lines = missing_indexations(table, date(2027, 6, 1), months=three)
    assert "meseci marec 2027, maj 2027 in junij 2027 so izračunani" in lines[0]
