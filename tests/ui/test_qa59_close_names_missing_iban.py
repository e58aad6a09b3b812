"""Izplačila → Zaključi mesec: a carer to be paid without an IBAN was told of only when
the SEPA export refused the bank file after the close (QA59). The warning stands above
the table before the close, and the close question says it in a paragraph of its own
(not among the warnings the closed month keeps: it goes once the IBAN is entered)."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_db  # noqa: F401 (fixtures)
from _fixtures_b import payments_view as view  # noqa: F401 (the screen under test)
from _fixtures_b import show_month as choose

from rejnistvo.store import get_record, save_record

OCT = date(2026, 10, 1)


def test_the_close_question_names_the_carer_without_an_iban(qtbot, view):  # noqa: F811
    choose(qtbot, view, OCT)  # Marija Rejnik has no IBAN
    assert view.warnings_area.isVisibleTo(view)
    assert "Rejniki brez veljavnega IBAN" in view.warnings.text()
    assert view.close_month()  # not blocked
    question = view.ctx.interaction.asked[0][2]
    assert (
        "\n\nRejniki brez veljavnega IBAN, ki jim to izplačilo kaj izplača: 1 (Marija Rejnik). "
        "Datoteka SEPA za ta mesec jih izpusti" in question
    )
    # not one of the warnings the month keeps (here the missing 1 March indexation)
    kept = question[question.index("Zaključeni mesec ohrani") :]
    assert kept.startswith("Zaključeni mesec ohrani 1 opozorilo") and "IBAN" not in kept
    assert "Marija Rejnik" in view.warnings.text()  # the closed month still says it


def test_no_word_of_it_once_every_carer_has_an_iban(qtbot, view):  # noqa: F811
    carer = view.ctx.db.b_ids["carer"]
    version = get_record(view.ctx.db, "carers", carer)["version"]
    save_record(
        view.ctx.db, "carers", {"id": carer, "version": version, "iban": "SI56191000000123438"}
    )
    choose(qtbot, view, OCT)
    assert "IBAN" not in view.warnings.text()
    assert view.close_month()
    assert "IBAN" not in view.ctx.interaction.asked[0][2]
