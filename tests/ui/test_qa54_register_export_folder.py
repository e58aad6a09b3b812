"""Koordinator → Evidenca → CSV/XLSX/PDF and Paketi → Izvozi … (QA54): the save dialog
opened in the folder the program was started from (the program's own folder or the
shortcut's), not in Documents as every other export, and did not remember the folder
chosen. Both now suggest Documents (else the home folder), then the last folder used."""

from __future__ import annotations

from pathlib import Path

from test_ui_coordinator_received import _register_ready, make_view

from rejnistvo.ui.interaction import documents_folder


def _suggested(interaction) -> Path:
    kind, _title, suggested = interaction.asked[-1]
    assert kind == "save_path"
    return Path(suggested)


def test_register_export_suggests_documents_then_the_last_folder(qtbot, ctx, interaction, tmp_path):
    view = make_view(qtbot, ctx)
    assert _register_ready(view)
    interaction.answers.append(None)  # cancelled: nothing written
    assert not view.export_register("pdf")
    first = _suggested(interaction)
    assert first.parent == documents_folder() and first.name.startswith("evidenca-podskupina-")
    out = tmp_path / "izvozi" / "evidenca.csv"
    out.parent.mkdir()
    interaction.answers.append(str(out))
    assert view.export_register("csv") and out.exists()
    interaction.answers.append(None)
    assert not view.export_register("xlsx")
    assert _suggested(interaction).parent == out.parent


def test_package_export_suggests_documents(qtbot, ctx, interaction):
    view = make_view(qtbot, ctx)
    view.tabs.setCurrentIndex(2)  # Paketi: the cases are read when the tab is shown
    assert view.all_cases_proxy.rowCount()
    view.all_cases_table.setCurrentIndex(view.all_cases_proxy.index(0, 0))
    interaction.answers.append(None)  # cancelled at the file
    assert not view.export_package("proposal")
    assert _suggested(interaction).parent == documents_folder()
