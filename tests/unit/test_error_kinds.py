"""Callers decide by an error's attributes, never by reading its Slovenian message:
StoreError.kind (what went wrong with the file) and MissingRateError's month, what it
lacks and its advice."""

from __future__ import annotations

import errno
import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.rules.errors import MissingRateError
from rejnistvo.rules.one_off import WHERE_TO_ADD_GRANT, BirthGrantTable
from rejnistvo.rules.rates import WHERE_TO_ADD, Rate, RateTable, missing_indexations, missing_rate
from rejnistvo.store import StoreError
from rejnistvo.store.errors import os_error_kind, translate_sqlite_error


@pytest.mark.parametrize(
    ("sqlite_text", "kind", "words"),
    [
        ("database or disk is full", "disk_full", "ni dovolj prostora"),
        ("unable to open database file", "cannot_open", "ni mogoče odpreti"),
        ("attempt to write a readonly database", "read_only", "samo za branje"),
        ("database is locked", "locked", "zaklenjeno"),
        ("file is not a database", "not_database", "ni podatkovna zbirka"),
        ("disk I/O error", "io_error", "napaka diska"),
        ("no such table: x", "", "Napaka podatkovne zbirke"),
    ],
)
def test_sqlite_errors_carry_their_kind_beside_the_same_message(sqlite_text, kind, words):
    error = translate_sqlite_error(sqlite3.OperationalError(sqlite_text), "/x/a.sqlite3")
    assert error.kind == kind
    assert words in error.message and "»/x/a.sqlite3«" in error.message


def test_os_errors_kind():
    assert os_error_kind(OSError(errno.ENOSPC, "No space left")) == "disk_full"
    assert os_error_kind(OSError(errno.EROFS, "Read-only file system")) == "read_only"
    assert os_error_kind(PermissionError(errno.EACCES, "denied")) == ""
    assert StoreError("x").kind == ""


def test_backup_to_a_full_disk_is_disk_full(tmp_path, monkeypatch):
    from rejnistvo.store import backup

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "atomic_path", full)
    source = tmp_path / "a.sqlite3"
    sqlite3.connect(source).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(StoreError) as caught:
        backup.backup_to(source, tmp_path / "b.sqlite3")
    assert caught.value.kind == "disk_full"
    assert caught.value.message.endswith("ni mogoče zapisati: na disku ni prostora.")


def test_missing_rate_names_its_month_and_what_it_lacks():
    error = missing_rate(date(2025, 10, 17))
    assert error.message == (
        "za mesec oktober 2025 ni vnesenega zneska oskrbnine in plačila dela; izračun ni "
        "mogoč. Dodajte znesek v Nastavitve → Zneski rejnine."
    )
    assert error.field == "rates" and error.month == date(2025, 10, 1)
    assert error.lacks == "zneska oskrbnine in plačila dela"
    assert error.advice == WHERE_TO_ADD
    other = error.with_advice("Dodajte vrstico v polje »rates« zahteve.")
    assert other.message == (
        "za mesec oktober 2025 ni vnesenega zneska oskrbnine in plačila dela; izračun ni "
        "mogoč. Dodajte vrstico v polje »rates« zahteve."
    )
    assert (other.field, other.month, other.lacks) == (error.field, error.month, error.lacks)
    with pytest.raises(MissingRateError):
        RateTable([]).rate_on(date(2025, 1, 1))


def test_missing_birth_grant_names_its_day():
    with pytest.raises(MissingRateError) as caught:
        BirthGrantTable([]).grant_on(date(2025, 3, 4))
    error = caught.value
    assert error.day == date(2025, 3, 4) and error.month is None
    assert error.advice == WHERE_TO_ADD_GRANT and error.message.endswith(WHERE_TO_ADD_GRANT)
    assert error.message.startswith("za dan 4. 3. 2025 ni vnesenega zneska pomoči")


def test_missing_indexation_warnings_take_the_callers_advice():
    rates = RateTable([Rate(date(2024, 3, 1), Decimal("300"), Decimal("200"))])
    default = missing_indexations(rates, date(2025, 4, 1))
    own = missing_indexations(rates, date(2025, 4, 1), "Navedite zneske.")
    assert len(default) == len(own) == 1
    assert default[0].endswith(WHERE_TO_ADD) and own[0].endswith("EUR). Navedite zneske.")
    assert default[0].removesuffix(WHERE_TO_ADD) == own[0].removesuffix("Navedite zneske.")
