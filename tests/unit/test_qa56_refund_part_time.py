"""`refund` of a placement on weekends, holidays and school holidays only (QA56): the
command had no way to say so, so a caseworker checking such a refund by hand got the
full-time increase. It takes `part_time_fee_share` as `calc` and a run line's inputs do."""

from __future__ import annotations

from test_cli_rules import ok, refused


def test_cli_refund_of_a_weekend_placement_counts_75_percent(monkeypatch, capsys):
    # QA56: `refund` had no way to say the placement is on weekends and holidays only, so
    # a caseworker checking such a refund by hand got the full-time increase (159,50 for
    # April instead of 638,00 × 0,75 × 0,25 = 119,63, which the R-5 screen computes).
    document = {
        "increase": {"percent": 25, "from": "2026-04-01", "to": "2026-04-30"},
        "placement": [{"from": "2025-06-01", "to": None}],
        "call_date": "2026-05-10",
        "unjustified": "all",
        "method": "lump_sum",
        "part_time_fee_share": "0.40",
        "rates": [
            {"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00"},
            {"valid_from": "2026-03-01", "board": "638.00", "fee": "460.00"},
        ],
    }
    answer = ok(monkeypatch, capsys, ["refund"], document)
    assert answer["months"] == [{"month": "2026-04", "increase": "119.63"}]
    document["part_time_fee_share"] = "1.5"
    err = refused(monkeypatch, capsys, ["refund"], document)
    assert err.startswith("part_time_fee_share: ")
