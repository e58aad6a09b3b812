"""QA14: a carer saved after the missing centre was chosen keeps no stale red reason."""

from rejnistvo.ui.views.carers_view import CarersView

VALID_EMSO = "0101006500006"


def test_centre_reason_goes_once_the_centre_is_chosen_and_saved(qtbot, ctx):
    view = CarersView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.new_record()
    qtbot.keyClicks(view.name_edit.edit, "Spela Znidarsic")
    qtbot.keyClicks(view.emso_edit.edit, VALID_EMSO)
    qtbot.keyClicks(view.address_edit.edit, "Cesta 1, Kranj")
    assert view.save() is False
    assert "center" in view.centre_edit.error_text().lower()
    # Chosen without a click (typed, then Tab): no »activated« clears the reason.
    view.centre_edit.centre.setCurrentIndex(1)
    with qtbot.waitSignal(ctx.bus.records_changed):
        assert view.save() is True
    assert view.centre_edit.error_text() == ""


def test_centre_reason_names_what_the_search_finds(qtbot, ctx):
    """The centres are named by region (»Gorenjska«, seat Kranj): typing the place, as
    the reason used to say, found nothing for most of them."""
    view = CarersView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.new_record()
    qtbot.keyClicks(view.name_edit.edit, "Spela Znidarsic")
    assert view.save() is False
    reason = view.centre_edit.error_text()
    assert "ime kraja" not in reason
    assert "imena centra" in reason
