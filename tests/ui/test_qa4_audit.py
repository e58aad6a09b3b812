"""QA4 (round 9): the change log's details show stored choices in Slovenian (a decided
R-4 case read »obseg dela: moderate«, »odločitev: increase«, »razlog severe_illness«)."""

from __future__ import annotations

from rejnistvo.ui.views.audit_log_tab import pretty_json


def test_stored_choices_read_in_slovenian():
    text = pretty_json(
        {
            "workload": "moderate",
            "outcome": "increase",
            "reasons": [{"reason_key": "severe_illness", "text": None}],
            "method": "lump_sum",
            "periods": [{"kind": "annex", "from_date": "2026-03-01"}],
            "categories": [{"category": "health"}],
        }
    )
    for stored in ("moderate", "increase", "severe_illness", "lump_sum", "annex", "health"):
        assert stored not in text, (stored, text)
    assert "obseg dela: zmerno povečan" in text
    assert "odločitev: zviša" in text
    assert "hudo ali dolgotrajno bolan" in text
    assert "v enkratnem znesku" in text and "aneks" in text


def test_an_unknown_stored_choice_is_shown_as_stored():
    assert "obseg dela: izredno" in pretty_json({"workload": "izredno"})
