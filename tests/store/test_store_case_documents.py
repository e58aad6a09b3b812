"""Form data of SPEC 6.1 from stored cases, and the cases list."""

from __future__ import annotations

import pytest
from rejnistvo.forms.data import R4_DECISION_FIELDS, R4_FIELDS, R5_FIELDS, R5_FINDING_FIELDS
from stdnum.si import emso

from rejnistvo.services.cases import list_cases
from rejnistvo.store import StoreError, open_db
from rejnistvo.store.case_documents import r4_form_data, r5_form_data


def cases(db, today, name=None):
    return [case.as_json() for case in list_cases(db, today, name)]


# Only what the form accepts: forms/data.py owns the SPEC 6.1 schema.
R4_KEYS = set(R4_FIELDS)
DECISION_KEYS = set(R4_DECISION_FIELDS)
R5_KEYS = set(R5_FIELDS)
FINDING_KEYS = set(R5_FINDING_FIELDS)


@pytest.fixture
def demo(demo_path):
    with open_db(demo_path) as db:
        yield db


def test_r4_form_data_of_every_state(demo, demo_today):
    listed = [c for c in cases(demo, demo_today) if c["kind"] == "r4"]
    decided = 0
    for case in listed:
        data = r4_form_data(demo, case["id"])
        assert set(data) <= R4_KEYS
        assert emso.is_valid(data["child"]["emso"]) and emso.is_valid(data["carer"]["emso"])
        assert data["proposed_percent"] in (25, 50)
        if "decision" in data:
            decided += 1
            assert case["status"] in ("decided", "returned")
            assert set(data["decision"]) <= DECISION_KEYS
            assert len(data["decision"]["members"]) == 3
            assert data["decision"]["outcome"] in ("increase", "no_increase")
            assert 1 <= data["decision"]["subgroup"] <= 6
    assert decided


def test_r5_form_data_with_and_without_finding(demo, demo_today):
    statuses = set()
    for case in [c for c in cases(demo, demo_today) if c["kind"] == "r5"]:
        data = r5_form_data(demo, case["id"])
        statuses.add(case["status"])
        assert set(data) <= R5_KEYS and data["percent"] in (25, 50)
        total = sum(float(e["amount"]) for e in data["expenses"])
        if "finding" in data:
            finding = data["finding"]
            assert set(finding) <= FINDING_KEYS
            assert abs(float(finding["justified"]) - total) < 0.005
        for expense in data["expenses"]:
            assert expense["category"] in ("education", "interest", "health", "other")
            assert len(expense["amount"].split(".")[1]) == 2
    assert "overdue" in statuses and "refund_ordered" in statuses


def test_unknown_case_is_a_store_error(demo):
    with pytest.raises(StoreError, match="R-4"):
        r4_form_data(demo, 99999)
    with pytest.raises(StoreError, match="R-5"):
        r5_form_data(demo, 99999)


def test_cases_filter_by_name_fragment(demo, demo_today):
    every = cases(demo, demo_today)
    fragment = every[0]["child"].split()[1][:3].upper()
    some = cases(demo, demo_today, name=fragment)
    assert some and len(some) <= len(every)
    assert all(fragment.casefold() in (c["child"] + " " + c["carer"]).casefold() for c in some)


def test_cases_filter_by_name_without_diacritics(demo, demo_today):
    # as the window's lists search: »cuk« finds Čuk, »ZNIDARSIC« Žnidaršič, first names too
    every = cases(demo, demo_today)
    with_caron = [c for c in every if any(ch in c["child"] + c["carer"] for ch in "ČŠŽčšž")]
    assert with_caron
    case = with_caron[0]
    name = next(n for n in (case["child"], case["carer"]) if any(ch in n for ch in "ČŠŽčšž"))
    plain = name.translate(str.maketrans("ČŠŽčšž", "CSZcsz"))
    for fragment in (plain, plain.upper(), name, plain.split()[0]):
        assert case["id"] in {
            c["id"] for c in cases(demo, demo_today, name=fragment) if c["kind"] == case["kind"]
        }, fragment
    assert cases(demo, demo_today, name="100%") == []  # a LIKE wildcard is a letter here
