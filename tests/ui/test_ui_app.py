import logging
from datetime import date
from decimal import Decimal

from rejnistvo.store import list_records
from rejnistvo.ui import app as app_module
from rejnistvo.ui.progress import run_with_progress
from rejnistvo.ui.views.settings_view import SettingsView


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


def test_new_rate_row_needs_its_source_and_is_stored(qtbot, qtmodeltester, ctx, interaction):
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    for model in (view.rates_model, view.centres_model, view.candidates_model):
        qtmodeltester.check(model)
    before = len(list_records(ctx.db, "rates"))
    view.rate_from.setText("1. 3. 2026")
    view.rate_board.setText("655,23")
    view.rate_fee.setText("472,42")
    assert view.add_rate() is False  # no source
    assert "obvezno" in view.rate_source.error_text().lower()
    assert view.rate_board.text() == "655,23"
    view.rate_source.setText("Uradni list RS, št. 20/2026")
    interaction.answers.append(True)
    assert view.add_rate() is True
    rows = list_records(ctx.db, "rates")
    assert len(rows) == before + 1
    new = next(r for r in rows if r["valid_from"] == date(2026, 3, 1))
    assert new["board"] == Decimal("655.23") and new["source"] == "Uradni list RS, št. 20/2026"
    assert view.rates_model.rowCount() == before + 1


def test_general_settings_saved_and_checked(qtbot, ctx):
    from rejnistvo.store import get_setting

    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.user_edit.setText("Mojca Novak")
    view._mark_general()
    view.number_format.setText("{subgroup}/{year}")
    assert view.save() is False
    assert "{number" in view.number_format.error_text()
    view.number_format.setText("{subgroup}-{number:03d}/{year}")
    view.waiting_spin.setValue(45)
    assert view.save() is True
    assert get_setting(ctx.db, "user_name") == "Mojca Novak"
    assert get_setting(ctx.db, "waiting_days_threshold") == "45"
    assert ctx.user_name == "Mojca Novak"


def test_candidate_changes_export_and_new_coordinator(qtbot, ctx, interaction, tmp_path):
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    out = tmp_path / "spremembe.csv"
    view.changes_since.set_value(date(2000, 1, 1))
    interaction.answers.append(str(out))
    assert view.export_candidate_changes()
    assert out.read_text(encoding="utf-8-sig").splitlines()[0].startswith("Datum")
    subgroup = view.subgroup_combo.currentData()
    view.coord_name.setText("Nova Koordinatorka")
    view.coord_from.set_value(date(2027, 1, 10))
    assert view.elect_coordinator()
    coords = list_records(ctx.db, "coordinators", subgroup_id=subgroup)
    new = next(c for c in coords if c["name"] == "Nova Koordinatorka")
    assert new["term_to"] == date(2028, 1, 9)
