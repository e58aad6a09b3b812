"""A stored R-4 prints the reasons ticked in the case and its workload in the attachment
»obrazložitev« (the window's preview and `print r4 --db` print this one form)."""

from __future__ import annotations

import pytest
from rejnistvo.forms import render_form

from rejnistvo.rules.catalogues import uplift_reasons
from rejnistvo.services.case_forms import stored_form
from rejnistvo.store import StoreError, get_record, open_db
from tests.forms.conftest import pdf_pages


@pytest.fixture
def demo(demo_path):
    with open_db(demo_path) as db:
        yield db


def _case_with_a_typed_reason(db) -> int:
    for row in db.query("SELECT case_id FROM r4_reasons WHERE reason_key IS NULL"):
        return int(row["case_id"])
    raise AssertionError("the demo has an R-4 case with a reason typed in words")


def test_the_r4_of_a_case_names_its_reasons_and_workload(demo):
    case_id = _case_with_a_typed_reason(demo)
    case = get_record(demo, "r4_cases", case_id)
    names = uplift_reasons()
    expected = [names[r["reason_key"]] if r["reason_key"] else r["text"] for r in case["reasons"]]
    form = stored_form(demo, "r4", case_id)
    assert list(form.reasons) == expected and len(expected) >= 2
    assert form.workload == case["workload"]
    attachment = pdf_pages(render_form("r4", form))[-1]
    assert "Razlogi iz 53. člena ZIRD:" in attachment
    for words in expected:
        assert " ".join(words.split()) in attachment, words
    workload = {"moderate": "zmerno povečan", "strong": "močno povečan"}[case["workload"]]
    assert f"Obseg dela z otrokom: {workload}" in attachment


def test_a_key_the_catalogue_no_longer_has_prints_as_stored(demo):
    case_id = _case_with_a_typed_reason(demo)
    with demo.conn:
        demo.execute(
            "INSERT INTO r4_reasons (case_id, reason_key) VALUES (?, 'retired_reason')", [case_id]
        )
    assert stored_form(demo, "r4", case_id).reasons[-1] == "retired_reason"


def test_the_r5_of_a_case_is_its_form_and_an_unknown_case_is_refused(demo):
    increase_id = next(iter(demo.query("SELECT id FROM board_increases LIMIT 1")))["id"]
    assert stored_form(demo, "r5", increase_id).period is not None
    with pytest.raises(StoreError):
        stored_form(demo, "r4", 99999)
