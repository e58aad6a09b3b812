"""Izplačila → SEPA of a month not closed: on 5. 12. 2026 the clerk exported January
2027's bank file and was told only when the bank pays it, although the run is a proposal
that may change before the close — what the bank pays and what the ledger records could
differ (found by QA51). The window now asks first (Enter answers »Ne«); `run --format
sepa` writes the file and says so on standard error."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from test_ui_payments import choose, view  # noqa: F401 (fixtures)

from rejnistvo.clock import FixedClock
from rejnistvo.services.payment_exports import sepa_open_month_notice
from rejnistvo.ui.views.payments_actions import export_run


def test_an_open_month_asks_before_the_bank_file(qtbot, view, tmp_path):  # noqa: F811
    choose(qtbot, view, date(2026, 10, 1))
    view.ctx.clock = FixedClock(date(2026, 10, 20))
    view.ctx.interaction.answers.append(False)  # »Ne«
    assert export_run(view, "sepa") is False
    title, text = view.ctx.interaction.asked[-1][1:]
    assert title == "Mesec ni zaključen" and "oktober 2026 še ni zaključeno" in text
    assert "Mesec ni zaključen" in view.ctx.interaction.risky
    assert not list(tmp_path.glob("*.xml"))
    assert not any(kind == "save_path" for kind, *_ in view.ctx.interaction.asked)
    view.ctx.interaction.answers.extend([True, str(tmp_path / "s.xml")])
    assert export_run(view, "sepa"), view.ctx.interaction.errors
    assert (tmp_path / "s.xml").exists()


def test_the_notice_names_a_month_not_begun_and_none_for_a_closed_one(qtbot, view):  # noqa: F811
    choose(qtbot, view, date(2026, 10, 1))
    run = view.run
    assert run.status == "open"
    assert "se še ni začel" in sepa_open_month_notice(run, date(2026, 9, 30))
    assert "še ni zaključeno" in sepa_open_month_notice(run, date(2026, 10, 1))
    closed = type(run)(run.month, "closed", run.lines, run.warnings)
    assert sepa_open_month_notice(closed, date(2026, 10, 1)) is None
