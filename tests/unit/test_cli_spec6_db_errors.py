"""SPEC 6: bad input to a command on a database file is one line on standard error that
names the option at fault — `--db` for a file that is not the program's database or does
not exist, `--case` for a case the database does not hold — in one wording for all
commands, with exit status 2 and nothing written."""

from __future__ import annotations

import pytest

from rejnistvo.cli import main


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("spec6") / "demo.sqlite3"
    assert main(["demo", "--db", str(path), "--scale", "2"]) == 0
    return path


def commands(db, out):
    """Each database command's argv with `db` as --db and `out` as its output file."""
    tails = {
        "demo": "demo",
        "cases": "cases",
        "rates": "rates",
        "run": "run --month 2026-12",
        "register": "register --subgroup 3 --year 2026 --format csv --out",
        "candidate-changes": "candidate-changes --subgroup 3 --since 2026-01-01 --out",
        "print": "print r4 --case 1 --out",
    }
    return {
        name: [*tail.split(), *([out] if tail.endswith("--out") else []), "--db", db]
        for name, tail in tails.items()
    }


def one_line(capsys) -> str:
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1, (out, err)
    return err


COMMANDS = sorted(commands("x", "y"))


@pytest.mark.parametrize("command", COMMANDS)
def test_spec6_a_file_that_is_not_a_database_is_refused_naming_db(tmp_path, capsys, command):
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(commands(str(text), str(out))[command]) == 2
    err = one_line(capsys)
    assert err.startswith("--db: ") and "ni podatkovna zbirka" in err
    assert not out.exists()
    assert text.read_text(encoding="utf-8") == "not a database\n"


@pytest.mark.parametrize("command", COMMANDS)
def test_spec6_a_missing_database_is_one_message_for_all_commands(tmp_path, capsys, command):
    missing = tmp_path / "missing.sqlite3"
    argv = commands(str(missing), str(tmp_path / "out.csv"))[command]
    code = main(argv)
    if command == "demo":  # demo makes a new file: that is what it is for
        assert code == 0 and missing.exists()
        capsys.readouterr()
        return
    assert code == 2
    assert one_line(capsys) == f"--db: datoteka »{missing}« ne obstaja.\n"
    assert not missing.exists()


def test_spec6_demo_into_a_database_with_records_names_db(demo_db, capsys):
    assert main(["demo", "--db", str(demo_db)]) == 2
    err = one_line(capsys)
    assert err.startswith("--db: Predstavitvene podatke je mogoče vpisati le v novo")


@pytest.mark.parametrize("form", ["r4", "r5"])
def test_spec6_print_of_a_case_the_database_does_not_hold_names_case(
    demo_db, tmp_path, capsys, form
):
    out = tmp_path / "x.pdf"
    argv = ["print", form, "--db", str(demo_db), "--case", "999", "--out", str(out)]
    assert main(argv) == 2
    err = one_line(capsys)
    assert err.startswith("--case: ") and "999" in err
    assert not out.exists()


@pytest.mark.parametrize("command", ["calc", "refund", "uplift", "print"])
def test_spec6_an_input_file_that_is_not_there_names_input(tmp_path, capsys, command):
    missing = tmp_path / "request.json"
    argv = [command, "--input", str(missing)]
    if command == "print":
        argv[1:1] = ["r4"]
        argv += ["--out", str(tmp_path / "x.pdf")]
    assert main(argv) == 2
    assert one_line(capsys) == (
        f"--input: datoteke »{missing}« ni mogoče prebrati: datoteka ne obstaja.\n"
    )
