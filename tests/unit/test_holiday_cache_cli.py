"""The headless commands read Slovenia's holidays from the cache folder: a process after
the first never imports the `holidays` library's 250 country modules, and answers the
same (rejnistvo.holiday_cache, installed by rejnistvo.cli.main)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

REFUND = {
    "increase": {"percent": 25, "from": "2026-01-01", "to": "2026-06-30"},
    "placement": [{"from": "2025-06-01", "to": None}],
    "call_date": "2026-07-10",
    "unjustified": "all",
    "deadline": "2026-12-25",  # božič: moves to Monday 28 December
    "method": "lump_sum",
    "rates": [{"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00"}],
}


def command(cache: Path, *argv: str) -> tuple[str, bool]:
    """Standard output, and whether the process imported a country module of `holidays`."""
    env = {**os.environ, "REJNISTVO_CACHE_DIR": str(cache)}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "rejnistvo", *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout, "holidays.countries." in result.stderr


def test_print_r5_fills_the_cache_and_the_next_one_skips_the_library(tmp_path):
    cache = tmp_path / "cache"
    r5 = str(ROOT / "forms" / "r5.example.json")
    first = tmp_path / "first.pdf"
    second = tmp_path / "second.pdf"
    _, imported = command(cache, "print", "r5", "--input", r5, "--out", str(first))
    assert imported
    assert (cache / "holidays-SI.json").is_file()
    _, imported = command(cache, "print", "r5", "--input", r5, "--out", str(second))
    assert not imported
    assert first.read_bytes() == second.read_bytes()


def test_refund_only_reads_the_cache(tmp_path):
    """A computing command writes no file (cli.COMPUTE_ONLY), the holiday cache neither;
    once another command wrote it, the refund reads it."""
    cache = tmp_path / "cache"
    document = tmp_path / "refund.json"
    document.write_text(json.dumps(REFUND), encoding="utf-8")
    answer, imported = command(cache, "refund", "--input", str(document))
    assert imported
    assert not cache.exists()
    assert json.loads(answer)["instalments"][0]["due"] == "2026-12-28"

    r5 = str(ROOT / "forms" / "r5.example.json")
    command(cache, "print", "r5", "--input", r5, "--out", str(tmp_path / "r5.pdf"))
    again, imported = command(cache, "refund", "--input", str(document))
    assert not imported
    assert again == answer
