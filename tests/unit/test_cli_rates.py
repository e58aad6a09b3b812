"""`rates`, `calc --db` and `refund --db` (SPEC 6): one rate table per database, JSON out, exit 2 on bad input."""

import json
from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.cli import main
from rejnistvo.rules.rates import load_rate_table
from rejnistvo.store import open_db


@pytest.fixture
def db_file(tmp_path, own_rates):
    path = tmp_path / "rates.sqlite3"
    with open_db(path) as db:
        own_rates(db)  # 638.00 / 460.00 and birth grant 430.00 from 1. 11. 2025
    return path


def ok(capsys, argv):
    code = main(argv)
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    return json.loads(out)


def refused(capsys, argv):
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.endswith("\n") and err.count("\n") == 1 and "Traceback" not in err
    return err


def test_rates_lists_the_rows_in_calcs_shape(capsys, db_file):
    assert ok(capsys, ["rates", "--db", str(db_file)]) == [
        {"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00", "source": "test: 2025"}
    ]


def test_rates_add_prints_the_row_and_keeps_it(capsys, db_file):
    argv = ["rates", "--db", str(db_file), "--add", "--from", "2026-03-01"]
    row = ok(capsys, [*argv, "--board", "655.23", "--fee", "472.42", "--source", "Ur. l."])
    assert row == {
        "valid_from": "2026-03-01",
        "board": "655.23",
        "fee": "472.42",
        "source": "Ur. l.",
    }
    assert len(ok(capsys, ["rates", "--db", str(db_file)])) == 2


def test_rates_index_adds_board_fee_and_birth_grant(capsys, db_file):
    answer = ok(
        capsys,
        [
            "rates",
            "--db",
            str(db_file),
            "--index",
            "2.7",
            "--from",
            "2026-03-01",
            "--source",
            "MSP",
        ],
    )
    assert (answer["rate"]["board"], answer["rate"]["fee"]) == ("655.23", "472.42")
    assert answer["birth_grant"]["amount"] == "441.61"
    assert answer["rate"]["source"].startswith("MSP") and "2,7 %" in answer["rate"]["source"]


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (["--add", "--from", "2026-03-01", "--board", "1.00", "--fee", "1.00"], "--source"),
        (
            ["--add", "--from", "2026-13-01", "--board", "1", "--fee", "1", "--source", "x"],
            "--from",
        ),
        (
            ["--add", "--from", "2026-03-01", "--board", "1.234", "--fee", "1", "--source", "x"],
            "--board",
        ),
        (
            ["--add", "--from", "2025-11-01", "--board", "1", "--fee", "1", "--source", "x"],
            "--from",
        ),
        (["--index", "abc", "--from", "2026-03-01", "--source", "x"], "--index"),
        (["--index", "2.7", "--from", "2026-03-01"], "--source"),
        (["--index", "2.7", "--from", "2026-03-01", "--source", "x", "--board", "1"], "--board"),
        (["--from", "2026-03-01"], "--from"),
    ],
)
def test_bad_rates_input_exits_2_naming_the_option_and_writes_nothing(
    capsys, db_file, extra, named
):
    err = refused(capsys, ["rates", "--db", str(db_file), *extra])
    assert err.startswith(named)
    assert len(ok(capsys, ["rates", "--db", str(db_file)])) == 1


def test_rates_of_a_missing_file_is_refused(capsys, tmp_path):
    err = refused(capsys, ["rates", "--db", str(tmp_path / "nope.sqlite3")])
    assert "ne obstaja" in err
    assert not (tmp_path / "nope.sqlite3").exists()


CALC = {"placement": [{"from": "2026-01-01", "to": None}], "months": ["2026-02", "2026-03"]}


def calc(capsys, tmp_path, document, *argv):
    path = tmp_path / "calc.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return ok(capsys, ["calc", "--input", str(path), *argv])


def test_calc_db_uses_that_files_rate_table(capsys, tmp_path, db_file):
    argv = ["rates", "--db", str(db_file), "--add", "--from", "2026-03-01"]
    ok(capsys, [*argv, "--board", "700.00", "--fee", "500.00", "--source", "test"])
    answer = calc(capsys, tmp_path, CALC, "--db", str(db_file))
    assert [m["board"] for m in answer["months"]] == ["638.00", "700.00"]
    assert "warnings" not in answer


def test_calc_db_warns_about_a_missing_indexation(capsys, tmp_path, db_file):
    answer = calc(capsys, tmp_path, CALC, "--db", str(db_file))
    assert [m["total"] for m in answer["months"]] == ["1098.00", "1098.00"]
    (line,) = answer["warnings"]
    assert "1. 3. 2026" in line and "Nastavitve → Zneski rejnine" in line


def test_calc_db_of_a_database_without_rates_says_so(capsys, tmp_path, own_rates):
    path = tmp_path / "empty.sqlite3"
    with open_db(path) as db:
        own_rates(db, rates=())
    document_path = tmp_path / "calc.json"
    document_path.write_text(json.dumps(CALC), encoding="utf-8")
    err = refused(capsys, ["calc", "--input", str(document_path), "--db", str(path)])
    assert "ni nobenega zneska" in err


