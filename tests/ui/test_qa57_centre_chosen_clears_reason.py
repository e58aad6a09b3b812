"""QA57: a new carer saved without a centre showed »Izberite center, ki vodi rejnika …«
under Center, enota; the clerk then typed »ljublj« and clicked the offered centre, and
the reason stayed under the chosen centre (also after leaving the field) until the next
Shrani — the form said the centre was missing while it showed it. Choosing a centre takes
the reason away; a typed part that is no choice still keeps its own."""

from __future__ import annotations

from test_centre_keeps_typed import CENTRES, _shown, _type_and_leave

from rejnistvo.ui.widgets.keyboard import _take_exact
from rejnistvo.ui.widgets.pickers import CentreUnitPicker

MISSING = "Izberite center, ki vodi rejnika (začnite tipkati del imena centra, npr. »gorenj«)."


def test_a_centre_taken_from_the_offer_clears_the_save_reason(qtbot):
    field = CentreUnitPicker()
    _shown(qtbot, field)
    field.set_centres(CENTRES)
    field.set_value(None)
    field.show_error(MISSING)  # as Shrani leaves it (carers_view.collect)
    assert field.error_text() == MISSING
    field.centre.lineEdit().setText("kranj")
    _take_exact(field.centre, "Center Kranj")  # the completer's click
    assert field.value() == (2, None)
    assert field.error_text() == ""


def test_a_typed_part_of_several_keeps_its_reason(qtbot):
    field = CentreUnitPicker()
    other = _shown(qtbot, field)
    field.set_centres(CENTRES)
    field.set_value(None)
    _type_and_leave(qtbot, field.centre, other, "k")
    assert "»k« je del več imen" in field.error_text()
