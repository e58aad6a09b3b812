"""The PDF preview fits the screen (found when the installed program was tried on a
1280×800 display: the dialog was 960 px tall, its buttons off screen)."""

from __future__ import annotations

from rejnistvo.ui.documents import DocumentPreview


def test_preview_is_never_taller_or_wider_than_the_screen(qtbot, ctx):
    dialog = DocumentPreview(ctx, b"%PDF-1.4\n%%EOF\n", "Obrazec R-4", "R-4.pdf")
    qtbot.addWidget(dialog)
    area = dialog.screen().availableGeometry()
    assert area.height() < 960, "the test needs a screen lower than the preview's wish"
    assert dialog.height() <= area.height() - 60 and dialog.width() <= area.width()
