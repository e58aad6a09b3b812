"""Zvišanje oskrbnine, the day the centre asked the report for (QA17, in a window): the
field said »Poročilo zahtevano dne:« (the day it was asked), while the program takes it
as the day the report is due by (čl. 28/3: the centre may ask for it at any time; Roki
and the facts say »zahteval do«). A caseworker who typed the day she wrote to the carer
had the report overdue the next morning. The field now says »do«, as everything else."""

from __future__ import annotations

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from test_r5_flow import b_ctx, fill_increase, make_view  # noqa: F401 (fixtures)


def test_the_requested_day_reads_as_the_day_the_report_is_due_by(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    label = view.increase_panel.requested_label.text()
    assert label == "Poročilo zahtevano do:"
    qtbot.keyClicks(view.increase_panel.requested_date.edit, "20. 4. 2026")
    view.increase_panel.requested_date.edit.editingFinished.emit()
    assert "Center je poročilo zahteval do 20. 4. 2026." in view.facts_label.text()
