"""QA14: the check of the SEPA file against the pain.001 schema (sepaxml, ~10 s for the
18,000 transfers of the 20k demo) kept the window frozen at 99 % with Prekliči dead. The
progress is asked while the check runs (a busy bar: total 0), and Prekliči stops it."""

import time

import pytest
from _payment_fixtures import CENTRE_IBAN, D

from rejnistvo.services import payment_exports as exports
from rejnistvo.services import payment_run as service

SEP = D("2026-09-01")


def _slow_export(monkeypatch):
    from sepaxml import SepaTransfer

    export = SepaTransfer.export

    def slow(self, *args, **kwargs):
        time.sleep(0.5)
        return export(self, *args, **kwargs)

    monkeypatch.setattr(SepaTransfer, "export", slow)


def test_the_window_is_asked_while_the_schema_check_runs(run_db, clock, tmp_path, monkeypatch):
    _slow_export(monkeypatch)
    run = service.payment_run(run_db, SEP, clock)
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return True

    out = exports.write_sepa(run, tmp_path / "run.xml", CENTRE_IBAN, "CSD", clock.today(), progress)
    assert out.exists()
    assert sum(1 for _, total in calls if total == 0) >= 3  # asked, busy, during the check


def test_prekliči_during_the_check_stops_it_and_writes_nothing(
    run_db, clock, tmp_path, monkeypatch
):
    _slow_export(monkeypatch)
    run = service.payment_run(run_db, SEP, clock)
    with pytest.raises(exports.ExportCancelled):
        exports.write_sepa(
            run, tmp_path / "run.xml", CENTRE_IBAN, "CSD", clock.today(),
            lambda done, total: total != 0,
        )  # fmt: skip
    assert not (tmp_path / "run.xml").exists()


def test_the_pdf_is_made_while_the_window_is_asked_and_prekliči_stops_it(
    run_db, clock, tmp_path, monkeypatch
):
    """The run's PDF (~25 s for the 20k demo) was one call: the window froze."""
    import rejnistvo.forms.payment_run as form  # type: ignore[import-not-found,unused-ignore]

    render = form.render_payment_run

    def slow(*args, **kwargs):
        time.sleep(0.5)
        return render(*args, **kwargs)

    monkeypatch.setattr(form, "render_payment_run", slow)
    run = service.payment_run(run_db, SEP, clock)
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return True

    assert exports.write_pdf(run, tmp_path / "run.pdf", clock.today(), progress).exists()
    assert sum(1 for _, total in calls if total == 0) >= 3
    with pytest.raises(exports.ExportCancelled):
        exports.write_pdf(run, tmp_path / "two.pdf", clock.today(), lambda d, t: t != 0)
    assert not (tmp_path / "two.pdf").exists()


def test_the_xlsx_is_saved_while_the_window_is_asked(run_db, clock, tmp_path, monkeypatch):
    from openpyxl import Workbook

    save = Workbook.save

    def slow(self, *args, **kwargs):
        time.sleep(0.5)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Workbook, "save", slow)
    run = service.payment_run(run_db, SEP, clock)
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return True

    assert exports.write_xlsx(run, tmp_path / "run.xlsx", progress).exists()
    assert sum(1 for _, total in calls if total == 0) >= 3
    with pytest.raises(exports.ExportCancelled):
        exports.write_xlsx(run, tmp_path / "two.xlsx", lambda d, t: t != 0)
    time.sleep(0.6)  # the abandoned save ends on its own
    assert not list(tmp_path.glob("*two.xlsx*"))
