"""The program started with --portable from a folder the user cannot write to (a shared
network folder, a read-only stick): a Slovenian message saying what to do, not the
"unexpected error" box."""

from __future__ import annotations

from pathlib import Path

import pytest

from rejnistvo.locations import portable_locations, user_locations
from rejnistvo.store import StoreError
from rejnistvo.ui import app as app_module


@pytest.fixture
def read_only(monkeypatch, tmp_path):
    """mkdir refused below tmp_path, as for a user without write permission (the tests
    may run as root, for whom permissions do not apply)."""
    real = Path.mkdir

    def mkdir(self, *args, **kwargs):
        if self.is_relative_to(tmp_path):
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    return tmp_path


def test_portable_in_a_read_only_folder_says_what_to_do(read_only):
    with pytest.raises(StoreError) as raised:
        app_module.open_database(None, demo=False, locations=portable_locations(read_only))
    message = raised.value.message
    assert "Rejnistvo-podatki" in message and "ni dovoljenja za pisanje" in message
    assert "brez --portable" in message
    # QA58: the reason has its own parentheses; the window showed »… ustvariti (ni
    # dovoljenja za pisanje (nimate pravice … datoteko)). Za prenosni …«
    assert "))" not in message


def test_a_database_folder_that_cannot_be_made_names_it(read_only, monkeypatch):
    target = read_only / "mapa" / "baza.sqlite3"
    with pytest.raises(StoreError) as raised:
        app_module.open_database(str(target), demo=False, locations=user_locations())
    assert f"»{target.parent}«" in raised.value.message
    assert "--portable" not in raised.value.message


def test_the_reason_a_folder_cannot_be_made_is_slovenian(monkeypatch, tmp_path):
    """Any OS error, not only a refused permission, is worded from the program's table
    (the OS's own text is English)."""
    import errno

    real = Path.mkdir

    def mkdir(self, *args, **kwargs):
        if self.is_relative_to(tmp_path):
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    with pytest.raises(StoreError) as raised:
        app_module.open_database(str(tmp_path / "mapa" / "baza.sqlite3"), demo=False)
    assert "na disku ni prostora" in raised.value.message
    assert "No space" not in raised.value.message
