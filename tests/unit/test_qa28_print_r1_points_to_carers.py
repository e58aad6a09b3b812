"""QA28: ``print r1 --db … --case`` said »v zbirki ni vlog R-1« and left the clerk there;
the line now points to where the program fills R-1 from a carer's record."""

from __future__ import annotations

from rejnistvo.cli import main


def test_print_r1_from_the_database_points_to_the_carers_button(tmp_path, capsys):
    out = str(tmp_path / "r1.pdf")
    db = str(tmp_path / "none.sqlite3")
    assert main(["print", "r1", "--db", db, "--case", "1", "--out", out]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("--db: ")
    assert "Rejniki → »Natisni vlogo za dovoljenje (R-1) …«" in line
    assert "--input" in line
