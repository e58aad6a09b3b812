"""demo, cases, check and backup as SPEC 6 says."""

from __future__ import annotations

import json
import sqlite3

from rejnistvo.cli import main

R4 = {"prepared", "sent", "accepted", "commission_named", "decided", "returned"}
R5 = {"awaiting_report", "overdue", "reported", "found", "refund_ordered", "refunded"}


def test_demo_cases_check_backup(tmp_path, capsys):
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(path)]) == 0
    capsys.readouterr()

    assert main(["cases", "--db", str(path)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert all(set(row) == {"id", "kind", "child", "carer", "status"} for row in rows)
    assert {r["status"] for r in rows if r["kind"] == "r4"} == R4
    assert {r["status"] for r in rows if r["kind"] == "r5"} == R5
    assert any(c in r["child"] + r["carer"] for r in rows for c in "čšžČŠŽ")

    assert main(["check", "--db", str(path)]) == 0
    assert "v redu" in capsys.readouterr().out

    out = tmp_path / "kopija.sqlite3"
    assert main(["backup", "--db", str(path), "--out", str(out)]) == 0
    copy = sqlite3.connect(out)
    assert copy.execute("SELECT count(*) FROM placements").fetchone()[0] == 40
    copy.close()


def test_demo_refuses_a_file_with_records(tmp_path, capsys):
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(path)]) == 0
    capsys.readouterr()
    assert main(["demo", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert "novo, prazno" in err and err.count("\n") == 1


def test_demo_scale_makes_that_many_placements(tmp_path, capsys):
    path = tmp_path / "big.sqlite3"
    assert main(["demo", "--db", str(path), "--scale", "500"]) == 0
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM placements").fetchone()[0] == 500
    db.close()


def test_check_reports_problems_with_exit_1(tmp_path, capsys):
    path = tmp_path / "demo.sqlite3"
    main(["demo", "--db", str(path)])
    raw = sqlite3.connect(path)
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute("UPDATE audit_log SET after = '{}' WHERE id = 2")
    raw.commit()
    raw.close()
    capsys.readouterr()
    assert main(["check", "--db", str(path)]) == 1
    out = capsys.readouterr().out
    assert "audit_log_no_update" in out and "vrstica 2" in out


def test_bad_file_is_exit_2_with_one_line(tmp_path, capsys):
    bad = tmp_path / "x.sqlite3"
    bad.write_text("ni zbirka", encoding="utf-8")
    assert main(["cases", "--db", str(bad)]) == 2
    assert main(["backup", "--db", str(bad), "--out", str(tmp_path / "o.sqlite3")]) == 2
    assert main(["check", "--db", str(bad)]) == 2  # no database: not checked, not damaged
    captured = capsys.readouterr()
    assert "ni podatkovna zbirka" in captured.err


def test_check_cuts_sqlites_integrity_report_to_its_first_lines(tmp_path, capsys, monkeypatch):
    # one bad page is a hundred English lines of SQLite's report; the window showed three
    import rejnistvo.store

    report = "Celovitost: *** in database main ***\n" + "\n".join(
        f"Page {n}: btreeInitPage() returns error code 11" for n in range(100)
    )
    monkeypatch.setattr(rejnistvo.store, "check_db", lambda _path, _notes=None: [report])
    damaged = tmp_path / "x.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00")
    assert main(["check", "--db", str(damaged)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "Page 1:" in lines[1] and "Page 2:" not in lines[1]
    assert lines[1].endswith("(in še 98 vrstic poročila)")


def test_check_of_no_file_is_bad_input_not_a_damaged_database(tmp_path, capsys):
    for path, why in ((tmp_path / "ni.sqlite3", "ne obstaja"), (tmp_path, "je mapa")):
        assert main(["check", "--db", str(path)]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.startswith("--db: ") and why in err and err.count("\n") == 1
    empty = tmp_path / "prazna.sqlite3"
    empty.write_bytes(b"")
    assert main(["check", "--db", str(empty)]) == 1
    assert "prazna" in capsys.readouterr().out
