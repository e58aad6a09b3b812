"""QA28: two clerks share one file (a shared drive). Every change is recorded under the
name of the person at the computer that made it (given to the open file), not the name
the last of them saved in the file's settings."""

from __future__ import annotations

from rejnistvo.exchange.cases import _sender
from rejnistvo.services.payment_run.closing import user_of
from rejnistvo.store import get_record, save_record, set_setting
from rejnistvo.store.audit import acting_user, audit_rows, set_acting_user
from tests.store.test_store_repository import _placement


def test_changes_are_logged_under_the_name_given_to_the_open_file(db):
    set_setting(db, "user_name", "Ana Žagar")  # the colleague saved her name last
    set_acting_user(db, "Borut Čeh")
    carer = save_record(db, "carers", {"name": "Zofka Šuštar"})
    assert audit_rows(db, "carers", carer)[-1]["user_name"] == "Borut Čeh"
    _, _, placement = _placement(db)
    case = save_record(db, "r4_cases", {"placement_id": placement, "sent_on": "2026-03-02"})
    assert get_record(db, "r4_cases", case)["prepared_by"] == "Borut Čeh"
    assert user_of(db) == "Borut Čeh"  # who closed a month
    assert _sender(db, get_record(db, "r4_cases", case))["user"] == "Borut Čeh"


def test_a_file_opened_without_a_name_keeps_the_one_in_its_settings(db):
    """The command line and old scripts name no one: as before, the file's name."""
    set_setting(db, "user_name", "Ana Žagar")
    carer = save_record(db, "carers", {"name": "Zofka Šuštar"})
    assert audit_rows(db, "carers", carer)[-1]["user_name"] == "Ana Žagar"
    assert acting_user(db) == "Ana Žagar"


def test_a_file_no_one_named_logs_the_login_name(db):
    """The command line on a file whose window never set a name logged an empty user
    (»—« in the change log), signed proposals by no one and sent packages from no one;
    now the login name, as the window gives when no name is set."""
    from rejnistvo.store.audit import os_user

    assert os_user()
    carer = save_record(db, "carers", {"name": "Zofka Šuštar"})
    assert audit_rows(db, "carers", carer)[-1]["user_name"] == os_user()
    _, _, placement = _placement(db)
    case = save_record(db, "r4_cases", {"placement_id": placement, "sent_on": "2026-03-02"})
    assert get_record(db, "r4_cases", case)["prepared_by"] == os_user()
    assert _sender(db, get_record(db, "r4_cases", case))["user"] == os_user()
