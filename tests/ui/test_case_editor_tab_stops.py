"""R-4, R-5 and Koordinator: Tab after the editor's last button stopped on its scroll area,
where no cursor shows (as on Rejniki/Otroci/Namestitve before QA21's fix)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea


@pytest.mark.parametrize("screen", ["r4_view", "r5_view", "coordinator_view"])
def test_the_editors_scroll_area_is_no_tab_stop(shown_window, screen):
    window = shown_window
    window.show_screen(screen)
    view = window.current_view()
    areas = [
        area
        for area in view.findChildren(QScrollArea)
        if area in (getattr(view, "editor_scroll", None), getattr(view, "step_scroll", None))
    ]
    assert areas
    for area in areas:
        assert not area.focusPolicy() & Qt.FocusPolicy.TabFocus
