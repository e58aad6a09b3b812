"""The payment sheet and the refund call: every figure a reader needs to check by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rejnistvo.forms.payment_sheet import render_payment_sheet, render_payment_sheet_bytes
from rejnistvo.forms.refund_call import render_refund_call, render_refund_call_bytes

from rejnistvo.rules.months import Adjustment, month_payments, month_range
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate, RateTable
from rejnistvo.rules.refund import RefundMethod, refund_plan
from tests.forms.conftest import pdf_pages, pdf_text

# Our own table (never the shipped rows): the 2025 amounts of SPEC's worked examples.
OWN_RATES = RateTable(
    [
        Rate(
            date(2025, 11, 1),
            Decimal("638.00"),
            Decimal("460.00"),
            "ZIRD (Uradni list RS, št. 41/2025)",
        )
    ]
)

PLACEMENT = [Period(date(2026, 3, 10), None)]
BOARD_UP = Adjustment(25, Period(date(2026, 3, 15), date(2026, 8, 31)))
FEE_UP = Adjustment(50, Period(date(2026, 4, 1), None))
HEADER = {
    "centre": "Center za socialno delo Gorenjska",
    "carer": "Špela Žagar",
    "child": "Žiga Čebašek",
    "contract_no": "RP-12/2026",
    "placement": PLACEMENT,
    "board_increases": [BOARD_UP],
    "fee_uplifts": [FEE_UP],
    "date": date(2026, 9, 1),
}


def test_payment_sheet_shows_each_month_and_the_sums(tmp_path):
    payments = month_payments(
        month_range(date(2026, 3, 1), date(2026, 4, 1)),
        PLACEMENT,
        OWN_RATES,
        [BOARD_UP],
        [FEE_UP],
    )
    out = tmp_path / "sheet.pdf"
    text = pdf_text(render_payment_sheet(HEADER, payments, out))
    assert out.exists()
    for value in [
        "OBRAČUN REJNINE PO MESECIH",
        "Špela Žagar",
        "Žiga Čebašek",
        "RP-12/2026",
        "od 10. 3. 2026 dalje (nedoločen čas)",
        "25 % od 15. 3. 2026 do 31. 8. 2026",
        "marec 2026",
        "april 2026",
        "22/30",
        "638,00 / 460,00",
        "ZIRD",
        "Uradni list RS, št. 41/2025",
        "Faktor",
        "SKUPAJ",
        "Kako je izračunano",
        # issue 11: the readings are the program's, not the letter of čl. 26
        "26. člen govori le o oskrbnini, plačilo dela (z zvišanjem) program po analogiji",
        "cel mesec s 28 ali 29 dnevi program šteje kot cel mesec",
    ]:
        assert value in text, value
    assert text.count("Razlaga programa, ne besedilo 26. člena") == 2
    assert "Center za socialno delo Gorenjska" in text  # the label cell, then "Gorenjska"
    assert "Center za socialno delo Center" not in text  # the label column names it once
    march, april = payments
    for amount in (
        march.board,
        march.board_increase,
        march.fee,
        march.total,
        april.board,
        april.fee_uplift,
        april.total,
        march.total + april.total,
    ):
        assert f"{amount:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") in text


def test_payment_sheet_footnotes_each_rate_source():
    rates = RateTable(
        [
            Rate(date(2025, 11, 1), Decimal("638.00"), Decimal("460.00"), "vir A"),
            Rate(date(2026, 3, 1), Decimal("655.23"), Decimal("472.42"), "vir B"),
        ]
    )
    payments = month_payments(
        month_range(date(2026, 1, 1), date(2026, 3, 1)), [Period(date(2025, 12, 1), None)], rates
    )
    text = pdf_text(render_payment_sheet_bytes({}, payments))
    assert "¹ vir A" in text and "² vir B" in text and "655,23 / 472,42 ²" in text


def test_payment_sheet_for_years_runs_onto_pages_with_header():
    payments = month_payments(
        month_range(date(2026, 1, 1), date(2031, 12, 1)),
        [Period(date(2025, 12, 1), None)],
        OWN_RATES,
    )
    pages = pdf_pages(render_payment_sheet_bytes(HEADER, payments))
    assert len(pages) >= 2
    assert all("Dni v mesecu" in page for page in pages if "2031" in page or "2026" in page)


def _plan(method=RefundMethod.AS_RECEIVED, unjustified=Decimal("157.00")):
    increase = Adjustment(25, Period(date(2026, 1, 1), date(2026, 6, 30)))
    return refund_plan(
        increase,
        [Period(date(2025, 6, 1), None)],
        OWN_RATES,
        date(2026, 7, 10),
        unjustified,
        None,
        method,
    )


REFUND_HEADER = {
    "centre": "Center za socialno delo Gorenjska",
    "unit": "Enota Kranj",
    "case_no": "1221-3/2026",
    "call_date": date(2026, 7, 10),
    "carer": "Špela Žagar",
    "child": "Žiga Čebašek",
    "increase_percent": 25,
    "increase_period": Period(date(2026, 1, 1), date(2026, 6, 30)),
    "carer_address": "Cesta talcev 12\n4000 Kranj",
    "account": "SI56011006000000123",
}


def test_refund_call_states_amounts_deadline_and_instalments(tmp_path):
    plan = _plan()
    out = tmp_path / "call.pdf"
    text = pdf_text(render_refund_call(REFUND_HEADER, plan, out))
    assert out.exists()
    assert sum(i.amount for i in plan.instalments) == plan.refund
    for value in [
        "POZIV K VRAČILU SREDSTEV ZVIŠANE OSKRBNINE",
        "Špela Žagar",
        "Žiga Čebašek",
        "1221-3/2026",
        "10. 7. 2026",
        "957,00 EUR",
        "157,00 EUR",
        "v posameznih zneskih, kot ste jih prejeli",  # one person: "we" to "you"
        "28. člena",
        "pred pozivom: 181 dni",
        "Načrt vračila: 6 obrokov",
        "Cesta talcev 12",
        "4000 Kranj",
        "SI56 0110 0600 0000 123",
        "sklic SI00 1221-3-2026",
        "januar 2026",
        "junij 2026",
        "Načrt vračila",
        "26,17",
        "26,15",
        "SKUPAJ 157,00",
    ]:
        assert value in text, value
    assert "7. 1. 2027" in text  # deadline and latest allowed deadline
    for third_person in ("je prejel", "rejnik/ica je", "Center za socialno delo je"):
        assert third_person not in text
    for instalment in plan.instalments:
        assert f"{instalment.due.day}. {instalment.due.month}. {instalment.due.year}" in text


def test_refund_call_lump_sum():
    plan = _plan(RefundMethod.LUMP_SUM, None)
    text = pdf_text(render_refund_call_bytes(REFUND_HEADER, plan))
    assert "v enkratnem znesku" in text and "957,00 EUR" in text
    assert "Načrt vračila: 1 obrok" in text
    assert len(plan.instalments) == 1


def test_refund_call_moved_deadline_and_blank_payment_details():
    increase = Adjustment(25, Period(date(2026, 1, 1), date(2026, 6, 30)))
    plan = refund_plan(
        increase,
        [Period(date(2025, 6, 1), None)],
        OWN_RATES,
        date(2026, 7, 10),
        Decimal("100.00"),
        date(2026, 7, 12),  # a Sunday
        RefundMethod.AS_RECEIVED,
    )
    header = {k: v for k, v in REFUND_HEADER.items() if k not in ("account", "case_no")}
    text = pdf_text(render_refund_call_bytes(header, plan))
    assert "Rok 12. 7. 2026 je dela prost dan" in text and "13. 7. 2026" in text
    assert "na račun ____" in text and "sklic ____" in text  # blank lines to fill by hand
    assert "Načrt vračila: 6 obrokov" in text


def test_payment_reference_from_the_case_number():
    from rejnistvo.forms.refund_call import payment_reference

    assert payment_reference("1221-3/2026") == "SI00 1221-3-2026"
    assert payment_reference("RP 12/2026") == "SI00 12-2026"
    assert payment_reference("a-b") is None and payment_reference(None) is None
    assert payment_reference("1-2-3-4-5") == "SI00 1-2-3"


def test_payment_sheet_marks_part_time_months():
    from rejnistvo.rules.months import PartTimePlacement

    payments = month_payments(
        [date(2026, 3, 1)],
        PLACEMENT,
        OWN_RATES,
        part_time=PartTimePlacement(Decimal("0.40")),
    )
    text = pdf_text(render_payment_sheet_bytes({}, payments))
    assert "marec 2026 *" in text and "75 % veljavne" in text
    assert f"{payments[0].board:.2f}".replace(".", ",") in text


def test_payment_sheet_prints_a_missing_indexation_before_the_figures():
    from rejnistvo.rules.rates import missing_indexations

    months = month_range(date(2026, 2, 1), date(2026, 4, 1))
    payments = month_payments(months, PLACEMENT, OWN_RATES)
    warnings = missing_indexations(OWN_RATES, months[-1])
    assert warnings
    text = pdf_text(render_payment_sheet_bytes({**HEADER, "warnings": warnings}, payments))
    assert "Opozorilo:" in text and "1. 3. 2026" in text
    assert "Opozorilo:" not in pdf_text(render_payment_sheet_bytes(HEADER, payments))
