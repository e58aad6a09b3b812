import logging
import subprocess
import sys

import pytest

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


def test_qt_slovenian_translations_load(qapp, tmp_path):
    installed = app_module.install_translators(qapp, tmp_path / "cache")
    try:
        assert len(installed) >= 2, "Qt's qt_sl and our catalogue should both load"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


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


def test_a_sub_command_runs_the_cli_not_the_window(qapp, capsys, monkeypatch):
    """`Rejnistvo calc …` (the bundle) and `rejnistvo-okno calc …` reach the CLI."""
    monkeypatch.setattr(app_module, "main", lambda **kw: pytest.fail("window started"))
    code = app_module.run(["emso", "0101006500006"])
    out, err = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in err
    assert out or err


def test_window_options(qapp):
    options = app_module.parse_args(["--portable", "--db", "x.sqlite3"])
    assert (options.portable, options.db, options.demo) == (True, "x.sqlite3", False)


def test_window_options_speak_slovenian(qapp, capsys):
    """`Rejnistvo --help` and a wrong option: Slovenian, never argparse's English."""
    with pytest.raises(SystemExit) as shown:
        app_module.parse_args(["--help"])
    assert shown.value.code == 0
    out = capsys.readouterr().out
    assert "uporaba:" in out and "možnosti:" in out and "pokaži to pomoč" in out
    assert "usage" not in out and "options" not in out
    with pytest.raises(SystemExit) as refused:
        app_module.parse_args(["--bogus"])
    assert refused.value.code == 2
    assert capsys.readouterr().err == "Napaka v ukazni vrstici: neznani argumenti: --bogus\n"


