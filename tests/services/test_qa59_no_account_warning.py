"""Izplačila / `run`: a month closed while carers it pays had no usable IBAN said nothing
(QA59); the clerk learnt it only when the bank file (SEPA) was refused after the close.
The run warns before the close — how many carers, the first three by name, and that the
bank file cannot be made until their IBAN is entered (closing is not blocked: a carer may
be paid another way). The warning is worked out from today's data whenever the month is
shown: a closed month shows it until the IBAN is entered, and the ledger does not keep
it. The JSON keeps SPEC 6's shape (a warning is a string of ``warnings``)."""

from __future__ import annotations

import json

import pytest
from _payment_fixtures import CENTRE_IBAN, IBANS, D, add_placement

from rejnistvo.cli.run_commands import _compact, run_json
from rejnistvo.rules.errors import InputError
from rejnistvo.services import payment_exports
from rejnistvo.services import payment_run as service
from rejnistvo.store import get_record, save_record

OCT, NOV = D("2026-10-01"), D("2026-11-01")
HEAD = "Rejniki brez veljavnega IBAN"


def no_account(run) -> list[str]:
    return [w for w in run.warnings if w.startswith(HEAD)]


def test_the_run_names_carers_without_an_account_before_the_close(run_db, clock):
    d = add_placement(run_db, "D", "2026-01-01", None, 1, None)
    run = service.payment_run(run_db, OCT, clock)
    assert no_account(run) == [
        "Rejniki brez veljavnega IBAN, ki jim to izplačilo kaj izplača: 1 (Rejnica D). "
        "Datoteka SEPA za ta mesec jih izpusti (izvoz jih imenuje in vpraša), dokler jim IBAN "
        "ne vpišete v podatke rejnika (Rejniki); nato izvoz naredi dodatno datoteko samo "
        "zanje, tudi po zaključku meseca."
    ]
    # SPEC 6: the same keys, the warning one string among the warnings
    document = json.loads(run_json(service.run_document(run, _compact)))
    assert set(document) == {"month", "status", "lines", "total", "warnings"}
    assert any(w.startswith(HEAD) for w in document["warnings"])

    # closing is not blocked; the closed month still says it, the ledger does not keep it
    closed = service.close_month(run_db, OCT, clock)
    assert no_account(closed) and no_account(service.payment_run(run_db, OCT, clock))
    stored = run_db.execute("SELECT warnings FROM payment_runs WHERE month = ?", [OCT]).fetchone()
    assert HEAD not in stored[0]
    with run_db.atomic():
        run_db.table("settings").upsert({"key": "centre_iban", "value": CENTRE_IBAN}, pk="key")
    with pytest.raises(InputError, match="Rejnica D"):
        payment_exports.check_sepa_for(run_db, service.payment_run(run_db, OCT, clock))

    # the IBAN entered after the close: the warning goes, the bank file is made
    carer = get_record(run_db, "placements", d)["carer_id"]
    version = get_record(run_db, "carers", carer)["version"]
    save_record(run_db, "carers", {"id": carer, "version": version, "iban": IBANS[0]})
    again = service.payment_run(run_db, OCT, clock)
    assert not no_account(again)
    assert payment_exports.check_sepa_for(run_db, again)
    assert not no_account(service.payment_run(run_db, NOV, clock))


def test_many_carers_are_counted_and_the_first_three_named(run_db, clock):
    for key in ("D", "E", "F", "G", "H"):
        add_placement(run_db, key, "2026-01-01", None, 0, None)
    (warning,) = no_account(service.payment_run(run_db, OCT, clock))
    assert ": 5 (Rejnica D, Rejnica E, Rejnica F in še 2)." in warning


def test_carers_with_an_account_or_nothing_to_be_paid_are_not_named(run_db, clock):
    # placement D ended before October: its carer is paid nothing in October
    add_placement(run_db, "D", "2026-01-01", "2026-08-31", 0, None)
    assert not no_account(service.payment_run(run_db, OCT, clock))


def test_the_quick_check_takes_what_the_carer_form_takes():
    from rejnistvo.rules.iban import check_iban, plausible_iban

    for good in (
        *IBANS,
        "SI56 1910 0000 0123 438",
        "DE89370400440532013000",
        "si56191000000123438",
    ):
        assert check_iban(good) and plausible_iban(good)
    for bad in ("", None, "SI56", "SI56191000000123439", "SI5619100000012343x", "1234567890123456"):
        assert not plausible_iban(bad)


def test_a_name_two_carers_share_is_told_apart_by_the_contract(run_db, clock):
    """The demo has two »Brina Bizjak«: the clerk could not tell which one to open."""
    d = add_placement(run_db, "D", "2026-01-01", None, 0, None)
    e = add_placement(run_db, "E", "2026-01-01", None, 0, IBANS[1])
    for placement in (d, e):
        carer = get_record(run_db, "placements", placement)["carer_id"]
        version = get_record(run_db, "carers", carer)["version"]
        save_record(run_db, "carers", {"id": carer, "version": version, "name": "Brina Bizjak"})
    (warning,) = no_account(service.payment_run(run_db, OCT, clock))
    assert ": 1 (Brina Bizjak s pogodbo 1220-D/2026)." in warning


def test_the_bank_files_refusal_tells_a_shared_name_apart_too(run_db, clock):
    d = add_placement(run_db, "D", "2026-01-01", None, 0, None)
    e = add_placement(run_db, "E", "2026-01-01", None, 0, IBANS[1])
    for placement in (d, e):
        carer = get_record(run_db, "placements", placement)["carer_id"]
        version = get_record(run_db, "carers", carer)["version"]
        save_record(run_db, "carers", {"id": carer, "version": version, "name": "Brina Bizjak"})
    with run_db.atomic():
        run_db.table("settings").upsert({"key": "centre_iban", "value": CENTRE_IBAN}, pk="key")
    with pytest.raises(InputError, match=r"IBAN: Brina Bizjak s pogodbo 1220-D/2026\. "):
        payment_exports.check_sepa_for(run_db, service.payment_run(run_db, OCT, clock))


def test_a_large_count_is_written_with_a_thousands_dot():
    from rejnistvo.services.payment_run.notices import account_warning

    payees = [(i, f"Rejnik {i}", None, f"P-{i}") for i in range(13563)]
    warning = account_warning(payees) or ""
    assert ": 13.563 (Rejnik 0, Rejnik 1, Rejnik 2 in še 13.560)." in warning
