"""A call to refund saved without an amount to refund (QA17, in the window): the message
under »Nenamensko ali brez razloga« was the JSON check's — »navedite znesek za vračilo
(finding.unjustified) ali pustite način vračila prazen« — naming a field of the print
input and a choice the screen does not have (the method is always one of two). Now it
says what to type there and how much is allowed, or to clear the call date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from test_board_increases import SAVED_ON, db, increase  # noqa: F401 (fixtures)

from rejnistvo.rules.errors import InputError
from rejnistvo.services.board_increases import R5Case, R5Report, Refund, save_case

CALL = date(2026, 7, 10)  # after the increase of 1. 1.-30. 6. 2026: 957,00 received


@pytest.mark.parametrize("report", [R5Report(), R5Report(justified=Decimal("800.00"))])
def test_a_call_without_an_unjustified_amount_says_what_to_type(db, report):  # noqa: F811
    with pytest.raises(InputError) as caught:
        save_case(db, R5Case(increase(db), report, Refund(CALL)), SAVED_ON)
    assert caught.value.field == "unjustified"
    message = caught.value.message
    assert "finding." not in message and "prazen" not in message
    assert "nenamensko" in message and "957,00 EUR" in message and "datum poziva" in message


def test_a_call_for_nothing_to_refund_says_to_clear_the_call_date(db):  # noqa: F811
    case = R5Case(increase(db), R5Report(unjustified=Decimal("0.00")), Refund(CALL))
    with pytest.raises(InputError) as caught:
        save_case(db, case, SAVED_ON)
    assert caught.value.field == "unjustified"
    assert "finding." not in caught.value.message
    assert "ni ničesar za vračilo" in caught.value.message
    assert "datum poziva" in caught.value.message