def test_window_help_names_the_commands_without_a_window(qapp, capsys, monkeypatch):
    """QA58: in the bundle `Rejnistvo --help` showed only --db, --demo and --portable; the
    commands (`Rejnistvo calc …`, SPEC 6) the README points to were nowhere to be found."""
    from rejnistvo.cli import COMMAND_OWNERS

    monkeypatch.setattr(sys, "argv", ["/opt/Rejnistvo/Rejnistvo"])
    with pytest.raises(SystemExit):
        app_module.parse_args(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "Ukazi brez okna" in out and "Rejnistvo UKAZ --help" in out
    assert all(command in out for command in COMMAND_OWNERS)


def test_window_start_does_not_import_the_cli_for_its_help():
    code = (
        "import sys; from rejnistvo.ui.app import parse_args; parse_args(['--demo']); "
        "print('rejnistvo.cli' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_a_relative_file_name_is_opened_and_shown_as_a_whole_path(qapp, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db, path = app_module.open_database("zbirka.sqlite3", demo=False)
    try:
        assert path == tmp_path / "zbirka.sqlite3" and path.is_absolute()
    finally:
        db.close()


def test_portable_mode_keeps_database_and_settings_next_to_the_program(qapp, tmp_path):
    from rejnistvo.locations import portable_locations

    where = portable_locations(tmp_path)
    db, path = app_module.open_database(None, demo=False, locations=where)
    try:
        assert path == tmp_path / "Rejnistvo-podatki" / "podatki" / "rejnistvo.sqlite3"
        assert path.exists()
    finally:
        db.close()
    settings = app_module.settings_for(where)
    settings.setValue("preizkus", "da")
    settings.sync()
    assert (where.config / "rejnistvo.ini").is_file()


def test_log_goes_to_the_chosen_log_folder(qapp, tmp_path):
    from rejnistvo.locations import portable_locations

    where = portable_locations(tmp_path)
    path = app_module.setup_logging(where)
    root = logging.getLogger("rejnistvo")
    try:
        assert path == where.logs / "rejnistvo.log"
    finally:
        for handler in list(root.handlers):
            if getattr(handler, "baseFilename", None) == str(path):
                root.removeHandler(handler)
                handler.close()


def test_missing_resource_is_shown_with_its_message(qapp, tmp_path):
    from rejnistvo.resources import MissingResourceError

    reporter = RecordingReporter(tmp_path / "rejnistvo.log")
    error = MissingResourceError("fonts/DejaVuSans.ttf", tmp_path)
    reporter(type(error), error, None)
    assert len(reporter.shown) == 1
    assert "fonts/DejaVuSans.ttf" in reporter.shown[0] and "namestite znova" in reporter.shown[0]


def test_ready_file_is_written_only_when_asked(qapp, tmp_path, monkeypatch):
    target = tmp_path / "ready"
    monkeypatch.delenv(app_module.READY_ENV, raising=False)
    app_module.signal_ready()
    assert not target.exists()
    monkeypatch.setenv(app_module.READY_ENV, str(target))
    app_module.signal_ready()
    assert target.read_text(encoding="utf-8") == "ready"


def test_the_windows_console_executable_is_the_cli_only(qapp, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(app_module, "main", lambda **kw: pytest.fail("window started"))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "rejnistvo-cli.exe"))
    with pytest.raises(SystemExit) as exit_info:
        app_module.run([])  # no sub-command: the CLI's own one-line complaint
    assert exit_info.value.code == 2
    assert "Napaka v ukazni vrstici" in capsys.readouterr().err


def test_an_empty_file_becomes_a_database_only_when_the_user_says_yes(qapp, tmp_path):
    from rejnistvo.store import StoreError

    empty = tmp_path / "prazna.sqlite3"
    empty.write_bytes(b"")
    asked = []
    with pytest.raises(StoreError):
        app_module.open_database(
            str(empty), False, replace_empty=lambda p: asked.append(p) or False
        )
    assert asked == [empty] and empty.stat().st_size == 0
    db, path = app_module.open_database(str(empty), False, replace_empty=lambda p: True)
    try:
        assert path == empty and db["rates"].exists()
    finally:
        db.close()


def test_damage_found_beside_the_window_closes_it_and_stops_writes(qapp, qtbot, tmp_path):
    from PySide6.QtWidgets import QMainWindow

    from rejnistvo.store.background_checks import CheckResult
    from rejnistvo.ui.interaction import FakeInteraction

    class Checks:
        def __init__(self) -> None:
            self.outcome: CheckResult | None = None

        def result(self, timeout=None):
            return self.outcome

    class Db:
        checks = Checks()
        refused = False

        def refuse_writes(self) -> None:
            self.refused = True

    class Ctx:
        db = Db()
        interaction = FakeInteraction()

    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    ctx = Ctx()
    app_module.watch_checks(ctx, window, interval_ms=5)
    qtbot.wait(30)
    assert window.isVisible() and ctx.interaction.asked == []  # still checking
    ctx.db.checks.outcome = CheckResult(damaged="Podatkovna zbirka »x« je poškodovana (Page 7).")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
    assert ctx.db.refused
    assert ctx.interaction.errors == ["Podatkovna zbirka »x« je poškodovana (Page 7)."]


def test_a_failed_daily_backup_found_beside_is_said_once(qapp, qtbot):
    from PySide6.QtWidgets import QMainWindow

    from rejnistvo.store.background_checks import CheckResult
    from rejnistvo.ui.interaction import FakeInteraction

    class Checks:
        def result(self, timeout=None):
            return CheckResult(warnings=["Dnevna varnostna kopija ni bila narejena."])

    class Ctx:
        db = type("Db", (), {"checks": Checks()})()
        interaction = FakeInteraction()

    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    ctx = Ctx()
    app_module.watch_checks(ctx, window, interval_ms=5)
    qtbot.waitUntil(lambda: bool(ctx.interaction.asked), timeout=2000)
    qtbot.wait(30)
    assert [kind for kind, *_ in ctx.interaction.asked] == ["info"]
    assert window.isVisible()


def test_the_checks_beside_start_after_the_windows_first_paint(qapp, qtbot):
    from PySide6.QtWidgets import QMainWindow

    from rejnistvo.store.background_checks import CheckResult
    from rejnistvo.ui.interaction import FakeInteraction

    class Checks:
        started = 0

        def start(self) -> None:
            self.started += 1

        def result(self, timeout=None):
            return CheckResult() if self.started else None

    class Ctx:
        db = type("Db", (), {"checks": Checks()})()
        interaction = FakeInteraction()

    window = QMainWindow()
    qtbot.addWidget(window)
    ctx = Ctx()
    app_module.watch_checks(ctx, window, interval_ms=5)  # as the opener does, before show
    qtbot.wait(30)
    assert ctx.db.checks.started == 0  # nothing on screen yet: the start is not slowed
    painted = []
    window.paintEvent = lambda event: painted.append(ctx.db.checks.started)
    window.show()
    qtbot.waitUntil(lambda: ctx.db.checks.started == 1, timeout=2000)
    assert painted and painted[0] == 0  # started after the first paint, not before
    qtbot.wait(30)
    assert ctx.db.checks.started == 1 and ctx.interaction.asked == []
    # a window already on screen (the demo opens its file after the first paint): at once
    late = Ctx()
    late.db = type("Db", (), {"checks": Checks()})()
    app_module.watch_checks(late, window, interval_ms=5)
    assert late.db.checks.started == 1
