"""The reliability suite (issue 15): crash, fault and tamper trials.

Tests marked ``reliability`` are the full-size trials; ``pyproject.toml`` deselects them
by default (``-m "not reliability"``), and ``python tests/reliability/run_full.py`` runs
them. Unmarked tests here are the small versions and the regression tests of each item:
they run with the rest of the suite.

Sizes: ``REJNISTVO_KILLS`` (random kills, 200 at full size), ``REJNISTVO_FUZZ`` (fuzzed
CLI inputs, 10,000 at full size).
"""

from __future__ import annotations

import os

import pytest


def full_size(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


@pytest.fixture
def quiet_stdin(monkeypatch):
    import io
    import sys

    def feed(text: str) -> None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))

    return feed
