"""R-4 predlogi on a new database: the first case saved into the empty list gets columns
as wide as its names (they had the headers' widths, so »Luka Otrok« wrapped in two lines
beside a wide empty »Sklep« column)."""

from __future__ import annotations

from _fixtures_b import b_ctx, b_db  # noqa: F401 (fixtures)
from test_r4_flow import fill_proposal, make_view


def test_first_case_in_an_empty_list_fits_its_names(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    assert view.model.rowCount() == 0
    fill_proposal(qtbot, view, b_ctx)
    assert view.save()
    assert view.model.rowCount() == 1
    header = view.table.horizontalHeader()
    metrics = view.table.fontMetrics()
    record = view.model.row_record(0)
    for key in ("child_name", "carer_name"):
        column = view.model.column_index(key)
        assert header.sectionSize(column) > metrics.horizontalAdvance(record[key]), key
