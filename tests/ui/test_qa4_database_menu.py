"""QA4 (round 9): Datoteka → Varnostna kopija. A refused place for the copy (a missing
folder, the open file) asked again with what the user had typed (the dialog was gone and
the path had to be typed anew); a copy named after the open file but not one of its
companions (``rejnistvo.sqlite3.kopija``) is no longer refused as »čez odprto bazo«."""

from __future__ import annotations

import sqlite3

from rejnistvo.ui.main_window import MainWindow


def make_window(qtbot, ctx):
    window = MainWindow(ctx, screens=())
    qtbot.addWidget(window)
    return window


def test_a_refused_place_is_asked_again_with_the_typed_path(qtbot, ctx, interaction, tmp_path):
    window = make_window(qtbot, ctx)
    typed = str(tmp_path / "ni" / "kopija.sqlite3")
    good = tmp_path / "kopija.sqlite3"
    interaction.answers.extend([typed, str(good)])
    window.act_backup.trigger()
    assert "ne obstaja" in interaction.errors[-1]
    asked = [a for a in interaction.asked if a[0] == "save_path"]
    assert len(asked) == 2 and asked[1][2] == typed
    assert good.exists()
    assert sqlite3.connect(good).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_copy_named_after_the_open_file_is_not_the_open_file(qtbot, ctx, interaction):
    window = make_window(qtbot, ctx)
    copy = ctx.db_path.with_name(ctx.db_path.name + ".kopija")
    interaction.answers.append(str(copy))
    window.act_backup.trigger()
    assert interaction.errors == []
    assert copy.exists()
    for companion in ("", "-wal", "-shm", ".lock"):
        interaction.answers.append(str(ctx.db_path) + companion)
        window.act_backup.trigger()
        assert "čez odprto bazo" in interaction.errors[-1]


def test_backup_offered_at_home_when_there_is_no_documents_folder(
    qtbot, ctx, interaction, tmp_path, monkeypatch
):
    """No Documents folder (a fresh Linux account): the dialog opened in the program's
    working folder; now in the home folder."""
    import rejnistvo.ui.interaction as interaction_module

    monkeypatch.setattr(interaction_module, "documents_folder", lambda: tmp_path / "Dokumenti")
    window = make_window(qtbot, ctx)
    ctx.settings.remove("backup/folder")
    from pathlib import Path

    suggested = Path(window.database_menu().suggested_backup_path())
    assert suggested.parent.is_dir() and suggested.parent == Path.home()


def test_documents_folder_is_the_home_folder_when_documents_is_missing(monkeypatch, tmp_path):
    """Shrani kot PDF and every export opened in the program's working folder on an
    account without a Documents folder (QStandardPaths names it even when it is absent)."""
    from pathlib import Path

    from PySide6.QtCore import QStandardPaths

    from rejnistvo.ui.interaction import documents_folder

    monkeypatch.setattr(
        QStandardPaths, "writableLocation", staticmethod(lambda _kind: str(tmp_path / "nima"))
    )
    assert documents_folder() == Path.home()
