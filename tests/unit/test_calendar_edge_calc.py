"""`calc` at the edge of the calendar: never an internal error (exit 70). The rules compute
a month in the year 9999 (one warning per missing 1 March indexation); the command takes
months up to ten years past the newest amounts and refuses later ones in one line."""

from __future__ import annotations

import io
import json
from datetime import date

from rejnistvo.cli import main
from rejnistvo.rules.rates import missing_indexations, parse_rate_rows

RATES_2025 = [{"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00"}]


def test_missing_indexations_up_to_the_last_year():
    table = parse_rate_rows(RATES_2025)
    lines = missing_indexations(table, date(9999, 12, 1))
    assert len(lines) == 9999 - 2026 + 1
    assert lines[-1].startswith("Uskladitev zneskov od 1. 3. 9999 ni vnesena")


def test_calc_of_december_9999_is_refused_in_one_line(monkeypatch, capsys):
    document = {
        "placement": [{"from": "2026-03-10", "to": None}],
        "months": ["9999-12"],
        "rates": RATES_2025,
    }
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(document)))
    assert main(["calc"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith("months[0]: december 9999 je več kot 10 let za najnovejšimi zneski")
