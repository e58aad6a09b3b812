"""QA62: `rates --add --board 700,00` was refused (»»700,00« ni znesek«) while
`rates --index 2,7` took the decimal comma a Slovenian clerk types. Amounts on the command
line now take a decimal point or a decimal comma; a number that reads two ways (a
thousands separator beside a decimal one, »1.234,5«, or three digits after one separator,
»1.234«) is refused with one Slovenian line naming the option."""

import json

import pytest

from rejnistvo.cli import main
from rejnistvo.store import open_db


@pytest.fixture
def db_file(tmp_path, own_rates):
    path = tmp_path / "rates.sqlite3"
    with open_db(path) as db:
        own_rates(db)  # 638.00 / 460.00 from 1. 11. 2025
    return path


def _add(db_file, board, fee):
    return [
        "rates", "--db", str(db_file), "--add", "--from", "2026-03-01",
        "--board", board, "--fee", fee, "--source", "Ur. l. RS",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("board", "fee"),
    [("700,00", "480,5"), ("700.00", "480.50"), ("700", " 480,50 "), ("700,", "480,50")],
)
def test_a_decimal_comma_or_point_is_taken(capsys, db_file, board, fee):
    assert main(_add(db_file, board, fee)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    row = json.loads(out)
    assert (row["board"], row["fee"]) == ("700.00", "480.50")


@pytest.mark.parametrize(
    ("typed", "option", "said"),
    [
        ("1.234,5", "--board", "»1.234,5« se lahko bere dvojno"),
        ("1,234.50", "--board", "»1,234.50« se lahko bere dvojno"),
        ("1.234.500", "--board", "»1.234.500« se lahko bere dvojno"),
        ("1.234", "--board", "»1.234« se lahko bere dvojno"),
        ("1,234", "--fee", "»1,234« se lahko bere dvojno"),
        ("7OO,00", "--board", "»7OO,00« ni znesek"),
        ("5,123", "--fee", "»5,123« se lahko bere dvojno"),
        ("5,1234", "--fee", "več kot dve decimalki"),
        (",", "--fee", "»,« ni znesek; vpišite znesek v evrih, npr. 700,00 ali 700.00"),
    ],
)
def test_an_amount_that_reads_two_ways_is_refused_naming_the_option(
    capsys, db_file, typed, option, said
):
    board, fee = (typed, "480,00") if option == "--board" else ("700,00", typed)
    assert main(_add(db_file, board, fee)) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"{option}: ") and said in err
    if "dvojno" in said:
        assert "1234,50 ali 1234.50" in err  # what to type instead
    assert main(["rates", "--db", str(db_file)]) == 0  # nothing written
    assert len(json.loads(capsys.readouterr()[0])) == 1
