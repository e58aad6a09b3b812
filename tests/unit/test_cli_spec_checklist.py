"""SPEC 3.2, 3.4 and 6 sentences no other test checked, through the headless interface:
29 February and month ends in `calc`, decisions reaching past the placement, overlaps
named, refund deadlines on Easter Monday / 31 December, money not yet received, and the
demo's summary line in Slovenian. Every request carries its own rate table."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.cli import main
from rejnistvo.rules.periods import Period
from rejnistvo.rules.refund import report_due_reason

RATES_2025 = [{"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00"}]
# with every 1 March up to 2028 entered at the same amounts: no stale-rate warnings
RATES_NO_WARNINGS = RATES_2025 + [
    {"valid_from": f"{year}-03-01", "board": "638.00", "fee": "460.00"}
    for year in (2026, 2027, 2028)
]
RATES_2026 = RATES_2025 + [{"valid_from": "2026-03-01", "board": "655.23", "fee": "472.42"}]


def run(monkeypatch, capsys, argv, document):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(document)))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def ok(monkeypatch, capsys, argv, document):
    code, out, err = run(monkeypatch, capsys, argv, document)
    assert (code, err) == (0, "")
    return json.loads(out)


def refused(monkeypatch, capsys, argv, document) -> str:
    code, out, err = run(monkeypatch, capsys, argv, document)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def calc(monkeypatch, capsys, placement, months, increases=None, uplifts=None):
    document = {
        "placement": placement,
        "months": months,
        "board_increases": increases,
        "fee_uplifts": uplifts,
        "rates": RATES_NO_WARNINGS,
    }
    answer = ok(monkeypatch, capsys, ["calc"], document)
    assert "warnings" not in answer  # SPEC 6: no key when no indexation is missing
    return {m["month"]: m for m in answer["months"]}


def figures(month: dict) -> tuple:
    return (month["days_placed"], month["board"], month["board_increase"], month["fee"])


# -- calc: 29 February and month ends (SPEC 3.2) ---------------------------------------------


@pytest.mark.parametrize(
    ("placement", "expected"),
    [
        # a whole February of 29 days counts as whole
        ([{"from": "2028-02-01", "to": None}], (29, "638.00", "0.00", "460.00")),
        # 28 of its 29 days: f = 28/30, from either end
        ([{"from": "2028-02-02", "to": None}], (28, "595.47", "0.00", "429.33")),
        ([{"from": "2027-12-01", "to": "2028-02-28"}], (28, "595.47", "0.00", "429.33")),
        # contract and an annex that adjoins on 15 February make the month whole
        (
            [{"from": "2028-01-01", "to": "2028-02-14"}, {"from": "2028-02-15", "to": None}],
            (29, "638.00", "0.00", "460.00"),
        ),
        # a placement of 29 February alone: one day, 1/30
        ([{"from": "2028-02-29", "to": "2028-02-29"}], (1, "21.27", "0.00", "15.33")),
    ],
)
def test_calc_february_of_a_leap_year(monkeypatch, capsys, placement, expected):
    months = calc(monkeypatch, capsys, placement, ["2028-02"])
    assert figures(months["2028-02"]) == expected
    assert Decimal(months["2028-02"]["total"]) == Decimal(expected[1]) + Decimal(expected[3])


def test_calc_month_ends(monkeypatch, capsys):
    # one day on 31 January; 30 days of a 31-day month from either end are a whole month
    months = calc(
        monkeypatch, capsys, [{"from": "2027-01-31", "to": "2027-03-30"}], ["2027-01", "2027-03"]
    )
    assert figures(months["2027-01"]) == (1, "21.27", "0.00", "15.33")
    assert figures(months["2027-03"]) == (30, "638.00", "0.00", "460.00")
    months = calc(monkeypatch, capsys, [{"from": "2027-03-02", "to": None}], ["2027-03"])
    assert figures(months["2027-03"]) == (30, "638.00", "0.00", "460.00")
    # 29 days of a 31-day month are not: f = 29/30
    months = calc(monkeypatch, capsys, [{"from": "2027-03-03", "to": None}], ["2027-03"])
    assert figures(months["2027-03"]) == (29, "616.73", "0.00", "444.67")


def test_calc_decisions_starting_on_29_february(monkeypatch, capsys):
    months = calc(
        monkeypatch,
        capsys,
        [{"from": "2028-01-01", "to": None}],
        ["2028-02"],
        increases=[{"percent": 50, "from": "2028-02-29", "to": "2028-06-30"}],
        uplifts=[{"percent": 25, "from": "2028-02-15", "to": "2028-02-29"}],
    )
    # board = 638 × (28 + 1.5) / 29 = 649.00; fee = (14 × 460 + 15 × 575) / 29 = 519.48
    assert figures(months["2028-02"]) == (29, "649.00", "11.00", "519.48")
    assert months["2028-02"]["total"] == "1168.48"


def test_calc_decisions_past_the_placement_count_only_placed_days(monkeypatch, capsys):
    # SPEC 6: a child who left early on 10 February; the increase reaches to June
    months = calc(
        monkeypatch,
        capsys,
        [{"from": "2028-01-01", "to": "2028-02-10"}],
        ["2028-02", "2028-03"],
        increases=[{"percent": 50, "from": "2028-02-01", "to": "2028-06-30"}],
        uplifts=[{"percent": 25, "from": "2028-02-01", "to": None}],
    )
    # 10/30 of 957.00 = 319.00; without the increase 212.67; fee 10/30 of 575.00
    assert figures(months["2028-02"]) == (10, "319.00", "106.33", "191.67")
    assert figures(months["2028-03"]) == (0, "0.00", "0.00", "0.00")


def test_calc_29_february_of_a_common_year_is_refused(monkeypatch, capsys):
    document = {"placement": [{"from": "2027-02-29", "to": None}], "months": ["2027-02"]}
    err = refused(monkeypatch, capsys, ["calc"], document)
    assert err.startswith("placement[0].from: datum »2027-02-29« ne obstaja")


def test_calc_overlap_names_the_other_period(monkeypatch, capsys):
    # SPEC 3.4: the refusal names the other decision and its period
    document = {
        "placement": [{"from": "2028-01-01", "to": None}],
        "months": ["2028-02"],
        "board_increases": [
            {"percent": 25, "from": "2028-02-20", "to": None},
            {"percent": 50, "from": "2028-02-01", "to": "2028-02-20"},
        ],
        "rates": RATES_2025,
    }
    err = refused(monkeypatch, capsys, ["calc"], document)
    assert err.startswith("board_increases[0]: zvišanja oskrbnine se prekrivajo")
    assert "obdobje št. 1 (od 20. 2. 2028 dalje)" in err
    assert "z obdobjem št. 2 (1. 2. 2028 – 20. 2. 2028)" in err


def test_calc_warns_from_the_first_month_after_a_missing_1_march(monkeypatch, capsys):
    document = {
        "placement": [{"from": "2026-01-01", "to": None}],
        "months": ["2027-02"],
        "rates": RATES_2026,
    }
    assert "warnings" not in ok(monkeypatch, capsys, ["calc"], document)
    document["months"] = ["2027-02", "2027-03"]
    warnings = ok(monkeypatch, capsys, ["calc"], document)["warnings"]
    assert len(warnings) == 1 and "1. 3. 2027" in warnings[0]


# -- refund: deadlines on holidays, money not yet received (SPEC 3.4) -------------------------


def refund(monkeypatch, capsys, **changes):
    document = {
        "increase": {"percent": 25, "from": "2026-01-01", "to": "2026-12-31"},
        "placement": [{"from": "2025-06-01", "to": None}],
        "call_date": "2026-12-20",
        "unjustified": "all",
        "deadline": None,
        "method": "lump_sum",
        "rates": RATES_2026,
    } | changes
    return ok(monkeypatch, capsys, ["refund"], document)


def test_refund_deadline_on_easter_monday_moves_to_tuesday(monkeypatch, capsys):
    answer = refund(monkeypatch, capsys, deadline="2027-03-29")  # Easter Monday 2027
    assert answer["deadline_moved_from"] == "2027-03-29"
    assert answer["instalments"] == [{"due": "2027-03-30", "amount": answer["refund"]}]


def test_refund_deadline_on_31_december_is_a_working_day(monkeypatch, capsys):
    answer = refund(monkeypatch, capsys, deadline="2026-12-31")  # Thursday, no holiday
    assert answer["deadline_moved_from"] is None
    assert answer["instalments"][-1]["due"] == "2026-12-31"


def test_refund_as_received_spread_over_christmas(monkeypatch, capsys):
    # 12 months, 11 days to the deadline: spread evenly; 25 and 26 December (a Friday
    # and a Saturday holiday) and the Sunday move to Monday 28, in order, none on the call
    answer = refund(monkeypatch, capsys, deadline="2026-12-31", method="as_received")
    dues = [i["due"] for i in answer["instalments"]]
    assert dues == [
        "2026-12-21",
        "2026-12-22",
        "2026-12-23",
        "2026-12-24",
        "2026-12-28",
        "2026-12-28",
        "2026-12-28",
        "2026-12-28",
        "2026-12-29",
        "2026-12-30",
        "2026-12-31",
        "2026-12-31",
    ]
    amounts = [i["amount"] for i in answer["instalments"]]
    assert amounts == [m["increase"] for m in answer["months"]]


def test_refund_counts_only_placed_days_before_the_call(monkeypatch, capsys):
    # the child was away in February (no annex for it); the call on 10 March
    answer = refund(
        monkeypatch,
        capsys,
        placement=[{"from": "2025-01-01", "to": "2026-01-31"}, {"from": "2026-03-01", "to": None}],
        call_date="2026-03-10",
        method="as_received",
    )
    # January whole; 1–9 March (9/30): 245.71 − 196.57
    assert answer["months"] == [
        {"month": "2026-01", "increase": "159.50"},
        {"month": "2026-03", "increase": "49.14"},
    ]
    assert answer["received"] == answer["refund"] == "208.64"
    # L = 31 + 9 days; 10 March + 40 = Sunday 19 April → Monday 20 April
    assert answer["latest_deadline"] == "2026-04-20"
    assert answer["instalments"] == [
        {"due": "2026-03-20", "amount": "159.50"},
        {"due": "2026-04-20", "amount": "49.14"},
    ]


def test_refund_before_any_placed_day_is_refused(monkeypatch, capsys):
    document = {
        "increase": {"percent": 25, "from": "2026-01-01", "to": "2026-06-30"},
        "placement": [{"from": "2026-04-01", "to": None}],
        "call_date": "2026-03-10",
        "unjustified": "all",
        "method": "lump_sum",
        "rates": RATES_2026,
    }
    err = refused(monkeypatch, capsys, ["refund"], document)
    assert err.startswith("increase: ") and "ni bila prejeta" in err


def test_short_increase_reason_counts_days_in_the_accusative():
    # "traja 3 dni" (accusative), not "traja 3 dnevi"
    reason = report_due_reason(Period(date(2026, 3, 1), date(2026, 3, 3)))
    assert reason is not None and "traja le 3 dni:" in reason
    reason = report_due_reason(Period(date(2026, 3, 1), date(2026, 3, 2)))
    assert reason is not None and "traja le 2 dneva:" in reason


# -- demo: its summary line in Slovenian -------------------------------------------------------


def test_demo_summary_uses_slovenian_number_forms():
    from rejnistvo.cli.store_commands import demo_counts

    assert demo_counts({"placements": 3, "r4_cases": 2, "board_increases": 1}) == (
        "3 namestitve, 2 primera R-4, 1 zvišanje oskrbnine"
    )
    assert demo_counts({"placements": 40, "r4_cases": 17, "board_increases": 102}) == (
        "40 namestitev, 17 primerov R-4, 102 zvišanji oskrbnine"
    )


def test_demo_message_has_a_decimal_comma(tmp_path, capsys):
    assert main(["demo", "--db", str(tmp_path / "demo.sqlite3"), "--scale", "2"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    seconds = err.split(" s: ")[0].rsplit(" v ", 1)[1]
    assert "," in seconds and "." not in seconds
    assert err.rstrip().endswith("oskrbnine.") and "2 namestitvi" in err


# -- bad input: one line that says what is wrong (SPEC 6) -------------------------------------


@pytest.mark.parametrize("command", ["calc", "refund", "uplift"])
@pytest.mark.parametrize("text", ["", "\n", "  \n\n"])
def test_empty_input_is_called_empty(monkeypatch, capsys, command, text):
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    assert main([command]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith("Vhod je prazen")


@pytest.mark.parametrize("value", [True, False])
def test_refund_unjustified_true_is_not_an_amount(monkeypatch, capsys, value):
    document = {
        "increase": {"percent": 25, "from": "2026-01-01", "to": "2026-06-30"},
        "placement": [{"from": "2025-06-01", "to": None}],
        "call_date": "2026-07-10",
        "unjustified": value,
        "method": "lump_sum",
        "rates": RATES_2026,
    }
    err = refused(monkeypatch, capsys, ["refund"], document)
    assert err.startswith(f"unjustified: {json.dumps(value)} ni znesek")
    assert "manjka" not in err and "»all«" in err


# -- calc recomputes every line of a payment run (SPEC 6 `run` … "inputs") ----------------------


def test_calc_takes_the_part_time_share_of_a_run_line(monkeypatch, capsys):
    # SPEC 3.2: weekends and holidays only — board 75 %, fee × the contract's share. A run
    # line of such a placement carries `part_time_fee_share` in its inputs; calc takes it.
    from rejnistvo.rules.payment_run import calc_inputs

    basis = {
        "placement": [{"from": "2026-04-03", "to": None}],
        "board_increases": [],
        "fee_uplifts": [],
        "rates": [{"valid_from": "2026-03-01", "board": "655.23", "fee": "472.42"}],
        "part_time_fee_share": "0.40",
    }
    request = calc_inputs(basis, date(2026, 12, 1))
    assert request is not None and request["part_time_fee_share"] == "0.40"
    answer = ok(monkeypatch, capsys, ["calc"], request)
    # 655.23 × 0.75 = 491.42; 472.42 × 0.40 = 188.97
    assert figures(answer["months"][0]) == (31, "491.42", "0.00", "188.97")
    assert answer["total"] == "680.39"
    # a share of 1 pays the whole fee; 0 none
    request["part_time_fee_share"] = 1
    assert ok(monkeypatch, capsys, ["calc"], request)["fee"] == "472.42"
    request["part_time_fee_share"] = "0"
    assert ok(monkeypatch, capsys, ["calc"], request)["fee"] == "0.00"


@pytest.mark.parametrize("share", ["1.5", "-0.1", "x", "NaN", True, [0.4]])
def test_calc_refuses_a_share_outside_0_to_1(monkeypatch, capsys, share):
    document = {
        "placement": [{"from": "2026-04-03", "to": None}],
        "months": ["2026-12"],
        "part_time_fee_share": share,
        "rates": RATES_2026,
    }
    err = refused(monkeypatch, capsys, ["calc"], document)
    assert err.startswith("part_time_fee_share: ") and "med 0 in 1" in err


# -- a missing rate: the advice fits where the rates came from (SPEC 3.1) ----------------------


def test_missing_rate_in_the_requests_table_says_add_a_row_to_rates(monkeypatch, capsys):
    document = {
        "placement": [{"from": "2025-10-10", "to": None}],
        "months": ["2025-10"],
        "rates": RATES_2025,
    }
    err = refused(monkeypatch, capsys, ["calc"], document)
    assert err.startswith("rates: za mesec oktober 2025 ni vnesenega zneska")
    assert "v polje »rates« zahteve" in err and "Nastavitve" not in err
    refund_document = {
        "increase": {"percent": 25, "from": "2025-10-01", "to": "2026-06-30"},
        "placement": [{"from": "2025-06-01", "to": None}],
        "call_date": "2026-07-10",
        "unjustified": "all",
        "method": "lump_sum",
        "rates": RATES_2025,
    }
    err = refused(monkeypatch, capsys, ["refund"], refund_document)
    assert "oktober 2025" in err and "v polje »rates« zahteve" in err


def test_stale_rate_warning_of_the_requests_table_says_add_a_row_to_rates(monkeypatch, capsys):
    document = {
        "placement": [{"from": "2026-01-01", "to": None}],
        "months": ["2026-03"],
        "rates": RATES_2025,
    }
    (warning,) = ok(monkeypatch, capsys, ["calc"], document)["warnings"]
    assert "1. 3. 2026" in warning and warning.endswith("v polje »rates« zahteve.")


# -- print r5 of an increase older than the rate table (SPEC 6.1, 3.4) ---------------------------


def _r5_of_2025(tmp_path, monkeypatch, unjustified: str):
    """The shipped example moved to the first half of 2025, before the table's first row;
    the table is our own (2025-11-01 onwards), never the shipped one."""
    from pathlib import Path

    import rejnistvo.rules.rates as rates_module

    table = rates_module.parse_rate_rows(RATES_2025, "rates")
    monkeypatch.setattr(rates_module, "load_rate_table", lambda *a, **k: table)
    examples = Path(__file__).resolve().parents[2] / "forms"
    data = json.loads((examples / "r5.example.json").read_text(encoding="utf-8"))
    data["period"] = {"from": "2025-01-01", "to": "2025-06-30"}
    data["report_date"] = "2025-05-20"
    data["finding"].update(date="2025-07-06", refund_deadline=None, unjustified=unjustified)
    path = tmp_path / "r5.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_print_r5_older_than_the_rate_table_prints_and_says_it_was_not_checked(
    tmp_path, monkeypatch, capsys
):
    path = _r5_of_2025(tmp_path, monkeypatch, "157.00")
    out = tmp_path / "r5.pdf"
    assert main(["print", "r5", "--input", str(path), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and out.read_bytes()[:5] == b"%PDF-"
    (warning,) = json.loads(captured.out)["warnings"]
    assert warning.startswith("Znesek za vračilo ni preverjen") and "januar 2025" in warning


def test_print_r5_within_the_rate_table_has_no_warnings(tmp_path, monkeypatch, capsys):
    from pathlib import Path

    import rejnistvo.rules.rates as rates_module

    table = rates_module.parse_rate_rows(RATES_2026, "rates")
    monkeypatch.setattr(rates_module, "load_rate_table", lambda *a, **k: table)
    example = Path(__file__).resolve().parents[2] / "forms" / "r5.example.json"
    out = tmp_path / "r5.pdf"
    assert main(["print", "r5", "--input", str(example), "--out", str(out)]) == 0
    assert "warnings" not in json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("2027-02-29", "februar 2027 ima 28 dni."),
        ("2028-04-31", "april 2028 ima 30 dni."),
        ("2026-13-01", "mesec je število od 1 do 12."),
        ("0000-03-01", "leto mora biti vsaj 1."),
    ],
)
def test_a_date_that_does_not_exist_says_why_as_the_window_does(monkeypatch, capsys, typed, why):
    # SPEC 5/6: the message says what is wrong; the form was right, so not the form again
    document = {"placement": [{"from": typed, "to": None}], "months": ["2026-03"]}
    err = refused(monkeypatch, capsys, ["calc"], {**document, "rates": RATES_2025})
    assert err == f"placement[0].from: datum »{typed}« ne obstaja: {why}\n"
