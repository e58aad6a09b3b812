"""Izplačila → Izvozi (CSV, XLSX, PDF, SEPA) and `run --format … --out` onto a read-only
disk: the clean-up of the export's temporary file failed as well (Linux refuses the
unlink on a read-only file system before it looks the name up), and that failure hid
the real refusal — the window said »Napaka pri delu z datoteko ».izplačilo … .part««, a
name the clerk never chose. The refusal now names the file the user chose."""

from __future__ import annotations

import errno
from datetime import date
from pathlib import Path

import pytest

from rejnistvo.clock import FixedClock
from rejnistvo.rules.errors import InputError
from rejnistvo.services import payment_exports as exports
from rejnistvo.services.payment_run import payment_run
from rejnistvo.store import open_db, save_record


@pytest.fixture
def run(tmp_path, own_rates):
    """November 2026 of one placement."""
    with open_db(tmp_path / "zbirka.sqlite3") as db:
        own_rates(db)
        carer = save_record(
            db, "carers", {"name": "Ana Žagar", "centre_id": 1, "iban": "SI56191000000123438"}
        )
        child = save_record(db, "children", {"name": "Živa Čuk", "centre_id": 1})
        save_record(
            db,
            "placements",
            {"contract_no": "1220-A/2026", "carer_id": carer, "child_id": child,
             "child_centre_id": 1,
             "periods": [{"kind": "contract", "from_date": "2026-01-01", "to_date": None}]},
        )  # fmt: skip
        return payment_run(db, date(2026, 11, 1), FixedClock(date(2026, 11, 20)))


@pytest.fixture
def read_only_folder(tmp_path, monkeypatch):
    """A folder on a »read-only disk«: every write, open for writing or removal in it is
    refused with EROFS, whether the file is there or not."""
    folder = tmp_path / "ključek"
    folder.mkdir()

    def refusing(real):
        def method(self, *args, **kwargs):
            if self.parent == folder:
                raise OSError(errno.EROFS, "Read-only file system", str(self))
            return real(self, *args, **kwargs)

        return method

    for name in ("open", "write_bytes", "write_text", "unlink"):
        monkeypatch.setattr(Path, name, refusing(getattr(Path, name)))
    return folder


def _pdf(run, target):
    return exports.write_pdf(run, target, date(2026, 12, 2))


@pytest.mark.parametrize("write", [exports.write_csv, exports.write_xlsx, _pdf])
def test_an_export_onto_a_read_only_disk_names_the_chosen_file(run, read_only_folder, write):
    target = read_only_folder / "izplačilo rejnin 2026-11.csv"
    with pytest.raises(InputError) as refused:
        write(run, target)
    assert refused.value.field == "out"
    message = refused.value.message
    assert f"»{target}«" in message and "samo za branje" in message
    assert ".part" not in message and ".tmp" not in message


def test_a_failed_clean_up_never_hides_the_write_s_own_refusal(tmp_path, monkeypatch):
    """The shared atomic writer: the write's error is raised, not the clean-up's."""
    from rejnistvo.atomic_write import atomic_os_path

    def cannot_remove(self, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "unlink", cannot_remove)
    with pytest.raises(OSError) as raised, atomic_os_path(tmp_path / "izvoz.csv"):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "izvoz.csv"))
    assert raised.value.errno == errno.ENOSPC