def test_calc_db_with_rates_in_the_request_is_refused(capsys, tmp_path, db_file):
    document = {**CALC, "rates": [{"valid_from": "2025-11-01", "board": "1.00", "fee": "1.00"}]}
    path = tmp_path / "calc.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert refused(capsys, ["calc", "--input", str(path), "--db", str(db_file)]).startswith("rates")


def test_calc_without_db_uses_the_requests_rates_else_the_shipped_table(capsys, tmp_path):
    own = [{"valid_from": "2025-01-01", "board": "100.00", "fee": "50.00"}]
    assert calc(capsys, tmp_path, {**CALC, "rates": own})["board"] == "200.00"
    # Compared with the shipped table itself, whatever rows it holds (never its numbers).
    shipped = load_rate_table()
    answer = calc(capsys, tmp_path, CALC)
    # Rows start on the first of a month, so each whole month is its first day's rate.
    expected = sum((shipped.rate_on(date(2026, m, 1)).board for m in (2, 3)), Decimal("0.00"))
    assert Decimal(answer["board"]) == expected


REFUND = {
    "increase": {"percent": 25, "from": "2026-01-01", "to": "2026-06-30"},
    "placement": [{"from": "2025-06-01", "to": None}],
    "call_date": "2026-07-10",
    "unjustified": "all",
    "method": "lump_sum",
}


def test_refund_db_uses_that_files_rate_table_as_calc_does(capsys, tmp_path, db_file):
    # SPEC 6: refund's `rates` as for calc. The file holds 638.00 from 1. 11. 2025 only:
    # six months of 25 % of 638.00 (no stale-rate row of the shipped table is used).
    path = tmp_path / "refund.json"
    path.write_text(json.dumps(REFUND), encoding="utf-8")
    answer = ok(capsys, ["refund", "--input", str(path), "--db", str(db_file)])
    assert [m["increase"] for m in answer["months"]] == ["159.50"] * 6
    assert answer["received"] == answer["refund"] == "957.00"


def test_refund_db_with_rates_in_the_request_is_refused(capsys, tmp_path, db_file):
    document = {**REFUND, "rates": [{"valid_from": "2025-11-01", "board": "1.00", "fee": "1.00"}]}
    path = tmp_path / "refund.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    err = refused(capsys, ["refund", "--input", str(path), "--db", str(db_file)])
    assert err.startswith("rates: z možnostjo --db")


@pytest.mark.parametrize("command", ["calc", "refund"])
def test_rate_table_of_a_file_that_is_not_a_database_names_db(capsys, tmp_path, command):
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database\n", encoding="utf-8")
    path = tmp_path / "request.json"
    path.write_text(json.dumps(CALC if command == "calc" else REFUND), encoding="utf-8")
    err = refused(capsys, [command, "--input", str(path), "--db", str(text)])
    assert err.startswith("--db: ") and "ni podatkovna zbirka" in err


def test_rate_table_is_read_beside_an_open_window(capsys, tmp_path, db_file):
    # The window holds the file; a reader's commands still answer, a change is refused.
    with open_db(db_file):
        assert calc(capsys, tmp_path, CALC, "--db", str(db_file))["board"] == "1276.00"
        path = tmp_path / "refund.json"
        path.write_text(json.dumps(REFUND), encoding="utf-8")
        assert ok(capsys, ["refund", "--input", str(path), "--db", str(db_file)])["refund"]
        assert len(ok(capsys, ["rates", "--db", str(db_file)])) == 1
        argv = ["rates", "--db", str(db_file), "--add", "--from", "2026-03-01"]
        err = refused(capsys, [*argv, "--board", "1.00", "--fee", "1.00", "--source", "x"])
        assert err.startswith("--db: ") and "že odprta" in err


def test_calc_reaches_ten_years_past_the_newest_amounts_and_no_further(capsys, tmp_path):
    """»9999-12« answered with 7,974 warnings, one per 1 March not entered (SPEC 3.1)."""
    own = [{"valid_from": "2025-01-01", "board": "100.00", "fee": "50.00"}]
    placement = [{"from": "2025-01-01", "to": None}]
    last = calc(capsys, tmp_path, {"placement": placement, "months": ["2035-12"], "rates": own})
    assert last["board"] == "100.00" and len(last["warnings"]) == 11  # 1. 3. 2025 … 2035
    path = tmp_path / "far.json"
    far = {"placement": placement, "months": ["2026-01", "2036-01"], "rates": own}
    path.write_text(json.dumps(far), encoding="utf-8")
    assert refused(capsys, ["calc", "--input", str(path)]) == (
        "months[1]: januar 2036 je več kot 10 let za najnovejšimi zneski (veljajo od "
        "1. 1. 2025); zadnji mesec, ki ga izračun sprejme, je december 2035. Navedite "
        "poznejše zneske v polju »rates« ali izberite zgodnejši mesec.\n"
    )
