"""services.board_increases.same_case: what counts as an edit of an R-5 case (the
editor's »Ni sprememb za shranjevanje.«), without a window."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from rejnistvo.services.board_increases import load_case, same_case
from rejnistvo.store import open_db
from rejnistvo.store.demo import fill_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = open_db(tmp_path_factory.mktemp("r5same") / "demo.sqlite3")
    fill_demo(db, today=date(2026, 12, 1))
    yield db
    db.close()


def _cases(db):
    ids = [row[0] for row in db.execute("SELECT id FROM board_increases ORDER BY id")]
    return [load_case(db, i) for i in ids]


def test_a_case_as_stored_is_the_same(demo):
    for case in _cases(demo):
        assert same_case(demo, case, case)


def test_categories_in_another_order_are_the_same(demo):
    case = next(c for c in _cases(demo) if len(c.increase.categories) > 1)
    turned = dataclasses.replace(
        case, increase=dataclasses.replace(case.increase, categories=case.increase.categories[::-1])
    )
    assert same_case(demo, turned, case)


def test_a_refund_amount_left_to_the_rules_is_no_edit(demo):
    case = next(c for c in _cases(demo) if c.refund is not None)
    typed = dataclasses.replace(case, refund=dataclasses.replace(case.refund, amount=None))
    assert same_case(demo, typed, case)


def test_another_percent_is_an_edit(demo):
    case = _cases(demo)[0]
    other = 50 if case.increase.percent == 25 else 25
    changed = dataclasses.replace(case, increase=dataclasses.replace(case.increase, percent=other))
    assert not same_case(demo, changed, case)
