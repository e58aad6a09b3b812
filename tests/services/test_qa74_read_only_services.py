"""QA74: in a read-only view (a colleague's window holds the file) the use cases that
write refuse before they ask anything, in words naming why: Zaključi mesec before its
question, the SEPA file (recorded in the database, so that nobody is paid twice) before
its dialog, a delete before »Res želite izbrisati?«."""

from __future__ import annotations

from datetime import date

import pytest

from rejnistvo.clock import FixedClock
from rejnistvo.services import payment_run, payment_sepa
from rejnistvo.services.payment_run.closing import check_closable
from rejnistvo.services.people import person_in_use
from rejnistvo.services.placements import placement_in_use
from rejnistvo.store import StoreError, open_db, save_record
from rejnistvo.store.connection import open_to_view

ANA = "uporabnik ana na računalniku csd-pc1"


@pytest.fixture
def viewed(tmp_path):
    path = tmp_path / "skupna.sqlite3"
    writer = open_db(path)
    child = save_record(writer, "children", {"name": "Ana Novak"})
    view = open_to_view(path, ANA)
    yield view, child
    view.close()
    writer.close()


def test_closing_a_month_is_refused_before_its_question(viewed):
    view, _child = viewed
    with pytest.raises(StoreError) as refused:
        check_closable(view, date(2026, 3, 1), FixedClock(date(2026, 4, 2)))
    assert "Mesec ni zaključen." in refused.value.message and ANA in refused.value.message


def test_a_sepa_file_is_refused(viewed):
    view, _child = viewed
    clock = FixedClock(date(2026, 4, 2))
    run = payment_run.payment_run(view, date(2026, 3, 1), clock)
    with pytest.raises(StoreError) as refused:
        payment_sepa.sepa_plan(view, run)
    assert "Datoteke SEPA ni mogoče izvoziti" in refused.value.message
    assert "samo za branje" in refused.value.message


def test_a_delete_is_refused_before_its_question(viewed):
    view, child = viewed
    assert "Zapis ni izbrisan." in (person_in_use(view, "children", child) or "")
    assert "samo za branje" in (placement_in_use(view, 1) or "")
