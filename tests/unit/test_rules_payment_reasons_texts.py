"""``reasons_of_texts``: the reason of a difference worded from two bases as the ledger
keeps them (JSON) without parsing them, when they differ in their rate rows alone — and
then exactly ``reasons`` of the parsed bases; None for any other pair."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from rejnistvo.rules.payment_run import reasons, reasons_of_texts

MONTH = date(2026, 10, 1)


def _text(basis) -> str:
    # as ledger.LineWriter writes a basis
    return json.dumps(basis, ensure_ascii=False, separators=(",", ":"))


_days = st.sampled_from(["2025-01-01", "2026-03-01", "2026-09-15", "2026-10-31", None])
_amount = st.sampled_from(["638.00", "655.23", "656.00", "460.00", "472.42", "473.00"])
_document = st.sampled_from(["1220-A/2026", "Aneks 1 k 1220-A/2026", "3-017/2026", 'x"],"rates":['])
_period = st.fixed_dictionaries({"from": _days.filter(bool), "to": _days, "document": _document})
_decision = st.fixed_dictionaries(
    {"percent": st.sampled_from(["10", "25"]), "from": _days.filter(bool), "to": _days,
     "document": _document}
)  # fmt: skip
_rate = st.fixed_dictionaries(
    {"valid_from": st.sampled_from(["2025-11-01", "2026-03-01", "2028-03-01"]),
     "board": _amount, "fee": _amount}
)  # fmt: skip


@st.composite
def _basis(draw):
    basis = {
        "placement": draw(st.lists(_period, max_size=2)),
        "board_increases": draw(st.lists(_decision, max_size=1)),
        "fee_uplifts": draw(st.lists(_decision, max_size=1)),
        "rates": draw(st.lists(_rate, max_size=3, unique_by=lambda r: r["valid_from"])),
    }
    if draw(st.booleans()):
        basis["part_time_fee_share"] = draw(st.sampled_from(["0.5", "0.25"]))
    return basis


@st.composite
def _pair(draw):
    """Two bases: the second the first with other rate rows, or drawn on its own, or the
    first with one other part."""
    old = draw(_basis())
    how = draw(st.sampled_from(["rates", "any", "part"]))
    if how == "rates":
        new = {**old, "rates": draw(_basis())["rates"]}
    elif how == "any":
        new = draw(_basis())
    else:
        other = draw(_basis())
        key = draw(st.sampled_from(["placement", "board_increases", "fee_uplifts"]))
        new = {**old, key: other[key], "rates": other["rates"]}
    return old, new


@settings(max_examples=400, deadline=None)
@given(_pair())
def test_texts_give_what_the_parsed_bases_give_or_nothing(pair):
    old, new = pair
    words = reasons_of_texts(_text(old), _text(new), MONTH)
    if words is not None:
        assert words == reasons(old, new, MONTH)


@settings(max_examples=200, deadline=None)
@given(_basis(), _basis())
def test_bases_differing_in_rate_rows_alone_are_worded_from_their_texts(old, other):
    new = {**old, "rates": other["rates"]}
    assert reasons_of_texts(_text(old), _text(new), MONTH) == reasons(old, new, MONTH)


def test_a_difference_outside_the_rate_rows_is_left_to_reasons():
    old = {"placement": [{"from": "2026-01-01", "to": None, "document": "1220-A/2026"}],
           "board_increases": [], "fee_uplifts": [],
           "rates": [{"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00"}]}  # fmt: skip
    ended = {**old, "placement": [{**old["placement"][0], "to": "2026-10-15"}]}
    assert reasons_of_texts(_text(old), _text(ended), MONTH) is None
    added = {**old, "rates": [*old["rates"], {"valid_from": "2026-03-01", "board": "655.23",
                                               "fee": "472.42"}]}  # fmt: skip
    words = reasons_of_texts(_text(old), _text(added), MONTH)
    assert words == reasons(old, added, MONTH)
    assert words is not None and words.startswith("dodan znesek od 1. 3. 2026")
    assert (
        reasons_of_texts(_text(old), _text(old), MONTH) == "ponoven izračun po današnjih podatkih"
    )
    # a rate list written some other way (a number, another key) is not read as text
    odd = _text(old).replace('"board":"638.00"', '"board":638.00')
    assert reasons_of_texts(odd, _text(added), MONTH) is None
