"""Poračun: a board increase changed after its months were paid (25 % → 50 %) gave the
reason »odločba o zvišanju oskrbnine 1220-9/2026 spremenjen: 50 % …« — »odločba« is
feminine, the participle was the masculine of »sklep«. Now »spremenjena« for the
decision on the board, »spremenjen« for the R-4 resolution (found by QA23)."""

from datetime import date

from rejnistvo.rules.payment_run import reasons

APRIL = date(2026, 4, 1)


def _basis(key: str, percent: int) -> dict:
    decision = {"document": "1220-9/2026", "percent": percent, "from": "2026-04-16",
                "to": "2026-09-30"}  # fmt: skip
    return {"placement": [{"from": "2026-01-01", "to": None}], key: [decision]}


def test_a_changed_board_increase_decision_is_feminine():
    text = reasons(_basis("board_increases", 25), _basis("board_increases", 50), APRIL)
    assert text.startswith("odločba o zvišanju oskrbnine 1220-9/2026 spremenjena: 50 % od 16. 4.")


def test_a_changed_r4_resolution_stays_masculine():
    text = reasons(_basis("fee_uplifts", 25), _basis("fee_uplifts", 50), APRIL)
    assert text.startswith("sklep R-4 1220-9/2026 spremenjen: 50 % od 16. 4.")
