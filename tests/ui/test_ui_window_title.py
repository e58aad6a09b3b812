"""The window's title names the open file first and the program last, so that Qt, which
appends the program's name to a title not ending with it (Linux, Windows), does not say
»Rejništvo« twice."""

from __future__ import annotations

from rejnistvo.ui.main_window import MainWindow


def test_the_title_is_the_file_then_the_program(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.retranslate()
    assert window.windowTitle() == f"{ctx.db_path.name} – Rejništvo"
    assert window.windowTitle().endswith("Rejništvo")  # Qt appends nothing
