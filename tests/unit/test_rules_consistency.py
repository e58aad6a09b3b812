"""Consistency checks between fields of an R-4 / R-5 case (issue 11)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.rules import consistency as c
from rejnistvo.rules.errors import InputError
from rejnistvo.rules.periods import Period

D = date


def test_decision_before_proposal_refused_same_day_allowed() -> None:
    c.check_decision_not_before_proposal(D(2026, 3, 2), D(2026, 3, 2))
    c.check_decision_not_before_proposal(None, D(2026, 3, 1))
    with pytest.raises(InputError) as err:
        c.check_decision_not_before_proposal(D(2026, 3, 2), D(2026, 3, 1))
    assert err.value.field == "decision.date"
    assert "2. 3. 2026" in err.value.message and "1. 3. 2026" in err.value.message


def test_increase_needs_period() -> None:
    c.check_increase_has_period("no_increase", None)
    c.check_increase_has_period("increase", Period(D(2026, 4, 1), D(2027, 3, 31)))
    with pytest.raises(InputError) as err:
        c.check_increase_has_period("increase", None, field="sklep.obdobje")
    assert err.value.field == "sklep.obdobje"
    assert "obdobje" in err.value.message


@pytest.mark.parametrize("members", [["A"], ["A", "B"], ["A", "B", "C", "D"], []])
def test_exactly_three_members(members: list[str]) -> None:
    with pytest.raises(InputError) as err:
        c.check_three_members(members)
    assert err.value.field == "decision.members"
    assert f"navedenih: {len(members)}" in err.value.message


def test_same_member_twice_case_and_space_insensitive() -> None:
    c.check_distinct_members(["Ana Novak", None, None])
    c.check_distinct_members(["Ana Novak", "Bojan Kos", "Cvetka Zupan"])
    with pytest.raises(InputError) as err:
        c.check_distinct_members(["Ana Novak", "Bojan Kos", " ana  NOVAK "])
    assert err.value.field == "decision.members[2]"
    assert "dvakrat" in err.value.message


def test_child_and_carer_emso_differ() -> None:
    c.check_child_and_carer_differ("0101006500006", None)
    with pytest.raises(InputError) as err:
        c.check_child_and_carer_differ("0101006500006", "0101006 500006")
    assert err.value.field == "carer.emso"


def test_finding_before_report_refused() -> None:
    c.check_finding_not_before_report(D(2026, 5, 20), D(2026, 5, 20))
    with pytest.raises(InputError) as err:
        c.check_finding_not_before_report(D(2026, 5, 20), D(2026, 5, 19))
    assert err.value.field == "finding.date"


def test_refund_deadline_must_be_after_finding() -> None:
    c.check_refund_deadline_after(D(2026, 6, 6), D(2026, 6, 5))
    for deadline in (D(2026, 6, 5), D(2026, 6, 1)):
        with pytest.raises(InputError) as err:
            c.check_refund_deadline_after(deadline, D(2026, 6, 5))
        assert err.value.field == "finding.refund_deadline"
        assert "6. 6. 2026" in err.value.message  # the earliest allowed day
    with pytest.raises(InputError):
        c.check_refund_deadline_after(date.max, date.max)


def test_justified_within_total() -> None:
    c.check_justified_within_total(Decimal("100.00"), Decimal("100.00"))
    with pytest.raises(InputError) as err:
        c.check_justified_within_total(Decimal("100.01"), Decimal("100.00"))
    assert err.value.field == "finding.justified"
    assert "SKUPAJ 100,00 EUR" in err.value.message


def test_unjustified_within_received() -> None:
    c.check_unjustified_within_received(Decimal("957.00"), Decimal("957.00"))
    with pytest.raises(InputError) as err:
        c.check_unjustified_within_received(Decimal("957.01"), Decimal("957.00"))
    assert err.value.field == "finding.unjustified"


@pytest.mark.parametrize("unjustified", [None, Decimal("0.00")])
def test_method_without_unjustified_refused(unjustified: Decimal | None) -> None:
    c.check_method_has_refund(None, unjustified)
    c.check_method_has_refund("lump_sum", Decimal("0.01"))
    with pytest.raises(InputError) as err:
        c.check_method_has_refund("as_received", unjustified)
    assert err.value.field == "finding.method"
