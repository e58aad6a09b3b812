"""Varnostna kopija: a failed copy is worded by the StoreError's kind, not its words."""

from __future__ import annotations

from rejnistvo.store import StoreError
from rejnistvo.ui.main_window import MainWindow


def _backup_failing_with(qtbot, ctx, interaction, monkeypatch, tmp_path, error):
    import rejnistvo.ui.database_menu as database_menu

    window = MainWindow(ctx, screens=())
    qtbot.addWidget(window)

    def fail(source, out):
        raise error

    monkeypatch.setattr(database_menu, "backup_to", fail)
    interaction.answers.append(str(tmp_path / "kopija.sqlite3"))
    window.act_backup.trigger()
    return interaction.errors[-1]


def test_kind_decides_the_words(qtbot, ctx, interaction, monkeypatch, tmp_path):
    shown = _backup_failing_with(
        qtbot, ctx, interaction, monkeypatch, tmp_path, StoreError("Disk poln.", "disk_full")
    )
    assert shown.startswith(f"Na disku z mapo »{tmp_path}« ni dovolj prostora za kopijo.")
    for kind in ("read_only", "cannot_open"):
        shown = _backup_failing_with(
            qtbot, ctx, interaction, monkeypatch, tmp_path, StoreError("Ne gre.", kind)
        )
        assert shown == f"V mapo »{tmp_path}« ne morete pisati. Izberite drugo mapo."


def test_a_message_without_a_kind_is_shown_as_it_is(qtbot, ctx, interaction, monkeypatch, tmp_path):
    # words that once decided ("prostora", "ni mogoče odpreti") no longer do
    text = "Napaka: prostora za kopijo ni mogoče odpreti, samo za branje."
    shown = _backup_failing_with(qtbot, ctx, interaction, monkeypatch, tmp_path, StoreError(text))
    assert shown == text
