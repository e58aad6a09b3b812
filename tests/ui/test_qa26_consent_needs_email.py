"""QA26: »Soglaša z elektronskim vročanjem« ticked without an e-mail address was stored,
and the carer's R-1 then printed the signed statement of consent with an empty address
line. Now refused beside E-pošta, saying what to do; the tick and what was typed stay."""

from __future__ import annotations

from rejnistvo.services.people import get_carer
from rejnistvo.ui.views.carers_view import CarersView


def _view(qtbot, ctx) -> CarersView:
    view = CarersView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    assert view.current_id() is not None
    return view


def test_consent_without_an_address_is_refused_at_the_email_field(qtbot, ctx):
    view = _view(qtbot, ctx)
    view.email_edit.edit.clear()
    view.electronic_box.setChecked(True)
    assert view.save() is False
    assert "vpišite elektronski naslov" in view.email_edit.error_text()
    assert view.electronic_box.isChecked() and view.has_unsaved_changes()
    assert get_carer(ctx.db, view.current_id()).electronic_delivery is False


def test_consent_with_an_address_is_kept(qtbot, ctx):
    view = _view(qtbot, ctx)
    view.email_edit.edit.setFocus()
    view.email_edit.edit.selectAll()
    qtbot.keyClicks(view.email_edit.edit, "rejnica@primer.si")
    view.electronic_box.setChecked(True)
    assert view.save() is True
    carer = get_carer(ctx.db, view.current_id())
    assert carer.electronic_delivery and carer.email == "rejnica@primer.si"


def test_an_address_with_a_space_is_refused_as_typed(qtbot, ctx):
    view = _view(qtbot, ctx)
    view.email_edit.edit.setFocus()
    view.email_edit.edit.selectAll()
    qtbot.keyClicks(view.email_edit.edit, "ana novak@primer.si")
    assert view.save() is False
    assert "ni elektronski naslov" in view.email_edit.error_text()
    assert view.email_edit.edit.text() == "ana novak@primer.si"
