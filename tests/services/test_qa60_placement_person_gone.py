"""QA60, two screens on one record: a new placement typed on Namestitve with its child
chosen, the child deleted meanwhile on Otroci (it had no placement yet), then Shrani. The
store refused the reference and the clerk read »Zapis »Namestitve« se sklicuje na zapis,
ki ne obstaja (npr. rejnik, otrok, center). Izberite obstoječega.« in a message box, with
the child still shown in its field as chosen. The refusal now names the child or carer
that is gone, at its field."""

from __future__ import annotations

import dataclasses

import pytest
from test_contract_taken_letters import _placement, db  # noqa: F401 (fixture)

from rejnistvo.rules.errors import InputError
from rejnistvo.services.people import delete_person
from rejnistvo.services.placements import save_placement


@pytest.mark.parametrize(
    ("entity", "field", "who"),
    [("children", "child_id", "Otroka"), ("carers", "carer_id", "Rejnika")],
)
def test_a_person_deleted_meanwhile_is_named_at_its_field(db, entity, field, who):  # noqa: F811
    placement = _placement(db, "RP-1/2026")
    delete_person(db, entity, getattr(placement, field), None)
    with pytest.raises(InputError) as refused:
        save_placement(db, placement)
    assert refused.value.field == field
    assert refused.value.message.startswith(f"{who}, izbranega tu, ni več")
    assert not db.execute("SELECT count(*) FROM placements").fetchone()[0]


def test_the_people_there_save(db):  # noqa: F811
    placement = _placement(db, "RP-2/2026")
    assert save_placement(db, dataclasses.replace(placement, note="x")) > 0
