"""Izplačila → SEPA: the window made the bank transfers twice — checked before the file
dialog (every carer's IBAN, ~2 s at 20,000 placements) and again when writing. The write
now takes the transfers checked for the shown run, as `run --close --format sepa` does
since cf12942; the file is the same."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from test_ui_payments import choose, view  # noqa: F401 (fixtures)

from rejnistvo.clock import FixedClock
from rejnistvo.services import payment_exports
from rejnistvo.ui.views.payments_actions import export_run


def test_the_transfers_are_made_once(qtbot, view, tmp_path, monkeypatch):  # noqa: F811
    choose(qtbot, view, date(2026, 10, 1))
    view.ctx.clock = FixedClock(date(2026, 12, 14))
    made = {"transfers": 0, "accounts": 0}
    # the window's file: the run's transfers grouped once (``payment_sepa.sepa_plan``)
    real_transfers, real_accounts = payment_exports.sepa_groups, payment_exports.run_accounts_now

    def transfers(*args, **kwargs):
        made["transfers"] += 1
        return real_transfers(*args, **kwargs)

    def accounts(*args, **kwargs):
        made["accounts"] += 1
        return real_accounts(*args, **kwargs)

    monkeypatch.setattr(payment_exports, "sepa_groups", transfers)
    monkeypatch.setattr(payment_exports, "run_accounts_now", accounts)
    view.ctx.interaction.answers.extend([True, str(tmp_path / "s.xml")])  # open: asked
    assert export_run(view, "sepa"), view.ctx.interaction.errors
    assert made == {"transfers": 1, "accounts": 1}
    written = (tmp_path / "s.xml").read_text("utf-8")
    monkeypatch.setattr(payment_exports, "sepa_groups", real_transfers)
    monkeypatch.setattr(payment_exports, "run_accounts_now", real_accounts)
    payment_exports.write_sepa_for(
        view.ctx.db, view.run, tmp_path / "again.xml", date(2026, 12, 14)
    )
    again = (tmp_path / "again.xml").read_text("utf-8")
    # the same transfers (the message id and creation time differ from file to file)
    assert written.count("<CdtTrfTxInf>") == again.count("<CdtTrfTxInf>") > 0
    assert written.split("<CdtTrfTxInf>")[1:] == again.split("<CdtTrfTxInf>")[1:]
