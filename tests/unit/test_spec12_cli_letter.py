"""SPEC 6 to the letter, for input no earlier test tried: a field given twice in one
object, `--input -`, a closed standard output, amounts written as JSON numbers, »-0«.
Every request carries its own rate table."""

from __future__ import annotations

import io
import json
import sys

import pytest

from rejnistvo.cli import main

RATES = [
    {"valid_from": f"{year}-{month}", "board": "638.00", "fee": "460.00"}
    for year, month in (("2025", "11-01"), ("2026", "03-01"), ("2027", "03-01"))
]
CALC = {"placement": [{"from": "2026-03-10", "to": None}], "months": ["2026-03"], "rates": RATES}
REFUND = {
    "increase": {"percent": 25, "from": "2026-01-01", "to": "2026-06-30"},
    "placement": [{"from": "2025-06-01", "to": None}],
    "call_date": "2026-07-10",
    "unjustified": "all",
    "method": "lump_sum",
    "rates": RATES,
}


def run_text(monkeypatch, capsys, argv, text):
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def refused_line(monkeypatch, capsys, argv, text) -> str:
    code, out, err = run_text(monkeypatch, capsys, argv, text)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


# -- a field given twice ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "field"),
    [
        # a second placement pasted below the first: the JSON reader kept the last one
        (
            '{"placement": [{"from": "2026-03-10", "to": null}],'
            ' "placement": [{"from": "2026-03-01", "to": null}],'
            f' "months": ["2026-03"], "rates": {json.dumps(RATES)}}}',
            "placement",
        ),
        (
            '{"placement": [{"from": "2026-03-10", "to": null, "to": "2026-03-12"}],'
            f' "months": ["2026-03"], "rates": {json.dumps(RATES)}}}',
            "to",
        ),
    ],
)
def test_a_field_given_twice_is_refused_naming_it(monkeypatch, capsys, text, field):
    err = refused_line(monkeypatch, capsys, ["calc"], text)
    assert err.startswith(f"{field}: polje je v istem objektu navedeno večkrat")


def test_the_same_field_in_two_objects_is_no_repeat(monkeypatch, capsys):
    two_periods = {**CALC, "placement": [{"from": "2026-03-10", "to": "2026-03-12"},
                                         {"from": "2026-03-13", "to": None}]}  # fmt: skip
    code, out, _ = run_text(monkeypatch, capsys, ["calc"], json.dumps(two_periods))
    assert code == 0 and json.loads(out)["months"][0]["days_placed"] == 22


# -- `--input -` ------------------------------------------------------------------------


def test_input_dash_is_standard_input(monkeypatch, capsys):
    code, out, err = run_text(monkeypatch, capsys, ["calc", "--input", "-"], json.dumps(CALC))
    assert (code, err) == (0, "")
    assert json.loads(out)["total"] == "805.20"


# -- a closed standard output -----------------------------------------------------------


def test_a_closed_standard_output_is_refused_before_anything_is_done(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(CALC)))
    monkeypatch.setattr(sys, "stdout", None)  # what Python makes of `… >&-`
    assert main(["calc"]) == 2  # was 70, »Notranja napaka programa (AttributeError)«
    err = capsys.readouterr().err
    assert err.startswith("Standardni izhod je zaprt") and err.count("\n") == 1


def test_a_command_that_answers_on_standard_error_runs_without_standard_output(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "stdout", None)
    database = tmp_path / "demo.db"
    assert main(["demo", "--db", str(database)]) == 0
    assert database.stat().st_size > 0
    assert "Predstavitveni podatki zapisani" in capsys.readouterr().err


# -- amounts are strings (SPEC 6: "amounts as strings with two decimals") ---------------


@pytest.mark.parametrize(
    ("number", "as_string"), [("157", '"157.00"'), ("157.5", '"157.50"'), ("1e2", '"100.00"')]
)
def test_refund_unjustified_as_a_json_number_is_refused_with_the_string_to_write(
    monkeypatch, capsys, number, as_string
):
    text = json.dumps({**REFUND, "unjustified": "X"}).replace('"X"', number)
    err = refused_line(monkeypatch, capsys, ["refund"], text)
    assert err.startswith("unjustified: znesek ") and "število JSON" in err
    assert f"»{as_string}«" in err and "»all«" in err


def test_refund_unjustified_as_a_string_is_taken(monkeypatch, capsys):
    document = {**REFUND, "unjustified": "157.5"}
    code, out, _ = run_text(monkeypatch, capsys, ["refund"], json.dumps(document))
    assert code == 0 and json.loads(out)["refund"] == "157.50"


def test_refund_unjustified_with_three_decimals_suggests_no_rounded_string(monkeypatch, capsys):
    text = json.dumps({**REFUND, "unjustified": "X"}).replace('"X"', "157.005")
    err = refused_line(monkeypatch, capsys, ["refund"], text)
    assert "157.01" not in err and '»"120.00"«' in err


def test_a_rate_as_a_json_number_is_refused_naming_the_row(monkeypatch, capsys):
    rates = [{"valid_from": "2025-11-01", "board": "X", "fee": "460.00"}]
    text = json.dumps({**CALC, "rates": rates}).replace('"X"', "638")
    err = refused_line(monkeypatch, capsys, ["calc"], text)
    assert err.startswith("rates[0].board: znesek 638 je zapisan kot število JSON")


