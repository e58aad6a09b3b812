"""QA26: a centre's clerk entering a licence applicant as a carer could not print the
applicant's OBRAZEC R-1 from the window (SPEC 4): only `print r1 --input` with a JSON
typed by hand. Rejniki now has »Natisni vlogo za dovoljenje (R-1) …«: the form filled
from the carer's record (name, EMŠO, address; the e-mail address and the statement only
with the carer's consent to electronic delivery), place and date left for the applicant;
what is typed is saved first."""

from __future__ import annotations

import io

from pypdf import PdfReader

from rejnistvo.services.people import carer_r1_data, get_carer, save_carer
from rejnistvo.ui.views.carers_view import CarersView


def _view(qtbot, ctx) -> CarersView:
    view = CarersView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    assert view.current_id() is not None
    return view


def test_r1_data_of_a_carer_with_consent(ctx):
    from dataclasses import replace

    from rejnistvo.forms.data import parse_r1

    carer_id = ctx.db.execute("select min(id) from carers").fetchone()[0]
    carer = get_carer(ctx.db, carer_id)
    save_carer(
        ctx.db,
        replace(
            carer,
            address="Čopova ulica 12, 4000 Kranj",
            email="spela.sustar@primer.si",
            electronic_delivery=True,
        ),
    )
    data = carer_r1_data(ctx.db, carer_id)
    assert data == {
        "name": carer.name,
        "emso": carer.emso,
        "address": "Čopova ulica 12, 4000 Kranj",
        "electronic_delivery": True,
        "email": "spela.sustar@primer.si",
    }
    form = parse_r1(data)  # a valid R-1 of SPEC 6.1
    assert form.place is None and form.date is None


def test_r1_without_consent_leaves_the_statement_blank(ctx):
    from dataclasses import replace

    carer_id = ctx.db.execute("select min(id) from carers").fetchone()[0]
    carer = get_carer(ctx.db, carer_id)
    save_carer(ctx.db, replace(carer, email="a@primer.si", electronic_delivery=False))
    data = carer_r1_data(ctx.db, carer_id)
    assert data["electronic_delivery"] is False and data["email"] is None


def test_the_button_saves_what_is_typed_and_previews_the_r1(qtbot, ctx, interaction):
    from rejnistvo.forms import render_form

    view = _view(qtbot, ctx)
    view.address_edit.edit.setFocus()
    view.address_edit.edit.selectAll()
    qtbot.keyClicks(view.address_edit.edit, "Zabji trg 3, 4000 Kranj")
    view.r1_button.click()
    assert interaction.errors == []
    qtbot.addWidget(view.preview)
    carer_id = view.current_id()
    assert get_carer(ctx.db, carer_id).address == "Zabji trg 3, 4000 Kranj"
    assert not view.has_unsaved_changes()
    assert view.last_document == render_form("r1", carer_r1_data(ctx.db, carer_id))
    assert "Obrazec R-1 – " in view.preview.windowTitle()
    text = PdfReader(io.BytesIO(view.last_document)).pages[0].extract_text()
    assert "Zabji trg 3, 4000 Kranj" in text and "VLOGA ZA PRIDOBITEV DOVOLJENJA" in text


def test_a_refused_save_prints_nothing(qtbot, ctx):
    view = _view(qtbot, ctx)
    view.emso_edit.edit.setFocus()
    view.emso_edit.edit.selectAll()
    qtbot.keyClicks(view.emso_edit.edit, "0101006500007")  # a wrong check digit
    view.r1_button.click()
    assert getattr(view, "last_document", None) is None
    assert view.has_unsaved_changes()


def test_about_names_the_records_and_the_r1(ctx):
    """O programu listed what the program prints and computes, not the carers', children's
    and placements' records nor the R-1 it prints from them."""
    from rejnistvo.ui.database_menu import DatabaseMenu

    text = DatabaseMenu(ctx).about_text()
    assert "Evidenca rejnikov, otrok in namestitev" in text and "vloge R-1" in text
