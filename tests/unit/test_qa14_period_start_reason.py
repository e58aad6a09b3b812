"""QA14: a contract whose start date was corrected is named as one period changed, only
for the change that reaches the month, in words that agree with »pogodba«/»aneks«."""

from datetime import date

from rejnistvo.rules.payment_run import reasons

RATES = [{"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00"}]
OLD = {"placement": [{"from": "2026-01-15", "to": None, "document": "pogodba RP-1/2026"}],
       "rates": RATES}  # fmt: skip
NEW = {"placement": [{"from": "2026-01-10", "to": "2026-05-20", "document": "pogodba RP-1/2026"}],
       "rates": RATES}  # fmt: skip


def test_start_moved_earlier_is_named_in_its_month():
    text = reasons(OLD, NEW, date(2026, 1, 1))
    assert text == "pogodba RP-1/2026: začetek namestitve 10. 1. 2026 (prej 15. 1. 2026)"


def test_end_in_a_later_month_is_the_only_reason_there():
    assert reasons(OLD, NEW, date(2026, 5, 1)) == "namestitev se je končala 20. 5. 2026"


def test_a_period_removed_agrees_with_any_document():
    annex = {"from": "2026-03-01", "to": None, "document": "aneks 1 k RP-1/2026"}
    old = {"placement": [{**OLD["placement"][0], "to": "2026-02-28"}, annex], "rates": RATES}
    new = {"placement": [{**OLD["placement"][0], "to": "2026-02-28"}], "rates": RATES}
    text = reasons(old, new, date(2026, 3, 1))
    assert text == "aneks 1 k RP-1/2026: obdobje od 1. 3. 2026 odstranjeno"


def test_a_period_outside_the_month_is_no_reason_of_it():
    """June paid nothing after the contract ended on 20 May (its basis kept the contract);
    an annex from 21 May places the child in June again: the contract was not removed."""
    contract = {"from": "2026-01-10", "to": "2026-05-20", "document": "pogodba RP-1/2026"}
    annex = {"from": "2026-05-21", "to": "2026-07-31", "document": "aneks 1"}
    old = {"placement": [contract], "rates": RATES}
    new = {"placement": [annex], "rates": RATES}
    assert reasons(old, new, date(2026, 6, 1)) == "aneks 1 od 21. 5. 2026 do 31. 7. 2026"
