"""``basis_text`` and ``BasisMaker.text``: a basis made as the text the ledger keeps is
the text of the basis made as a dict (``basis_json(basis(...))``), for any placement,
month and rate rows — periods and decisions touching the month or not, open-ended,
part-time, names with quotes and č, š, ž."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from rejnistvo.rules.months import PartTimePlacement, month_range
from rejnistvo.rules.payment_run import (
    BasisMaker,
    Document,
    PlacementInputs,
    basis,
    basis_json,
    basis_text,
)
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate

MONTHS = month_range(date(2026, 1, 1), date(2026, 12, 1))

_day = st.dates(date(2025, 6, 1), date(2027, 6, 30))
_name = st.sampled_from(["pogodba 1220-1/2026", 'Aneks "2" k pogodbi', "sklep čšž 3-017/2026", ""])


@st.composite
def _document(draw, percent: bool):
    start = draw(_day)
    end = draw(st.none() | st.integers(0, 500).map(lambda n: start + timedelta(days=n)))
    return Document(Period(start, end), draw(_name), draw(st.integers(1, 60)) if percent else 0)


_rate = st.builds(
    Rate,
    st.sampled_from([date(2025, 11, 1), date(2026, 3, 1), date(2026, 9, 1)]),
    st.sampled_from([Decimal("638.00"), Decimal("655.23"), Decimal("700")]),
    st.sampled_from([Decimal("460.00"), Decimal("472.42"), Decimal("500.5")]),
)
_inputs = st.builds(
    PlacementInputs,
    st.lists(_document(False), max_size=3).map(tuple),
    st.lists(_document(True), max_size=2).map(tuple),
    st.lists(_document(True), max_size=2).map(tuple),
    st.none()
    | st.sampled_from([Decimal("0.40"), Decimal("1"), Decimal("0")]).map(PartTimePlacement),
)


@settings(max_examples=300, deadline=None)
@given(_inputs, st.sampled_from(MONTHS), st.lists(_rate, min_size=1, max_size=3).map(tuple))
def test_the_text_of_a_basis_is_the_json_of_the_basis(inputs, month, rates):
    payment = SimpleNamespace(rates=rates)  # a basis reads only the payment's rate rows
    assert basis_text(month, inputs, payment) == basis_json(basis(month, inputs, payment))


@settings(max_examples=200, deadline=None)
@given(_inputs, st.lists(st.lists(_rate, min_size=1, max_size=2).map(tuple), min_size=1))
def test_a_makers_texts_are_the_json_of_its_bases(inputs, rate_sets):
    """Over a placement's months in any order, with rate sets shared between months."""
    maker = BasisMaker(inputs, MONTHS[0], MONTHS[-1].replace(day=31))
    for i, month in enumerate([*MONTHS, *reversed(MONTHS)]):
        rates = rate_sets[i % len(rate_sets)]
        payment = SimpleNamespace(rates=rates)
        ids = tuple([id(r) for r in rates])
        assert maker.text(month, payment, ids) == basis_json(maker.make(month, payment, ids))
        assert maker.text(month, payment, ids) == basis_json(basis(month, inputs, payment))


@settings(max_examples=300, deadline=None)
@given(_day, st.none() | st.integers(0, 500), st.text(), st.integers(0, 100), st.booleans())
def test_a_document_written_out_is_its_json(start, days, reference, percent, with_percent):
    """A document's text is written out, not encoded (``_doc_text``): any reference
    (quotes, backslashes, control characters, č) gives the encoder's own JSON."""
    from rejnistvo.rules.payment_run import _doc_json, _doc_text

    end = None if days is None else start + timedelta(days=days)
    doc = Document(Period(start, end), reference, percent)
    assert _doc_text(doc, with_percent) == basis_json(_doc_json(doc, with_percent))
