import logging

from rejnistvo.store import list_records
from rejnistvo.ui import app as app_module
from rejnistvo.ui.progress import run_with_progress


class RecordingReporter(app_module.ErrorReporter):
    def __init__(self, log_path):
        super().__init__(log_path)
        self.shown = []

    def show(self, title, text):
        self.shown.append(text)


def test_unexpected_error_is_logged_and_shown_without_traceback(qapp, tmp_path):
    log_path = tmp_path / "rejnistvo.log"
    handler = logging.FileHandler(log_path, encoding="utf-8")
    logging.getLogger("rejnistvo").addHandler(handler)
    reporter = RecordingReporter(log_path)
    try:
        raise ValueError("notranja podrobnost")
    except ValueError as exc:
        reporter(type(exc), exc, exc.__traceback__)
    shown = reporter.shown
    handler.close()
    logging.getLogger("rejnistvo").removeHandler(handler)
    assert "Traceback" in log_path.read_text(encoding="utf-8")
    assert len(shown) == 1
    assert "Traceback" not in shown[0] and "notranja podrobnost" not in shown[0]
    assert "nepričakovane napake" in shown[0]


def test_qt_slovenian_translations_load(qapp):
    assert app_module.install_translators(qapp), "qt_sl.qm from PySide6 should load"


def test_demo_database_opens(qapp):
    db, path = app_module.open_database(None, demo=True)
    try:
        assert path.exists()
        assert list_records(db, "carers")
    finally:
        db.close()


def test_progress_runs_every_step(qapp):
    seen = []
    done, cancelled = run_with_progress(None, "Tiskam …", [1, 2, 3], seen.append)
    assert (done, cancelled, seen) == (3, False, [1, 2, 3])
