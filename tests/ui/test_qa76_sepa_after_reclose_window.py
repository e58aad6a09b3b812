"""Izplačila, a month whose bank file was made, reopened (a higher rate entered late)
and closed again (QA76): the next SEPA export said only »Vsi rejniki z veljavnim IBAN
so že v datoteki tega meseca« and offered the whole file again (paying everyone twice),
while the reopening question promised the difference »s poračunom v naslednjem
mesecu« — which never came, as the close had written the new amounts into the ledger.
Now the export offers a supplementary file of the difference, and the reopening
question says where the difference is paid."""

from __future__ import annotations

import re
from datetime import date

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from test_ui_payments import choose, view  # noqa: F401 (fixtures)

from rejnistvo.services import payment_run as service
from rejnistvo.services import rates as rate_service
from rejnistvo.ui.views.payments_actions import export_run, reopening_question

OCT = date(2026, 10, 1)


def _amounts(path) -> list[str]:
    return re.findall(r"<InstdAmt Ccy=\"EUR\">([0-9.]+)</InstdAmt>", path.read_text("utf-8"))


def test_the_difference_of_a_reclosed_month_is_offered(qtbot, view, tmp_path):  # noqa: F811
    db, clock = view.ctx.db, view.ctx.clock
    service.close_month(db, OCT, clock)
    choose(qtbot, view, OCT)
    asked = view.ctx.interaction.asked
    view.ctx.interaction.answers.extend([str(tmp_path / "1.xml")])
    assert export_run(view, "sepa"), view.ctx.interaction.errors
    assert _amounts(tmp_path / "1.xml") == ["1098.00"]

    question = reopening_question(view, OCT)
    assert "Poračun naslednjega meseca razlike do poslanega ne prinese" in question
    assert "uredite s poračunom" not in question
    assert "ne pošljite nove\ncelotne datoteke SEPA" in question

    service.reopen_month(db, OCT, "Uskladitev vnesena pozno", clock)
    rate_service.add_rate(db, "2026-10-01", "700.00", "500.00", "test: višji znesek")
    service.close_month(db, OCT, clock)
    choose(qtbot, view, OCT)
    asked.clear()
    view.ctx.interaction.answers.extend([True, str(tmp_path / "2.xml")])
    assert export_run(view, "sepa"), view.ctx.interaction.errors
    offer = [text for kind, title, text in asked if title == "Datoteka SEPA že izvožena"][0]
    assert "ponovno odprt in znova zaključen z višjim zneskom" in offer
    assert ": razlika 102,00 €" in offer
    assert offer.endswith("(izpuščeni in razlike): 1 nakazilo, skupaj 102,00 €?")
    assert _amounts(tmp_path / "2.xml") == ["102.00"]
