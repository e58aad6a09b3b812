"""Two clerks share one file on a shared disk; each computer signs its change-log rows
with its own key (QA73). On the other computer the window said at every start, and
``check`` said, only »vrstic od 27 naprej, podpisanih s ključem 50664a8c0ac3cb30, ni
mogoče preveriti … (kopirajte ga v mapo …)« — not whose rows they are nor how to get
the key. Now it names who wrote the first of them and the command that saves keys."""

from __future__ import annotations

from rejnistvo.store import check_db, open_db, save_record, set_setting


def test_rows_of_the_other_computer_name_their_writer_and_the_way_to_the_key(tmp_path, monkeypatch):
    path = tmp_path / "skupni disk" / "rejnistvo.sqlite3"
    path.parent.mkdir()
    monkeypatch.setenv("REJNISTVO_CONFIG_DIR", str(tmp_path / "racunalnik-ane"))
    with open_db(path) as db:
        set_setting(db, "user_name", "Ana Kovač")
        save_record(db, "children", {"name": "Otrok Ane"})

    monkeypatch.setenv("REJNISTVO_CONFIG_DIR", str(tmp_path / "racunalnik-bora"))
    with open_db(path) as db:  # the window's start on Bor's computer
        said = " ".join(db.warnings)
    problems = check_db(path)

    for text in (said, " ".join(problems)):
        assert "ni mogoče preveriti, ker tega ključa ni na tem računalniku" in text
        assert "prvo je vpisal Ana Kovač, uporabniški račun" in text
        assert "--keys MAPA" in text
        assert str(tmp_path / "racunalnik-bora") in text
