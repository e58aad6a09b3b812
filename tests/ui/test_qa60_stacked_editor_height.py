"""QA60, 1024 × 700 with the keyboard alone: Rejniki, Otroci and Namestitve stack the list
above the editor and gave each half the height; Namestitve's editor showed its heading and
eight fields, the periods below the fold, while the list above showed one row of a search.
Stacked, the editor now takes two thirds of the height, as on R-4 and R-5."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt


@pytest.mark.parametrize("screen", ["carers_view", "children_view", "placements_view"])
def test_the_stacked_editor_has_two_thirds(qtbot, shown_window, screen):
    window = shown_window
    window.show_screen(screen)
    view = window.current_view()
    qtbot.wait(20)
    assert view.splitter.orientation() == Qt.Orientation.Vertical
    listed, editor = view.splitter.sizes()
    assert editor >= 1.8 * listed, (listed, editor)
    assert listed >= 150  # the search, a few rows and the list's buttons stay
