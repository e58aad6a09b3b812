"""SPEC 6 lists each answer's fields in an order; a reader of the JSON sees them in it.
(calc, refund and uplift: test_cli_rules; run: tests/services.)"""

from __future__ import annotations

import json

from rejnistvo.cli import main


def test_spec6_emso_answer_in_specs_order(capsys):
    assert main(["emso", "0101006500006"]) == 0
    assert list(json.loads(capsys.readouterr().out)) == ["valid", "birth_date", "sex"]


def test_spec6_cases_answer_in_specs_order(tmp_path, capsys):
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(path), "--scale", "2"]) == 0
    capsys.readouterr()
    assert main(["cases", "--db", str(path)]) == 0
    cases = json.loads(capsys.readouterr().out)
    assert cases and {c["kind"] for c in cases} == {"r4", "r5"}
    assert {tuple(c) for c in cases} == {("id", "kind", "child", "carer", "status")}
