"""R-5 form data (`print r5`): the finding's two amounts together no more than the
increase of the whole period can have brought (QA13)."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest
from rejnistvo.forms.data import check_r5_refund, parse_r5

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.rates import Rate, RateTable

# 25 % of 638,00 for six months: 957,00 at most
RATES = RateTable([Rate(date(2025, 1, 1), Decimal("638.00"), Decimal("460.00"))])


def _form(r5_data, unjustified: str):
    data = copy.deepcopy(r5_data)  # justified 800,00 for 1. 1.-30. 6. 2026, 25 %
    data["finding"]["unjustified"] = unjustified
    return parse_r5(data)


def test_parts_of_the_received_money_are_printed(r5_data):
    assert check_r5_refund(_form(r5_data, "157.00"), RATES) is not None


def test_parts_above_what_was_received_are_refused(r5_data):
    with pytest.raises(InputError) as info:
        check_r5_refund(_form(r5_data, "157.01"), RATES)
    assert info.value.field == "finding.unjustified"
    assert "od 0,00 do 157,00 EUR" in info.value.message
