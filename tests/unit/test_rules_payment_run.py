"""rules.payment_run (SPEC 3.6): basis, calc inputs, reasons in words, month refusals;
rules.iban."""

from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.iban import check_iban, format_iban
from rejnistvo.rules.months import month_payment
from rejnistvo.rules.payment_run import (
    Amounts,
    Document,
    PlacementInputs,
    basis,
    calc_inputs,
    closed_month_check,
    difference_kind,
    factor_text,
    reasons,
)
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate, RateTable

OCT = date(2026, 10, 1)
R2025 = Rate(date(2025, 11, 1), Decimal("638.00"), Decimal("460.00"), "test 2025")
R2026 = Rate(date(2026, 3, 1), Decimal("655.23"), Decimal("472.42"), "test 2026")
CONTRACT = Document(Period(date(2026, 1, 1)), "pogodba 1220-1/2026")


def month_basis(inputs, rates):
    payment = month_payment(OCT, inputs.placement, RateTable(rates), inputs.increases,
                            inputs.uplifts)  # fmt: skip
    return payment, basis(OCT, inputs, payment)


def test_basis_keeps_only_what_touches_the_month_and_gives_calc_inputs():
    old = Document(Period(date(2025, 1, 1), date(2025, 12, 31)), "pogodba 1")
    inputs = PlacementInputs(
        (old, CONTRACT), (), (Document(Period(date(2026, 10, 16)), "3-017/2026", 25),)
    )
    payment, data = month_basis(inputs, [R2025])
    assert [p["document"] for p in data["placement"]] == ["pogodba 1220-1/2026"]
    request = calc_inputs(data, OCT)
    assert request == {
        "placement": [{"from": "2026-01-01", "to": None}],
        "months": ["2026-10"],
        "board_increases": [],
        "fee_uplifts": [{"percent": 25, "from": "2026-10-16", "to": None}],
        "rates": [{"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00"}],
    }
    assert payment.fee_uplift > 0


def test_reasons_name_the_rate_row_the_decision_and_the_end():
    before_inputs = PlacementInputs((CONTRACT,))
    _, before = month_basis(before_inputs, [R2025])
    ended = Document(Period(date(2026, 1, 1), date(2026, 10, 12)), "pogodba 1220-1/2026")
    after_inputs = PlacementInputs(
        (ended,), (), (Document(Period(OCT, date(2027, 9, 30)), "3-017/2026", 25),)
    )
    _, after = month_basis(after_inputs, [R2025, R2026])
    text = reasons(before, after, OCT)
    assert "dodan znesek od 1. 3. 2026" in text
    assert "sklep R-4 3-017/2026 od 1. 10. 2026 do 30. 9. 2027 (+25 % plačila dela)" in text
    assert "namestitev se je končala 12. 10. 2026" in text


def test_corrected_rate_and_annex_in_words():
    _, before = month_basis(PlacementInputs((CONTRACT,)), [R2026])
    fixed = Rate(R2026.valid_from, Decimal("660.00"), R2026.fee)
    annex = Document(Period(date(2026, 10, 20)), "Aneks 1 k 1220-1/2026")
    first = Document(Period(date(2026, 1, 1), date(2026, 10, 19)), "pogodba 1220-1/2026")
    _, after = month_basis(PlacementInputs((first, annex)), [fixed])
    text = reasons(before, after, OCT)
    assert "popravljen znesek od 1. 3. 2026" in text and "655,23 → 660,00" in text
    assert "Aneks 1 k 1220-1/2026 od 20. 10. 2026" in text
    assert reasons(None, after, OCT).startswith("za oktober 2026")
    assert reasons(after, after, OCT) == "ponoven izračun po današnjih podatkih"


def test_month_refusals_name_the_month_to_run():
    first, last = date(2026, 9, 1), date(2026, 11, 1)
    assert closed_month_check(date(2026, 12, 1), first, last) is None
    assert closed_month_check(date(2026, 10, 1), first, last) is None
    assert closed_month_check(date(2027, 5, 1), None, None) is None
    assert "2026-12" in closed_month_check(date(2027, 1, 1), first, last)
    assert "2026-09" in closed_month_check(date(2026, 8, 1), first, last)


