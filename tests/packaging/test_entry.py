"""main.py (the bundle's executable) runs a command without the window's start."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rejnistvo import launch

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("args", "cli"),
    [
        (["calc", "--input", "x.json"], True),
        (["print", "r4"], True),
        ([], False),
        (["--db", "x.sqlite3"], False),
        (["--demo"], False),
    ],
)
def test_a_command_is_a_first_argument_that_is_not_an_option(args, cli):
    assert launch.wants_cli(args) is cli


def test_the_windows_console_executable_is_the_cli_only(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "C:/Programi/Rejnistvo/rejnistvo-cli.exe")
    assert launch.wants_cli([]) and launch.wants_cli(["--help"])
    monkeypatch.setattr(sys, "executable", "C:/Programi/Rejnistvo/Rejnistvo.exe")
    assert not launch.wants_cli([])


def test_calc_through_main_py_imports_neither_qt_nor_the_window(tmp_path):
    example = tmp_path / "primer.json"
    example.write_text(
        json.dumps({"placement": [{"from": "2026-03-10", "to": None}], "months": ["2026-03"]}),
        encoding="utf-8",
    )
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['main.py', 'calc', '--input', {str(example)!r}]\n"
        "try:\n"
        f"    runpy.run_path({str(ROOT / 'main.py')!r}, run_name='__main__')\n"
        "except SystemExit as stop:\n"
        "    status = stop.code\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'rejnistvo.ui')))\n"
        "print(repr((status, loaded)), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    status, loaded = eval(done.stderr.strip().splitlines()[-1])  # noqa: S307 - our own repr
    assert status in (0, None) and loaded == []
    assert json.loads(done.stdout)["months"][0]["month"] == "2026-03"


def test_start_runs_a_command_as_the_whole_process(monkeypatch):
    import rejnistvo.cli

    calls = []
    monkeypatch.setattr(rejnistvo.cli, "main", lambda args, **kw: calls.append((args, kw)) or 3)
    assert launch.start(["calc", "--input", "x.json"]) == 3
    assert calls == [(["calc", "--input", "x.json"], {"whole_process": True})]


def test_start_imports_the_window_with_the_collector_waiting_then_frozen(monkeypatch):
    """What main.py (and a window script naming launch.start) does before the window."""
    import gc

    import rejnistvo.ui.app

    seen: dict = {}
    monkeypatch.setattr(launch, "fontconfig_ahead", lambda: seen.setdefault("fonts", list(seen)))
    monkeypatch.setattr(
        launch, "window_start_imports", lambda: seen.setdefault("collecting", gc.isenabled())
    )
    monkeypatch.setattr(gc, "freeze", lambda: seen.setdefault("frozen_while", gc.isenabled()))

    def run(args):
        seen["run"] = (args, gc.isenabled())
        return 0

    monkeypatch.setattr(rejnistvo.ui.app, "run", run)
    assert launch.start(["--db", "x.sqlite3"]) == 0
    assert seen == {
        "fonts": [],  # first: fontconfig's set-up runs beside all the imports
        "collecting": False,
        "frozen_while": False,
        "run": (["--db", "x.sqlite3"], True),
    }
    assert gc.isenabled()


def test_a_command_does_not_set_fontconfig_up(monkeypatch):
    import rejnistvo.cli

    monkeypatch.setattr(rejnistvo.cli, "main", lambda args, **kw: 0)
    monkeypatch.setattr(launch, "fontconfig_ahead", lambda: pytest.fail("fonts for a command"))
    assert launch.start(["calc", "--input", "x.json"]) == 0


def test_fontconfig_is_set_up_in_a_thread_of_its_own(monkeypatch):
    """FcInit runs beside the main thread (which goes on importing), never on it, and
    the start does not wait for that thread to begin."""
    import threading

    called: list[tuple[str, bool]] = []
    done = threading.Event()

    def loaded(library: str):
        def init() -> None:
            called.append((library, threading.current_thread() is threading.main_thread()))
            done.set()

        return init

    monkeypatch.setattr(launch.sys, "platform", "linux")
    monkeypatch.setattr(launch, "fontconfig_init", loaded)
    assert launch.fontconfig_ahead() is True
    assert done.wait(5)
    assert called == [("libfontconfig.so.1", False)]


def test_without_fontconfig_nothing_is_started(monkeypatch):
    """Windows and macOS have none (Qt uses their own font databases); a Linux without
    the library, or with one lacking FcInit, leaves Qt to do as before."""
    monkeypatch.setattr(launch, "fontconfig_init", lambda library: pytest.fail("looked up"))
    monkeypatch.setattr(launch.sys, "platform", "win32")
    assert launch.fontconfig_ahead() is False
    monkeypatch.undo()
    if not sys.platform.startswith("linux"):
        return
    assert launch.fontconfig_ahead("libno-such-fontconfig.so.9") is False
    assert launch.fontconfig_init("libno-such-fontconfig.so.9") is None
    assert launch.fontconfig_init("libc.so.6") is None  # a library without FcInit


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig is Linux's")
def test_the_real_fontconfig_is_set_up_without_the_ctypes_package():
    """In a fresh process (as main.py starts): FcInit called for real, on the main thread
    and beside it at once, without importing ``ctypes`` (~7 M instructions to import, of
    the ~24 M saved); the process ends normally whether or not its thread has."""
    code = (
        "import sys\n"
        "from rejnistvo import launch\n"
        "init = launch.fontconfig_init()\n"
        "if init is None:\n"
        "    print('no fontconfig')\n"
        "else:\n"
        "    print(launch.fontconfig_ahead(), init(), 'ctypes' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    if out.stdout.strip() == "no fontconfig":
        pytest.skip("no libfontconfig.so.1 here")
    assert out.stdout.split() == ["True", "None", "False"]
