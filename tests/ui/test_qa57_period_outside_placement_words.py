"""QA57: an R-4 period starting before the placement was refused with »Obdobje mora biti v
času namestitve (1. 9. 2026–31. 10. 2026, 1. 11. 2026–…).« — a contract and its annex that
adjoin read as two stretches with a gap to look for, the open end as »…«, and nothing said
how to fix it. The placement's days are one stretch, an open end reads »dalje«, and the
message says what to do."""

from __future__ import annotations

from datetime import date

from rejnistvo.rules.periods import Period, joined
from rejnistvo.ui.widgets import PeriodEdit


def test_joined_periods():
    sept_oct = Period(date(2026, 9, 1), date(2026, 10, 31))
    annex = Period(date(2026, 11, 1), None)
    assert joined([annex, sept_oct]) == [Period(date(2026, 9, 1), None)]
    gap = Period(date(2026, 11, 5), date(2026, 12, 31))
    assert joined([sept_oct, gap]) == [sept_oct, gap]
    inside = Period(date(2026, 9, 10), date(2026, 9, 20))
    assert joined([sept_oct, inside]) == [sept_oct]


def test_contract_and_annex_named_as_one_stretch(qtbot):
    field = PeriodEdit("obdobje")
    qtbot.addWidget(field)
    field.set_outer([Period(date(2026, 9, 1), date(2026, 10, 31)), Period(date(2026, 11, 1), None)])
    field.start_edit.setText("1. 8. 2026")
    field.end_edit.setText("31. 12. 2027")
    ok, _ = field.check()
    assert not ok
    text = field.error_text()
    assert "(od 1. 9. 2026 dalje)" in text
    assert "31. 10. 2026" not in text and "…" not in text
    assert "najprej vnesite aneks" in text
    assert field.start_edit.text() == "1. 8. 2026"  # what was typed stays
