"""A file dialog that lists the open database's folder never opens the database: Qt named
a file's type (and found its icon) from its content, opening and closing »center.db« and
its »-shm«; the close dropped SQLite's locks, the next reader of the file (`rates`,
`check`) took itself for the last one and deleted the -wal, and every change the window
saved after that went into the deleted file and was lost at exit (QA19)."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import QFileInfo

from rejnistvo.store import open_db
from rejnistvo.ui.file_dialogs import file_dialog

_READER = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
    "c.execute('SELECT count(*) FROM sqlite_master').fetchall(); c.close()"
)


def test_listing_the_database_folder_leaves_the_window_its_wal(qtbot, tmp_path):
    path = tmp_path / "center.db"  # no name the MIME database knows: read for its type
    db = open_db(path)
    try:
        dialog = file_dialog(None, "Odpri drugo zbirko", str(tmp_path), "Vse datoteke (*)")
        qtbot.addWidget(dialog)
        icons = dialog.iconProvider()
        assert icons is not None
        for name in ("center.db", "center.db-shm", "center.db-wal"):
            info = QFileInfo(str(tmp_path / name))
            icons.type(info)
            icons.icon(info)

        subprocess.run([sys.executable, "-c", _READER, str(path)], check=True)

        assert (tmp_path / "center.db-wal").exists()
    finally:
        db.close()


def test_the_list_still_names_folders_and_files(qtbot, tmp_path):
    dialog = file_dialog(None, "Varnostna kopija", str(tmp_path), "Vse datoteke (*)")
    qtbot.addWidget(dialog)
    icons = dialog.iconProvider()
    assert icons is not None
    (tmp_path / "a.sqlite3").write_bytes(b"")
    assert icons.type(QFileInfo(str(tmp_path / "a.sqlite3"))) == "datoteka sqlite3"
    assert icons.type(QFileInfo(str(tmp_path))) != icons.type(
        QFileInfo(str(tmp_path / "a.sqlite3"))
    )


def test_folders_and_files_keep_their_icons(qtbot, tmp_path):
    dialog = file_dialog(None, "Odpri drugo zbirko", str(tmp_path), "Vse datoteke (*)")
    qtbot.addWidget(dialog)
    icons = dialog.iconProvider()
    assert icons is not None
    (tmp_path / "b.db").write_bytes(b"")
    assert not icons.icon(QFileInfo(str(tmp_path))).isNull()
    assert not icons.icon(QFileInfo(str(tmp_path / "b.db"))).isNull()
