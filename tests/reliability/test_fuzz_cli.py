"""A hypothesis fuzz of the rules commands (`calc`, `uplift`, `refund`): whatever the JSON
on standard input, the command answers (exit 0) or refuses it in one Slovenian line
(exit 2) — never a traceback, never the internal-error exit 70 (issue 15, item 10).

Documents are the worked examples with fields replaced by hostile values (far dates,
year 0, huge or negative numbers, wrong types, deep nesting) or dropped. A few hundred
by default; ``REJNISTVO_FUZZ`` (10,000 in run_full.py) at full size.
"""

from __future__ import annotations

import io
import json
import sys
from contextlib import redirect_stderr, redirect_stdout
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rejnistvo.cli import main
from tests.reliability.conftest import full_size

RATES = [{"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00"}]
EXAMPLES: dict[str, dict[str, Any]] = {
    "calc": {
        "placement": [{"from": "2026-03-10", "to": None}],
        "months": ["2026-03", "2026-04"],
        "board_increases": [{"percent": 25, "from": "2026-03-15", "to": "2026-08-31"}],
        "fee_uplifts": [{"percent": 50, "from": "2026-04-01", "to": None}],
        "rates": RATES,
    },
    "uplift": {"reasons": ["dolgotrajna bolezen"], "workload": "moderate"},
    "refund": {
        "increase": {"percent": 25, "from": "2026-01-01", "to": "2026-06-30"},
        "placement": [{"from": "2025-06-01", "to": None}],
        "call_date": "2026-07-10",
        "unjustified": "all",
        "deadline": None,
        "method": "lump_sum",
        "rates": RATES,
    },
}

HOSTILE_DATES = st.sampled_from(
    [
        "9999-12-31",
        "0001-01-01",
        "0000-01-01",
        "2026-02-30",
        "2026-13-01",
        "1900-01-01",
        "2100-12-31",
        "2026-03",
        "31. 12. 2026",
        "",
        "2026-01-01T00:00",
        "１２３",
        "2026-06-31",
    ]
)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.sampled_from(["1e999999", "-0", "NaN", "Infinity", "0.005", "1.234", "99999999999999.99"]),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
)
LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    NUMBERS,
    HOSTILE_DATES,
    st.text(max_size=12),
    st.sampled_from(["all", "lump_sum", "as_received", "moderate", "strong", 25, 50, 0, 100]),
)
VALUES = st.recursive(
    LEAVES,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str]:
    command = draw(st.sampled_from(sorted(EXAMPLES)))
    document = json.loads(json.dumps(EXAMPLES[command]))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = _paths(document)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        if draw(st.integers(0, 5)) == 0 and isinstance(parent, dict):
            parent.pop(path[-1], None)  # a field missing
        else:
            parent[path[-1]] = draw(st.one_of(HOSTILE_DATES, VALUES))
    text = json.dumps(document, ensure_ascii=False)
    if draw(st.integers(0, 20)) == 0:
        text = draw(st.sampled_from(["[" * 100_000, '{"a": ' + "9" * 5000 + "}", "\ufeff" + text]))
    return command, text


def _run(command: str, text: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    stdin = sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main([command])
    finally:
        sys.stdin = stdin
    return code, err.getvalue()


def _check(command: str, text: str) -> None:
    code, err = _run(command, text)
    assert code in (0, 2), f"{command} exit {code}: {err!r} for {text[:300]!r}"
    if code == 2:
        assert err.count("\n") == 1 and "Traceback" not in err, err


def _fuzz(examples: int):
    import functools
    import inspect

    from rejnistvo import cli

    # The same parser for every example: building it is most of a fast command's time,
    # and what is fuzzed is the input, not argparse.
    original = cli.build_parser
    takes_argv = bool(inspect.signature(original).parameters)
    cached = functools.cache(
        lambda words: original(list(words)) if takes_argv and words else original()
    )

    def build(argv=None):
        return cached(tuple(argv) if argv else ())

    cli.build_parser = build
    try:
        _fuzz_with(examples)
    finally:
        cli.build_parser = original


def _fuzz_with(examples: int):
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    @given(documents())
    def run(case: tuple[str, str]) -> None:
        _check(*case)

    run()


@pytest.mark.parametrize(
    ("command", "text"),
    [
        ("calc", "[" * 100_000),
        ("calc", '{"a": ' + "9" * 5000 + "}"),
        ("refund", json.dumps({**EXAMPLES["refund"], "call_date": "0001-01-01"})),
        (
            "refund",
            json.dumps(
                {
                    **EXAMPLES["refund"],
                    "increase": {"percent": 25, "from": "2026-01-01", "to": "9999-12-31"},
                }
            ),
        ),
        ("uplift", "\ufeff" + json.dumps(EXAMPLES["uplift"])),
    ],
    ids=["100000-brackets", "5000-digits", "call-date-year-1", "increase-to-9999", "bom"],
)
def test_the_reported_inputs_are_one_line_and_exit_2_or_answered(command, text):
    _check(command, text)


def test_fuzz_small():
    _fuzz(full_size("REJNISTVO_FUZZ_SMALL", 100))


@pytest.mark.reliability
def test_fuzz_full():
    _fuzz(full_size("REJNISTVO_FUZZ", 10_000))
