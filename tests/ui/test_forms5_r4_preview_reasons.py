"""Predlogi R-4 → Natisni: the preview's attachment »obrazložitev« ticks the reasons the
user ticked, with a reason typed in words, and names the workload chosen."""

from __future__ import annotations

import io

from _fixtures_b import b_ctx, b_db  # noqa: F401 (fixtures)
from pypdf import PdfReader
from PySide6.QtCore import Qt
from test_r4_flow import fill_proposal, make_view


def test_the_preview_prints_the_ticked_reasons_and_the_workload(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_proposal(qtbot, view, b_ctx)  # the first reason ticked, workload moderate
    qtbot.keyClicks(view.free_reason, "Otrok obiskuje razvojno ambulanto")
    view.subgroup_combo.setCurrentIndex(view.subgroup_combo.findData(3))
    assert view.save() is True
    ticked = view.reason_list.item(0).text()

    view.print_document()
    assert b_ctx.interaction.errors == []
    qtbot.addWidget(view.preview)
    pages = PdfReader(io.BytesIO(view.last_document)).pages
    attachment = " ".join(pages[-1].extract_text().split())
    assert "Razlogi iz 53. člena ZIRD:" in attachment
    assert " ".join(ticked.split()) in attachment
    assert "Otrok obiskuje razvojno ambulanto" in attachment
    assert "Obseg dela z otrokom: zmerno povečan" in attachment
    assert attachment.index("Razlogi") < attachment.index("Otrok potrebuje stalen nadzor.")
    assert view.reason_list.item(0).checkState() == Qt.CheckState.Checked
