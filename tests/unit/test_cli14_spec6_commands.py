"""SPEC 6, command by command beside calc/refund/print (CLI14): every refusal is one line
on standard error that starts with the option at fault, exit status 2, nothing written —
also when the operating system refuses a name or a disk, when a bank file cannot be made
for a month being closed, and when a package command refuses the case or the subgroup."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from _one_placement import add_one_placement

from rejnistvo.cli import main
from rejnistvo.clock import SystemClock
from rejnistvo.store import open_db

#: longer than any file name a file system takes (NAME_MAX is 255 bytes)
TOO_LONG = "a" * 300


def one_line(capsys) -> str:
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1, (out, err)
    return err


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli14") / "demo.sqlite3"
    assert main(["demo", "--db", str(path), "--scale", "2"]) == 0
    return path


@pytest.fixture
def no_centre_iban(tmp_path, own_rates):
    path = tmp_path / "sepa.sqlite3"
    with open_db(path) as db:
        own_rates(db)
        add_one_placement(db)
        db.table("settings").upsert({"key": "centre_name", "value": "CSD Test"}, pk="key")
    return path


@pytest.mark.parametrize(
    "tail",
    [
        ["rates"],
        ["cases"],
        ["check"],
        ["demo"],
        ["run", "--month", "2026-12"],
        ["register", "--subgroup", "3", "--year", "2026", "--format", "csv", "--out", "r.csv"],
    ],
)
def test_a_database_name_the_system_refuses_names_db(tmp_path, capsys, monkeypatch, tail):
    # »Napaka pri delu z datoteko (»aaaa…«): ime je predolgo.« named no option, and
    # repeated the whole name however long
    monkeypatch.chdir(tmp_path)
    assert main([*tail, "--db", str(tmp_path / (TOO_LONG + ".db"))]) == 2
    err = one_line(capsys)
    assert err.startswith("--db: ") and "ime je predolgo" in err
    assert len(err) < 200


@pytest.mark.parametrize(
    ("tail", "suffix"),
    [
        (["run", "--month", "2026-12"], ".json"),
        (["run", "--month", "2026-12", "--format", "csv"], ".csv"),
        (["register", "--subgroup", "3", "--year", "2026", "--format", "csv"], ".csv"),
        (["backup"], ".sqlite3"),
        (["print", "r4", "--case", "1"], ".pdf"),
    ],
)
def test_an_output_name_the_system_refuses_names_out(demo_db, tmp_path, capsys, tail, suffix):
    out = tmp_path / (TOO_LONG + suffix)
    assert main([*tail, "--db", str(demo_db), "--out", str(out)]) == 2
    err = one_line(capsys)
    assert err.startswith("--out: ") and "ime je predolgo" in err
    assert len(err) < 200


def test_a_run_on_a_read_only_disk_names_out_not_its_temporary_file(
    no_centre_iban, tmp_path, capsys, monkeypatch
):
    # on a read-only disk the export's clean-up of its temporary file fails too (Linux
    # refuses the unlink before it looks the name up): the line named ».x.json.4242.part«
    # and no option
    def read_only(path, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(Path, "write_text", read_only)
    monkeypatch.setattr(Path, "unlink", read_only)
    out = tmp_path / "izplačilo.json"
    assert main(["run", "--db", str(no_centre_iban), "--month", "2026-09", "--out", str(out)]) == 2
    err = one_line(capsys)
    assert err.startswith("--out: ") and "samo za branje" in err
    assert ".part" not in err and str(out) in err


def test_a_backup_on_a_read_only_disk_names_out(demo_db, tmp_path, capsys, monkeypatch):
    from rejnistvo.atomic_write import WriteError

    def read_only(source, out, **kwargs):
        raise WriteError(f"Datoteke »{out}« ni mogoče zapisati: disk je samo za branje.")

    monkeypatch.setattr("rejnistvo.store.backup.backup_to", read_only)
    out = tmp_path / "kopija.sqlite3"
    assert main(["backup", "--db", str(demo_db), "--out", str(out)]) == 2
    assert one_line(capsys).startswith(f"--out: Datoteke »{out}« ni mogoče zapisati")


def test_backup_keys_naming_a_file_says_it_is_not_a_folder(demo_db, tmp_path, capsys):
    # »--keys: mapa »geslo.txt« ne obstaja«, of a file that is there
    a_file = tmp_path / "geslo.txt"
    a_file.write_text("x", encoding="utf-8")
    out = tmp_path / "kopija.sqlite3"
    argv = ["backup", "--db", str(demo_db), "--out", str(out), "--keys", str(a_file)]
    assert main(argv) == 2
    assert (
        one_line(capsys) == f"--keys: »{a_file}« je datoteka, ne mapa. Izberite obstoječo mapo.\n"
    )
    assert not out.exists()


def test_close_with_a_bank_file_that_cannot_be_made_leaves_the_month_open(
    no_centre_iban, tmp_path, capsys
):
    # the month was closed (written to the ledger), then the bank file refused: exit 2
    # »centre_iban: …« with the month closed after all
    db, out = str(no_centre_iban), tmp_path / "izplačilo.xml"
    argv = ["run", "--db", db, "--month", "2026-09", "--close", "--format", "sepa"]
    assert main([*argv, "--out", str(out)]) == 2
    err = one_line(capsys)
    assert err.startswith("--format: ") and "IBAN centra" in err
    assert not out.exists()
    assert main(["run", "--db", db, "--month", "2026-09"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "open"


def test_a_bank_file_without_the_centres_data_names_the_format(no_centre_iban, tmp_path, capsys):
    out = tmp_path / "izplačilo.xml"
    argv = ["run", "--db", str(no_centre_iban), "--month", "2026-09", "--format", "sepa"]
    assert main([*argv, "--out", str(out)]) == 2
    assert one_line(capsys).startswith("--format: v Nastavitvah vpišite IBAN centra")


def test_export_of_an_undecided_case_as_resolution_names_kind(demo_db, tmp_path, capsys):
    # »Primer še ni odločen; …« named no option
    passphrase = tmp_path / "geslo.txt"
    passphrase.write_text("dolgo-geslo-123\n", encoding="utf-8")
    out = tmp_path / "sklep.rejpaket"
    argv = ["export-case", "--db", str(demo_db), "--case", "1", "--kind", "resolution"]
    assert main([*argv, "--out", str(out), "--passphrase-file", str(passphrase)]) == 2
    assert one_line(capsys).startswith("--kind: Primer še ni odločen")
    assert not out.exists()


def test_import_into_a_file_without_a_subgroup_names_subgroup(tmp_path, capsys):
    # »Ta evidenca ne ve, katero podskupino vodi …« named no option
    db = tmp_path / "koordinator.sqlite3"
    open_db(db).close()
    passphrase = tmp_path / "geslo.txt"
    passphrase.write_text("dolgo-geslo-123\n", encoding="utf-8")
    argv = ["import-case", "--db", str(db), "--package", str(tmp_path / "p.rejpaket")]
    assert main([*argv, "--passphrase-file", str(passphrase), "--kind", "proposal"]) == 2
    assert one_line(capsys).startswith("--subgroup: Ta evidenca ne ve, katero podskupino vodi")


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["run", "--db", "x"], "--month: obvezna možnost manjka.\n"),
        (["backup", "--db", "x"], "--out: obvezna možnost manjka.\n"),
        (
            ["register", "--db", "x", "--subgroup", "3", "--year", "2026", "--format", "csv"],
            "--out: obvezna možnost manjka.\n",
        ),
        (  # options, not »argumenti« (EMŠO of `emso` is one)
            ["export-case", "--db", "x"],
            "Napaka v ukazni vrstici: manjkajo obvezne možnosti: --case, --out, "
            "--passphrase-file\n",
        ),
    ],
)
def test_one_missing_option_is_said_as_rates_says_it(capsys, argv, line):
    # »Napaka v ukazni vrstici: manjkajo obvezni argumenti: --month«, while `rates` says
    # »--from: obvezna možnost manjka.«: a script could not find the option at the start
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    assert one_line(capsys) == line


def test_demo_into_dash_is_refused_not_a_file_named_dash(tmp_path, capsys, monkeypatch):
    # »-« is standard input or output to a command-line tool: demo made a database »-«
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--db", "-"]) == 2
    assert one_line(capsys).startswith("--db: ")
    assert not (tmp_path / "-").exists()


def test_a_text_stream_is_bounded_by_the_same_read_as_bytes():
    # standard input replaced by a text stream had its own copy of the size check
    import io

    from rejnistvo.bounded_read import TooLarge, read_bounded

    assert read_bounded(io.StringIO("abc"), 10) == b"abc"
    with pytest.raises(TooLarge):  # six characters, twelve bytes in UTF-8
        read_bounded(io.StringIO("č" * 6), 10)


def test_a_too_large_text_stream_on_standard_input_is_one_line(capsys, monkeypatch):
    import io

    monkeypatch.setattr("rejnistvo.cli.io.MAX_INPUT_BYTES", 1024 * 1024)
    monkeypatch.setattr("sys.stdin", io.StringIO(" " * (1024 * 1024 + 1)))
    assert main(["calc"]) == 2
    assert one_line(capsys) == "Vhod je prevelik (več kot 1 MiB).\n"


def test_demo_into_an_empty_file_says_what_to_type_not_to_confirm_in_the_window(tmp_path, capsys):
    # »… to potrdite v programu«: the command line has nothing to confirm with
    empty = tmp_path / "prazna.sqlite3"
    empty.touch()
    assert main(["demo", "--db", str(empty)]) == 2
    err = one_line(capsys)
    assert err.startswith(f"--db: datoteka »{empty}« je prazna (0 bajtov)")
    assert "potrdite" not in err and "ime nove datoteke" in err
    assert empty.stat().st_size == 0


def test_import_preview_is_read_beside_an_open_window_the_import_is_refused(tmp_path, capsys):
    # a preview only reads, as `cases` and `run` do, but was refused while the window had
    # the file open (»--db: Podatkovna zbirka je že odprta v drugem oknu …«)
    centre, coordinator = tmp_path / "center.sqlite3", tmp_path / "koord.sqlite3"
    for path in (centre, coordinator):  # the full demo: its case 2 goes to subgroup 3
        assert main(["demo", "--db", str(path)]) == 0
    passphrase = tmp_path / "geslo.txt"
    passphrase.write_text("dolgo-geslo-123\n", encoding="utf-8")
    package = tmp_path / "predlog.rejpaket"
    secret = ["--passphrase-file", str(passphrase)]
    assert (
        main(["export-case", "--db", str(centre), "--case", "2", "--out", str(package), *secret])
        == 0
    )
    capsys.readouterr()
    argv = ["import-case", "--db", str(coordinator), "--package", str(package), *secret,
            "--kind", "proposal", "--subgroup", "3"]  # fmt: skip
    with open_db(coordinator):
        assert main([*argv, "--preview"]) == 0
        assert json.loads(capsys.readouterr().out)["action"] == "create"
        assert main(argv) == 2
        assert one_line(capsys).startswith("--db: ")


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="a FIFO needs POSIX")
@pytest.mark.parametrize(
    "tail",
    [
        ["rates"],
        ["cases"],
        ["check"],
        ["demo"],
        ["run", "--month", "2026-12"],
        ["backup", "--out", "kopija.sqlite3"],
        ["register", "--subgroup", "3", "--year", "2026", "--format", "csv", "--out", "r.csv"],
    ],
)
@pytest.mark.parametrize("special", ["fifo", "/dev/null"])
def test_a_device_or_pipe_as_database_is_refused_as_not_a_file(
    tmp_path, capsys, monkeypatch, tail, special
):
    # »Datoteka »/dev/zero« je prazna (0 bajtov). Če želite … potrdite v programu«, and
    # backup read a FIFO's first bytes until someone wrote to it: it never ended
    import os

    monkeypatch.chdir(tmp_path)
    if special == "fifo":
        os.mkfifo(special)
    assert main([*tail, "--db", special]) == 2
    assert one_line(capsys) == (
        f"--db: »{special}« ni navadna datoteka (naprava, cev ali vtičnica), zato ni "
        "podatkovna zbirka. Navedite datoteko zbirke.\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == (["fifo"] if special == "fifo" else [])


class FullDisk:
    """A raw stream on a full disk (``… > odgovor.json`` on a full USB stick)."""

    def __init__(self) -> None:
        self.full = True

    def __call__(self):
        import io

        disk = self

        class Raw(io.RawIOBase):
            def writable(self) -> bool:
                return True

            def write(self, data) -> int:
                if disk.full:
                    raise OSError(errno.ENOSPC, "No space left on device")
                return len(data)

        return io.TextIOWrapper(io.BufferedWriter(Raw()), encoding="utf-8")


@pytest.mark.parametrize("scale", ["2", "40"])  # an answer smaller and larger than a buffer
def test_an_answer_that_cannot_be_written_is_said_in_slovenian(
    demo_db, tmp_path, capsys, monkeypatch, scale
):
    # a small answer failed only when Python flushed it at its end: »Exception ignored in:
    # <_io.TextIOWrapper name='<stdout>' …> OSError: [Errno 28] No space left on device«,
    # status 120; a large one said »Napaka pri delu z datoteko: …«, naming no file
    db = tmp_path / "d.sqlite3"
    assert main(["demo", "--db", str(db), "--scale", scale]) == 0
    capsys.readouterr()
    # the demo closes the months before the clock's: its own month is the one to run
    this_month = f"{SystemClock().today():%Y-%m}"
    disk = FullDisk()
    stdout = disk()
    monkeypatch.setattr("sys.stdout", stdout)
    try:
        assert main(["run", "--db", str(db), "--month", this_month]) == 2
    finally:
        disk.full = False
        stdout.flush()
    assert capsys.readouterr().err == (
        "Standardnega izhoda ni mogoče pisati: na disku ni prostora. Odgovor ni izpisan ali ni "
        "cel; preusmerite ga v datoteko na disku s prostorom.\n"
    )


def test_a_database_sqlite_cannot_open_for_the_copy_names_db_not_out(
    demo_db, tmp_path, capsys, monkeypatch
):
    # a live database on a read-only medium (no »-shm« can be made beside it): SQLite's
    # »unable to open« came from reading it, but the line blamed the copy's folder
    # (»--out: v mapo ».« ni mogoče pisati«), a folder the user could write
    from rejnistvo.store import StoreError

    def cannot_open(*args, **kwargs):
        raise StoreError("SQLite: unable to open database file", "cannot_open")

    def unreadable(path, **kwargs):
        raise StoreError(f"Podatkovne zbirke »{path}« ni mogoče odpreti.", "cannot_open")

    monkeypatch.setattr("rejnistvo.store.backup.backup_to", cannot_open)
    monkeypatch.setattr("rejnistvo.store.open_db", unreadable)
    out = tmp_path / "kopija.sqlite3"
    assert main(["backup", "--db", str(demo_db), "--out", str(out)]) == 2
    assert one_line(capsys) == f"--db: Podatkovne zbirke »{demo_db}« ni mogoče odpreti.\n"


def test_a_long_input_or_passphrase_file_name_is_shortened_in_the_line(
    demo_db, tmp_path, capsys, monkeypatch
):
    # the whole name was repeated in the one line, 3,000 characters of it
    monkeypatch.chdir(tmp_path)
    long_name = "a" * 3000
    assert main(["calc", "--input", long_name]) == 2
    err = one_line(capsys)
    assert err.startswith("--input: datoteke »aaa") and "…" in err and len(err) < 200
    out = str(tmp_path / "p.rejpaket")
    argv = ["export-case", "--db", str(demo_db), "--case", "1", "--out", out]
    assert main([*argv, "--passphrase-file", long_name]) == 2
    err = one_line(capsys)
    assert err.startswith("--passphrase-file: datoteke z geslom »aaa") and len(err) < 300


def test_close_to_a_file_that_cannot_be_replaced_leaves_the_month_open(
    no_centre_iban, tmp_path, capsys, monkeypatch
):
    # the run checked in Excel and closed to the same name while Excel still has it open:
    # the month was closed, then »--out: datoteke … ni mogoče zapisati: ni dovoljenja«
    out = tmp_path / "izplačilo.xlsx"
    out.write_bytes(b"odprto v Excelu")
    opened = Path.open

    def locked(path, mode="r", *args, **kwargs):
        if Path(path) == out and any(m in mode for m in "wa+"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return opened(path, mode, *args, **kwargs)

    replace = Path.replace

    def over_locked(path, target):
        if Path(target) == out:
            raise PermissionError(errno.EACCES, "Permission denied", str(path), None, str(target))
        return replace(path, target)

    monkeypatch.setattr(Path, "open", locked)
    monkeypatch.setattr(Path, "replace", over_locked)
    db = str(no_centre_iban)
    argv = ["run", "--db", db, "--month", "2026-09", "--close", "--format", "xlsx"]
    assert main([*argv, "--out", str(out)]) == 2
    assert one_line(capsys).startswith(f"--out: datoteke »{out}« ni mogoče nadomestiti: ")
    assert out.read_bytes() == b"odprto v Excelu"
    assert main(["run", "--db", db, "--month", "2026-09"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "open"
