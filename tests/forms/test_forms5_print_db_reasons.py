"""`print r4 --db DB --case ID` prints the case's ZIRD 53 reasons and workload in the
attachment, as the window's preview does; `print r4 --input` has no field for them."""

from __future__ import annotations

import json

from rejnistvo.cli import main
from rejnistvo.rules.catalogues import uplift_reasons
from rejnistvo.store import get_record, open_db
from tests.forms.conftest import FORMS_DIR, pdf_pages


def test_a_stored_case_prints_its_reasons(tmp_path, capsys):
    db = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(db)]) == 0
    with open_db(db) as database:
        case = get_record(database, "r4_cases", 1)
    names = uplift_reasons()
    reasons = [names[r["reason_key"]] if r["reason_key"] else r["text"] for r in case["reasons"]]
    assert reasons
    out = tmp_path / "r4.pdf"
    capsys.readouterr()
    assert main(["print", "r4", "--db", str(db), "--case", "1", "--out", str(out)]) == 0
    assert json.loads(capsys.readouterr().out)["pages"] == 2
    attachment = pdf_pages(out.read_bytes())[-1]
    assert "Razlogi iz 53. člena ZIRD:" in attachment
    for reason in reasons:
        assert " ".join(reason.split()) in attachment, reason
    assert "Obseg dela z otrokom: " in attachment


def test_json_input_prints_no_reasons(tmp_path, capsys):
    out = tmp_path / "r4.pdf"
    example = FORMS_DIR / "r4.example.json"
    assert main(["print", "r4", "--input", str(example), "--out", str(out)]) == 0
    assert "Razlogi iz 53. člena ZIRD" not in pdf_pages(out.read_bytes())[-1]
