"""The preview of a resolution package says the period the commission decided: the
commission may decide a period other than the one proposed (SPEC 3.3, worded as the
register words it), and the preview showed only the proposal's »Obdobje«."""

from __future__ import annotations

from test_exchange_package import CASE, DECISION, PASS, make

from rejnistvo.exchange.package import read_package


def test_preview_names_the_decided_period():
    decision = dict(DECISION, percent=50, period={"from": "2026-05-01", "to": "2026-12-31"})
    case = dict(CASE, decision=decision)
    summary = dict(read_package(make("resolution", case=case), PASS).summary())
    assert summary["Obdobje"] == "1. 4. 2026 – 31. 3. 2027"  # the proposal's
    assert summary["Odločitev"] == "ZVIŠA za 50 % (1. 5. 2026 – 31. 12. 2026)"


def test_no_increase_has_no_period():
    decision = dict(DECISION, outcome="no_increase", percent=None, period=None)
    summary = dict(
        read_package(make("resolution", case=dict(CASE, decision=decision)), PASS).summary()
    )
    assert summary["Odločitev"] == "NE ZVIŠA"
