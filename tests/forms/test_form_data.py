"""The JSON of SPEC 6.1 is checked strictly: each refusal names the field, in Slovenian."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest
from rejnistvo.forms.data import parse_r1, parse_r4, parse_r5

from rejnistvo.rules.errors import InputError


def test_examples_parse(r1_data, r4_data, r5_data):
    r4 = parse_r4(r4_data)
    assert r4.decision is not None and r4.decision.members[2] == "Čarna Šuštar"
    assert r4.period is not None and r4.period.end == date(2027, 3, 31)
    r5 = parse_r5(r5_data)
    assert r5.total == Decimal("800.00")
    assert r5.attachments == ["račun 2026-0042", "račun 17/2026"]
    assert parse_r1(r1_data).electronic_delivery is True


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda d: d.update(extra=1), "extra", "neznano polje"),
        (lambda d: d["child"].update(age=5), "child.age", "neznano polje"),
        (lambda d: d["child"].update(emso="0101006500007"), "child.emso", "EMŠO otroka"),
        (lambda d: d["carer"].update(emso="12345"), "carer.emso", "13 števk"),
        (lambda d: d["decision"].update(members=["A", "B"]), "decision.members", "natanko 3"),
        (
            lambda d: d["decision"].update(members=["A", "B", "C", "D"]),
            "decision.members",
            "treh članov",
        ),
        (lambda d: d["decision"].update(subgroup=7), "decision.subgroup", "1, 2, 3, 4, 5 in 6"),
        (lambda d: d["decision"].update(subgroup=0), "decision.subgroup", "podskupina"),
        (
            lambda d: d["decision"].update(outcome="maybe"),
            "decision.outcome",
            "increase, no_increase",
        ),
        (lambda d: d["decision"].update(percent=30), "decision.percent", "25 in 50"),
        (lambda d: d.update(proposed_percent=40), "proposed_percent", "25 in 50"),
        (lambda d: d["period"].update(to="2026-03-01"), "period.to", "pred začetkom"),
        (
            lambda d: d["decision"]["period"].update(to="2026-01-01"),
            "decision.period.to",
            "pred začetkom",
        ),
        (lambda d: d.update(date="2026-02-30"), "date", "ne obstaja"),
        (lambda d: d["decision"].update(outcome="no_increase"), "decision.percent", "ne zviša"),
    ],
)
def test_r4_refusals(r4_data, change, field, words):
    data = copy.deepcopy(r4_data)
    change(data)
    with pytest.raises(InputError) as info:
        parse_r4(data)
    assert info.value.field == field
    assert words.lower() in info.value.message.lower()


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda d: d["expenses"][0].update(amount="12.345"), "expenses[0].amount", "dve decimalki"),
        (lambda d: d["expenses"][0].update(amount="-1.00"), "expenses[0].amount", "negativen"),
        (
            lambda d: d["expenses"][1].update(category="food"),
            "expenses[1].category",
            "education, interest, health, other",
        ),
        (lambda d: d["expenses"][0].pop("amount"), "expenses[0].amount", "obvezno"),
        (
            lambda d: d["finding"].update(unjustified="1.001"),
            "finding.unjustified",
            "dve decimalki",
        ),
        (lambda d: d["finding"].update(method="cash"), "finding.method", "lump_sum, as_received"),
        (lambda d: d["child"].update(emso="0101006500006"), "child.emso", "neznano polje"),
        (lambda d: d["period"].update(to="2025-12-31"), "period.to", "pred začetkom"),
        (lambda d: d.update(expenses={}), "expenses", "seznam"),
        # SPEC 6 writes amounts as strings; a JSON number was printed as if it were one
        (lambda d: d["finding"].update(justified=800), "finding.justified", "število JSON"),
        (lambda d: d["expenses"][0].update(amount=120), "expenses[0].amount", '"120.00"'),
    ],
)
def test_r5_refusals(r5_data, change, field, words):
    data = copy.deepcopy(r5_data)
    change(data)
    with pytest.raises(InputError) as info:
        parse_r5(data)
    assert info.value.field == field
    assert words.lower() in info.value.message.lower()


def test_amounts_are_never_floats(r5_data):
    r5_data["expenses"][0]["amount"] = 12.5
    with pytest.raises(InputError, match="plavajočo vejico"):
        parse_r5(r5_data)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(emso="0101980505008"), "emso"),
        (lambda d: d.update(electronic_delivery="da"), "electronic_delivery"),
        (lambda d: d.update(email="ni-naslov"), "email"),
        (lambda d: d.update(electronic_delivery=False), "email"),
        (lambda d: d.update(phone="041"), "phone"),
    ],
)
def test_r1_refusals(r1_data, change, field):
    change(r1_data)
    with pytest.raises(InputError) as info:
        parse_r1(r1_data)
    assert info.value.field == field


def test_not_an_object_is_refused():
    with pytest.raises(InputError, match="objekt JSON"):
        parse_r4([1, 2])


def test_after_label_never_repeats_the_printed_label():
    from rejnistvo.forms._common import CENTRE_LABEL, UNIT_LABEL, after_label

    assert after_label("Center za socialno delo Gorenjska", CENTRE_LABEL) == "Gorenjska"
    assert after_label("center za  socialno delo: Celje", CENTRE_LABEL) == "Celje"
    assert after_label("CSD Koroška", CENTRE_LABEL) == "Koroška"
    assert after_label("Gorenjska", CENTRE_LABEL) == "Gorenjska"
    assert after_label("Enota Kranj", UNIT_LABEL) == "Kranj"
    assert after_label("Enotanova", UNIT_LABEL) == "Enotanova"
    assert after_label(None, UNIT_LABEL) is None
    assert after_label("Enota", UNIT_LABEL) == "Enota"


def test_parsed_r4_is_an_immutable_value() -> None:
    """render_form prints a ParsedForm as it is, unchecked again: a parsed R-4 cannot be
    changed after its checks, and equal JSON gives equal, hashable records."""
    from rejnistvo.forms.data import ParsedForm, Person, R4Form

    from tests.forms.conftest import load_example

    raw = load_example("r4")
    first, second = parse_r4(raw), parse_r4(copy.deepcopy(raw))
    assert isinstance(first, ParsedForm) and isinstance(first, R4Form)
    assert first == second and hash(first) == hash(second)
    assert first != parse_r4(dict(raw, case_no="1220-99/2026"))
    assert first.child == Person(raw["child"]["name"], raw["child"]["emso"])
    assert first.decision is not None and first.decision.members[0] == raw["decision"]["members"][0]
    assert R4Form().child == Person() and R4Form().decision is None
    with pytest.raises(AttributeError):
        first.case_no = "drugo"  # type: ignore[misc]
