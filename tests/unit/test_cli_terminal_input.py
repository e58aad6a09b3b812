"""`calc`, `uplift`, `refund` and `print` read their JSON from standard input when no
--input is given. Started at a terminal without a redirect they waited silently, as if
hung; now they say what they wait for (on standard error, so the answer stays clean)."""

from __future__ import annotations

import io
import json
import sys

from rejnistvo.cli import main


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_at_a_terminal_the_command_says_it_waits_for_json(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", _Terminal(json.dumps({"reasons": ["a", "b"]})))
    assert main(["uplift"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["percent"] == 50
    assert err.startswith("Vpišite zahtevo JSON in končajte vnos s Ctrl+D")
    assert "--input DATOTEKA" in err


def test_a_redirect_gets_no_hint(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({"reasons": []})))
    assert main(["uplift"]) == 0
    assert capsys.readouterr().err == ""
