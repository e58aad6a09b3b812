"""`check` said »Podatkovna zbirka je v redu.« of a file whose rate row had the board
»6x5,23« (QA56: edited outside the program), while every command that read the row
stopped with an internal error. SQLite's checks pass over such a value (the columns are
TEXT; an INTEGER column keeps text); `check` now reads every amount, day and whole number
and names the table, the field, the first record and how many more."""

from __future__ import annotations

import sqlite3

import pytest

from rejnistvo.cli import main
from rejnistvo.store import check_db
from rejnistvo.store.value_checks import value_problems


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(path), "--scale", "30"]) == 0
    return path


def _edit(path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_a_sound_file_has_no_unreadable_value(demo_file):
    conn = sqlite3.connect(demo_file)
    try:
        assert value_problems(conn) == []
    finally:
        conn.close()
    assert check_db(demo_file) == []


def test_an_amount_that_is_no_number_is_a_problem_with_exit_1(demo_file, capsys):
    _edit(demo_file, "UPDATE rates SET board = '6x5,23' WHERE id = (SELECT max(id) FROM rates)")
    capsys.readouterr()

    assert main(["check", "--db", str(demo_file)]) == 1

    out = capsys.readouterr().out
    assert out.startswith("Podatkovna zbirka ima težave:\n")
    assert "Zneski rejnine (rates), polje »oskrbnina« (board)" in out
    assert "»6x5,23«" in out and "decimalno število s piko" in out


def test_days_that_are_none_are_counted_per_field(demo_file):
    _edit(
        demo_file,
        "UPDATE placement_periods SET to_date = '2099-02-30' WHERE id IN (1, 2)",
        "UPDATE refunds SET deadline = '5. 12. 2026' WHERE id = (SELECT min(id) FROM refunds)",
    )

    problems = check_db(demo_file)

    assert len(problems) == 2
    periods = next(p for p in problems if "(placement_periods)" in p)
    assert "polje »do« (to_date), zapis 1: »2099-02-30« in še 1" in periods
    assert "LLLL-MM-DD" in periods
    assert any("(refunds), polje »rok vračila« (deadline)" in p for p in problems)


def test_text_in_a_whole_number_field_is_a_problem(demo_file):
    _edit(demo_file, "UPDATE carers SET electronic_delivery = 'da' WHERE id = 2")

    (problem,) = check_db(demo_file)

    assert "(carers), polje electronic_delivery, zapis 2: »da«" in problem
    assert "celo število" in problem


def test_empty_optional_fields_and_a_weekend_share_are_fine(demo_file):
    _edit(
        demo_file,
        "UPDATE placement_periods SET to_date = NULL WHERE id = 1",
        "UPDATE placements SET part_time = 1, fee_share = '0.4' WHERE id = 1",
    )

    assert check_db(demo_file) == []
