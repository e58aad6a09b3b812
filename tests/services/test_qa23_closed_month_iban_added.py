"""SEPA of a closed month: a carer without an IBAN when the month was closed could never
be paid from the program. The export said »rejniki brez veljavnega IBAN: Rejnica D.
Vpišite IBAN v podatke rejnika (Rejniki), nato ponovite izvoz.«, and after the IBAN was
entered it said the same again (the closed month's ledger keeps the account as it was at
the close). Where the ledger has no usable account, the carer's account as it is now is
used; a closed line's own account stays as paid (found by QA23)."""

import re

import pytest
from _payment_fixtures import IBANS, D, add_placement

from rejnistvo.rules.errors import InputError
from rejnistvo.services import payment_exports as exports
from rejnistvo.services import payment_run as service
from rejnistvo.store import get_record, save_record

SEP = D("2026-09-01")
NEW_IBAN = "SI56020100012345641"


def _carer(db, placement: int) -> int:
    return get_record(db, "placements", placement)["carer_id"]


def _set_iban(db, carer: int, iban: str | None) -> None:
    save_record(db, "carers", {"id": carer, "iban": iban})


def test_an_iban_entered_after_the_close_is_used(run_db, clock, tmp_path):
    d = add_placement(run_db, "D", "2026-01-01", None, 1, None)
    closed = service.close_month(run_db, SEP, clock)
    with pytest.raises(InputError) as caught:
        exports.check_sepa_for(run_db, closed)
    assert "Rejnica D" in caught.value.message

    _set_iban(run_db, _carer(run_db, d), NEW_IBAN)
    closed = service.payment_run(run_db, SEP, clock)
    exports.check_sepa_for(run_db, closed)
    xml = exports.write_sepa_for(run_db, closed, tmp_path / "s.xml", clock.today()).read_text()
    accounts = re.findall(r"<CdtrAcct>\s*<Id>\s*<IBAN>([A-Z0-9]+)</IBAN>", xml)
    assert NEW_IBAN in accounts and set(IBANS) <= set(accounts)


def test_an_account_the_ledger_holds_stays_as_paid(run_db, clock, tmp_path):
    closed = service.close_month(run_db, SEP, clock)
    _set_iban(run_db, _carer(run_db, run_db.ids["A"]), NEW_IBAN)
    closed = service.payment_run(run_db, SEP, clock)
    xml = exports.write_sepa_for(run_db, closed, tmp_path / "s.xml", clock.today()).read_text()
    assert IBANS[0] in xml and NEW_IBAN not in xml
