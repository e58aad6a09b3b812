"""R-5 editor: an increase that still runs shows the whole period's amount and what was
received by today, not the whole amount as »Prejeto« (QA13)."""

from __future__ import annotations

import pytest
from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from test_r5_flow import AFTER_THE_CALLS, b_ctx, fill_increase, make_view  # noqa: F401 (fixtures)


def test_running_increase_says_what_was_received_by_today(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)  # 1. 1.-30. 6. 2026, today 2. 3. 2026
    text = view.facts_label.text()
    assert "Prejeto zvišanje" not in text
    assert "za vse obdobje: <b>957,00 €</b>" in text
    # January and February (2 × 159,50) and 1 March (5,31: SPEC 3.2, as `calc` says)
    assert "do danes prejeto <b>324,31 €</b>" in text


@pytest.mark.today(AFTER_THE_CALLS)  # its report and finding are days that have come
def test_finding_parts_above_received_are_refused_at_unjustified(qtbot, b_ctx):  # noqa: F811
    """Used for the purpose and not: parts of the 957,00 received; the refusal stands at
    »Nenamensko«, both amounts kept as typed (QA13)."""
    from test_r5_flow import set_expense

    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    qtbot.keyClicks(view.report_date.edit, "20. 5. 2026")
    view.expense_model.add_row()
    set_expense(view, 0, "Inštrukcije", "900,00", "račun 1")
    qtbot.keyClicks(view.finding_date.edit, "5. 6. 2026")
    qtbot.keyClicks(view.justified_edit.edit, "900,00")
    view.unjustified_edit.edit.clear()
    qtbot.keyClicks(view.unjustified_edit.edit, "900,00")
    assert view.save() is False
    assert "od 0,00 do 57,00 EUR" in view.unjustified_edit.error_text()
    assert view.justified_edit.text() == "900,00" and view.unjustified_edit.text() == "900,00"