@pytest.mark.parametrize("zero", ["-0", "-0.00", "0"])
def test_refund_of_minus_zero_is_zero_not_minus_zero(monkeypatch, capsys, zero):
    document = {**REFUND, "unjustified": zero}
    code, out, _ = run_text(monkeypatch, capsys, ["refund"], json.dumps(document))
    answer = json.loads(out)
    assert code == 0 and (answer["refund"], answer["instalments"]) == ("0.00", [])


# -- stale rates in a refund (SPEC 3.1: every calculation of such a month says so) ----------


def test_refund_of_months_after_a_missing_indexation_warns_as_calc(monkeypatch, capsys):
    rates = RATES[:2]  # newest row 1. 3. 2026; 1. 3. 2027 not entered
    document = {
        **REFUND,
        "increase": {"percent": 25, "from": "2027-02-01", "to": "2027-06-30"},
        "call_date": "2027-05-10",
        "rates": rates,
    }
    code, out, _ = run_text(monkeypatch, capsys, ["refund"], json.dumps(document))
    answer = json.loads(out)
    assert code == 0 and list(answer)[-1] == "warnings"
    (warning,) = answer["warnings"]
    # the months received are named; May is cut by the call, still computed
    assert warning.startswith("Uskladitev zneskov od 1. 3. 2027 ni vnesena: meseci marec 2027")
    assert "maj 2027" in warning and "»rates«" in warning


def test_refund_within_the_rate_table_has_no_warnings_key(monkeypatch, capsys):
    code, out, _ = run_text(monkeypatch, capsys, ["refund"], json.dumps(REFUND))
    assert code == 0 and "warnings" not in json.loads(out)


# -- `--out -` --------------------------------------------------------------------------


def test_out_dash_is_refused_rather_than_a_file_named_dash(tmp_path, monkeypatch, capsys):
    from pathlib import Path

    monkeypatch.chdir(tmp_path)
    example = Path(__file__).resolve().parents[2] / "forms" / "r4.example.json"
    code = main(["print", "r4", "--input", str(example), "--out", "-"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.startswith("--out: izpisa ni mogoče poslati na standardni izhod (»-«)")
    assert not (tmp_path / "-").exists()  # it wrote the PDF there, status 0


# -- huge lists ---------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["placement", "board_increases", "fee_uplifts"])
def test_more_periods_than_a_hundred_years_of_annexes_are_refused(monkeypatch, capsys, field):
    from rejnistvo.cli.rules_commands import MAX_PERIODS

    day = {"from": "2026-03-10", "to": "2026-03-10"}
    periods = [{**day, "percent": 25} if field != "placement" else day] * (MAX_PERIODS + 1)
    document = {**CALC, field: periods}
    err = refused_line(monkeypatch, capsys, ["calc"], json.dumps(document))
    # 30,000 board increases kept calc busy for 35 s before it answered
    assert err.startswith(f"{field}: {MAX_PERIODS + 1} obdobij; v enem izračunu jih je lahko")


@pytest.mark.skipif(not __import__("os").path.exists("/dev/zero"), reason="a POSIX device")
def test_input_from_an_endless_device_is_refused_as_too_large(monkeypatch, capsys):
    # it was read whole: memory ran out before any message
    code = main(["calc", "--input", "/dev/zero"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == "--input: Vhod je prevelik (več kot 20 MiB).\n"


# -- text that is not text --------------------------------------------------------------


def test_an_argument_in_another_code_page_is_refused_naming_the_option(tmp_path, capsys):
    # what Python makes of the byte 0xff on a UTF-8 command line: a lone surrogate; stored
    # as a rate's source it ended in »Notranja napaka programa (UnicodeEncodeError)«, 70
    argv = ["rates", "--db", str(tmp_path / "x.db"), "--add", "--from", "2027-03-01"]
    code = main([*argv, "--board", "1.00", "--fee", "1.00", "--source", "vir\udcff"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.startswith("--source: »vir\ufffd« vsebuje znake, ki niso v kodiranju UTF-8")
    assert not (tmp_path / "x.db").exists()


def test_a_positional_argument_is_named_as_help_shows_it(capsys):
    assert main(["emso", "\udcff"]) == 2
    assert capsys.readouterr().err.startswith("EMŠO: »\ufffd« vsebuje znake")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"reasons": ["ok", "\\udc00"], "workload": "strong"}', "reasons[1]"),
        ('{"reasons": ["\\ud800x"], "workload": "strong"}', "reasons[0]"),
        ('{"\\ud800": 1}', "vhod"),
    ],
)
def test_a_lone_surrogate_in_a_json_string_is_refused_naming_where(
    monkeypatch, capsys, text, where
):
    err = refused_line(monkeypatch, capsys, ["uplift"], text)
    assert err.startswith(f"{where}: ")


def test_a_surrogate_pair_is_text(monkeypatch, capsys):
    text = '{"reasons": ["\\ud83d\\ude00"], "workload": "strong"}'
    code, out, _ = run_text(monkeypatch, capsys, ["uplift"], text)
    assert code == 0 and json.loads(out)["percent"] == 50
