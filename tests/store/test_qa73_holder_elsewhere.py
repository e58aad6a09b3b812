"""Two clerks share one file on a shared disk (QA73). The second to start the program
was told »Podatkovna zbirka je že odprta v drugem oknu programa Rejništvo (uporabnik
ana na računalniku csd-pc1). Uporabite že odprto okno ali ga zaprite …« — but that
window is on the colleague's computer. When the holder is another user or computer
the refusal now names them and asks them to close it; on one's own computer the words
stay as they were."""

from __future__ import annotations

import json
import os

import pytest

from rejnistvo.store import StoreError, open_db
from rejnistvo.store.lock import lock_path


def _held_as(path, user: str, host: str) -> None:
    """The lock file's note as the colleague's program writes it (byte 0 is the locked
    byte, the note after it: lock._write_info)."""
    note = json.dumps({"pid": 4242, "host": host, "user": user, "open": True}).encode()
    fd = os.open(lock_path(path), os.O_RDWR)
    try:
        os.lseek(fd, 1, os.SEEK_SET)
        os.write(fd, note)
        os.ftruncate(fd, 1 + len(note))
    finally:
        os.close(fd)


def test_a_file_open_on_a_colleagues_computer_names_them(tmp_path):
    path = tmp_path / "rejnistvo.sqlite3"
    db = open_db(path)
    try:
        _held_as(path, "ana", "csd-pc1")
        with pytest.raises(StoreError) as refused:
            open_db(path)
        said = refused.value.message
        assert said.startswith("Podatkovno zbirko ima odprto uporabnik ana na računalniku csd-pc1.")
        assert "prosite ga, naj program zapre" in said
        assert "Uporabite že odprto okno" not in said
    finally:
        db.close()


def test_a_file_open_in_ones_own_other_window_keeps_its_words(tmp_path):
    path = tmp_path / "rejnistvo.sqlite3"
    db = open_db(path)
    try:
        with pytest.raises(StoreError, match="že odprta v drugem oknu") as refused:
            open_db(path)
        assert "Uporabite že odprto okno" in refused.value.message
    finally:
        db.close()