def test_amounts_and_kinds():
    a = Amounts(Decimal("1.00"), Decimal("0.00"), Decimal("2.00"), Decimal("0.00"), Decimal("3.00"))
    assert (a - a).is_zero() and (a + a).total == Decimal("6.00")
    assert difference_kind(Amounts() - a) == "overpayment" and difference_kind(a) == "arrears"
    assert factor_text(__import__("fractions").Fraction(22, 30), 22) == "22/30"
    assert factor_text(__import__("fractions").Fraction(1), 31) == "1"


def test_iban_checked_with_stdnum():
    assert check_iban(" SI56 1910 0000 0123 438 ") == "SI56191000000123438"
    assert check_iban("") is None and check_iban(None) is None
    assert format_iban("SI56191000000123438") == "SI56 1910 0000 0123 438"
    with pytest.raises(InputError) as caught:
        check_iban("SI56 1910 0000 0123 439", "iban")
    assert caught.value.field == "iban" and "kontrolni" in caught.value.message
    with pytest.raises(InputError):
        check_iban("SI56 1910", "iban")


def test_reasons_name_only_the_changes_that_reach_into_the_month():
    """A decision extended past the month, or a placement ended after it, is no reason of
    the month's difference; the same change in the month it reaches is."""
    from datetime import date as day

    from rejnistvo.rules.payment_run import reasons, reasons_by_month

    rates_then = [{"valid_from": "2026-03-01", "board": "655.23", "fee": "472.42"}]
    rates_now = [{"valid_from": "2026-03-01", "board": "656.00", "fee": "472.42"}]
    contract = {"from": "2026-01-01", "to": None, "document": "pogodba 7/2026"}
    r4 = {"percent": 25, "from": "2026-04-01", "to": "2026-06-30", "document": "3-017/2026"}
    old = {"placement": [contract], "fee_uplifts": [r4], "rates": rates_then}
    new = {
        "placement": [{**contract, "to": "2026-07-20"}],
        "fee_uplifts": [{**r4, "to": "2026-12-31"}],
        "rates": rates_now,
    }
    assert reasons_by_month(old, new)
    rate = "popravljen znesek od 1. 3. 2026 (oskrbnina 655,23 → 656,00 EUR)"
    assert reasons(old, new, day(2026, 5, 1)) == rate
    july = reasons(old, new, day(2026, 7, 1))
    assert july.startswith(rate)
    assert "sklep R-4 3-017/2026" in july and "namestitev se je končala 20. 7. 2026" in july
    assert not reasons_by_month(old, {**old, "rates": rates_now})


def test_a_rate_row_moved_later_is_not_worded_as_an_older_row_added():
    """The row of 1. 3. 2028 moved to 1. 4. 2028: March is paid by the row of 1. 3. 2027
    again, which was in the table all along (the reason said it was "added")."""
    from rejnistvo.rules.payment_run import reasons

    row_2027 = {"valid_from": "2027-03-01", "board": "650.00", "fee": "471.00"}
    row_2028 = {"valid_from": "2028-03-01", "board": "670.15", "fee": "483.57"}
    contract = [{"from": "2027-01-01", "to": None, "document": "pogodba 7/2027"}]
    old = {"placement": contract, "rates": [row_2028]}
    new = {"placement": contract, "rates": [row_2027]}
    assert reasons(old, new, date(2028, 3, 1)) == (
        "znesek od 1. 3. 2028 za ta mesec ne velja več (odstranjen ali premaknjen na "
        "poznejši dan); velja znesek od 1. 3. 2027 (oskrbnina 650,00, plačilo dela 471,00 EUR)"
    )
    # a newer row in force is still "added"
    assert reasons(new, old, date(2028, 3, 1)).startswith("dodan znesek od 1. 3. 2028")
