"""`run --close --format sepa` made the bank transfers twice: once to check them before
the close (the centre's and every carer's IBAN, ~2 s at 20,000 placements) and again
when the file was written (plus the carers' accounts once more, ~1.5 s). The write now
takes the checked transfers when the close took the checked lines over; the file is
the same as the one `run --format sepa` writes of the closed month."""

from __future__ import annotations

import re

import pytest

from rejnistvo.cli import main
from rejnistvo.services import payment_exports
from rejnistvo.store import open_db, save_record

CENTRE_IBAN = "SI56020108128219338"
CARERS = {"Ana Žagar": "SI56191000000123438", "Boštjan Čuk": "SI56020100010013567"}
MONTH = "2026-09"


@pytest.fixture
def database(tmp_path, own_rates):
    path = tmp_path / "sepa.sqlite3"
    with open_db(path) as db:
        own_rates(db)
        for number, (name, iban) in enumerate(CARERS.items(), start=1):
            carer = save_record(db, "carers", {"name": name, "centre_id": 1, "iban": iban})
            child = save_record(db, "children", {"name": f"Otrok {number}", "centre_id": 1})
            save_record(
                db,
                "placements",
                {"contract_no": f"1220-{number}/2026", "carer_id": carer, "child_id": child,
                 "child_centre_id": 1,
                 "periods": [{"kind": "contract", "from_date": "2026-01-01", "to_date": None}]},
            )  # fmt: skip
        for key, value in (("centre_name", "CSD Test"), ("centre_iban", CENTRE_IBAN)):
            db.table("settings").upsert({"key": key, "value": value}, pk="key")
    return path


@pytest.fixture
def made(monkeypatch):
    """How many times the bank transfers and the carers' accounts were made."""
    counts = {"transfers": 0, "accounts": 0}
    real_transfers = payment_exports.sepa_transfers
    real_accounts = payment_exports.run_accounts_now

    def transfers(*args, **kwargs):
        counts["transfers"] += 1
        return real_transfers(*args, **kwargs)

    def accounts(*args, **kwargs):
        counts["accounts"] += 1
        return real_accounts(*args, **kwargs)

    monkeypatch.setattr(payment_exports, "sepa_transfers", transfers)
    monkeypatch.setattr(payment_exports, "run_accounts_now", accounts)
    return counts


def _payments(xml: bytes) -> list[tuple[str, ...]]:
    """Each transfer's end-to-end id, amount, payee and account (not the file's own id
    and time of making)."""
    pattern = (
        rb"<EndToEndId>(.*?)</EndToEndId>.*?<InstdAmt[^>]*>(.*?)</InstdAmt>.*?"
        rb"<Cdtr>\s*<Nm>(.*?)</Nm>.*?<CdtrAcct>\s*<Id>\s*<IBAN>(.*?)</IBAN>"
    )
    return [tuple(p.decode() for p in found) for found in re.findall(pattern, xml, re.S)]


def test_close_with_a_bank_file_makes_its_transfers_once(database, tmp_path, made, capsys):
    out = tmp_path / "izplačilo.xml"
    argv = ["run", "--db", str(database), "--month", MONTH, "--close", "--format", "sepa"]
    assert main([*argv, "--out", str(out)]) == 0
    assert made == {"transfers": 1, "accounts": 1}
    # the same transfers as the bank file of the closed month written afterwards
    again = tmp_path / "znova.xml"
    argv = ["run", "--db", str(database), "--month", MONTH, "--format", "sepa"]
    assert main([*argv, "--out", str(again)]) == 0
    payments = _payments(out.read_bytes())
    assert payments == _payments(again.read_bytes())
    assert sorted(iban for *_, iban in payments) == sorted(CARERS.values())


def test_a_run_computed_again_by_the_close_is_checked_again(database, tmp_path, made, monkeypatch):
    from rejnistvo.services.payment_run import closing

    # the file changed between the check and the close: the close computes the run again
    monkeypatch.setattr(closing, "_still_current", lambda *args: None)
    out = tmp_path / "izplačilo.xml"
    argv = ["run", "--db", str(database), "--month", MONTH, "--close", "--format", "sepa"]
    assert main([*argv, "--out", str(out)]) == 0
    assert made == {"transfers": 2, "accounts": 2}
    assert len(_payments(out.read_bytes())) == 2
