"""What packaging/build.py puts into the stand-alone program, checked without building it
(a build takes minutes: `python packaging/build.py` then `python packaging/smoke.py`)."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
RTHOOK = PACKAGING / "pyinstaller" / "rthooks" / "pyi_rth_pyside6_lean.py"


def load(name: str) -> ModuleType:
    # by path: "packaging" is also the name of a library on the path
    spec = importlib.util.spec_from_file_location(f"_packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build() -> ModuleType:
    return load("build")


@pytest.fixture(scope="module")
def bundle_libs() -> ModuleType:
    return load("bundle_libs")


def test_every_qt_module_the_program_imports_is_shipped(build):
    used = set()
    for path in [*(ROOT / "rejnistvo").rglob("*.py"), *(ROOT / "forms").rglob("*.py")]:
        used |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert used, "no PySide6 import found: the pattern is wrong"
    assert used <= build.QT_USED, used - build.QT_USED
    assert not build.QT_USED & {m for m in build.QT_ALL if m not in build.QT_USED}


def test_pyside6_runtime_hook_is_ours(build):
    """PyInstaller takes the first rthooks.dat naming a module: ours, through hookspath."""
    table = ast.literal_eval((build.HOOKS / "rthooks.dat").read_text(encoding="utf-8"))
    assert table == {"PySide6": [RTHOOK.name]}
    assert (build.HOOKS / "rthooks" / RTHOOK.name).is_file()
    spec = build.spec_text(Path("/stage"), "1.2.3", None)
    assert f"hookspath=[{str(build.HOOKS)!r}]" in spec
    compile(spec, "Rejnistvo.spec", "exec")  # the generated spec is Python


def test_gtk_theme_plugin_is_not_shipped(build):
    kept = build.PLUGINS_KEPT["platformthemes"]
    assert kept is not None and not any("gtk" in name for name in kept)


def run_hook(env: dict[str, str]) -> dict[str, object]:
    """Runs the hook in a fresh Python and returns what the program would then see."""
    code = (
        "import json, os, runpy, sys\n"
        f"runpy.run_path({str(RTHOOK)!r})\n"
        "print(json.dumps({'ld': os.environ.get('LD_LIBRARY_PATH'),"
        " 'orig': os.environ.get('LD_LIBRARY_PATH_ORIG'),"
        " 'qt': 'PySide6.QtCore' in sys.modules, 'plugins': os.environ.get('QT_PLUGIN_PATH')}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LD_LIBRARY_PATH", "QT_"))}
    done = subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    import json

    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_hook_puts_back_the_library_path_the_user_had():
    seen = run_hook({"LD_LIBRARY_PATH": "/bundle/_internal", "LD_LIBRARY_PATH_ORIG": "/opt/lib"})
    assert seen == {"ld": "/opt/lib", "orig": None, "qt": False, "plugins": None}


def test_hook_removes_the_library_path_when_the_user_had_none():
    seen = run_hook({"LD_LIBRARY_PATH": "/bundle/_internal"})
    assert seen == {"ld": None, "orig": None, "qt": False, "plugins": None}


def test_libraries_only_dropped_plugins_need_are_left_out(bundle_libs):
    needs = {
        "/src/libqgtk3.so": {
            "libgtk-3.so.0",
            "libcairo.so.2",
            "libglib-2.0.so.0",
            "libQt6Gui.so.6",
        },
        "/src/libcairo.so.2": {"libpixman-1.so.0", "libglib-2.0.so.0"},
        "/src/libpixman-1.so.0": set(),
        "/src/libglib-2.0.so.0": {"libpcre2-8.so.0"},
        "/src/libpcre2-8.so.0": set(),
        "/src/libQt6Core.so.6": {"libglib-2.0.so.0"},
        "/src/QtCore.abi3.so": {"libQt6Core.so.6"},
        "/src/libpython3.11.so.1.0": set(),
    }
    dropped = [("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY")]
    kept = [
        ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
        ("libpixman-1.so.0", "/src/libpixman-1.so.0", "BINARY"),
        ("libglib-2.0.so.0", "/src/libglib-2.0.so.0", "BINARY"),
        ("libpcre2-8.so.0", "/src/libpcre2-8.so.0", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("PySide6/QtCore.abi3.so", "/src/QtCore.abi3.so", "EXTENSION"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
    ]
    gone = bundle_libs.only_needed_by(dropped, kept, needs.__getitem__)
    # glib (and what it needs) stays: Qt's core needs it too
    assert gone == {"libcairo.so.2", "libpixman-1.so.0"}


def test_nothing_is_left_out_when_nothing_is_dropped(bundle_libs):
    kept = [("libz.so.1", "/src/libz.so.1", "BINARY")]
    assert bundle_libs.only_needed_by([], kept, lambda path: set()) == set()


def test_frozen_python_runs_in_utf8_mode(build):
    """Windows would otherwise read and write text in its ANSI code page."""
    spec = build.spec_text(Path("/stage"), "1.2.3", None)
    assert 'OPTIONS = [("X utf8", None, "OPTION")]' in spec
    assert spec.count("pyz, a.scripts, OPTIONS,") == 1 + build.WINDOWS


def test_windows_installer_is_per_user_without_asking():
    text = (PACKAGING / "rejnistvo.iss").read_text(encoding="utf-8-sig")
    settings = dict(
        line.split("=", 1) for line in text.splitlines() if "=" in line and line[:1] not in ";#"
    )
    assert settings["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in settings
    assert settings["DefaultDirName"] == "{autopf}\\Rejnistvo"
    # an update first removes the old library folder
    assert 'Type: filesandordirs; Name: "{app}\\_internal"' in text


def desktop_exec_path(value: str) -> str:
    """The program a .desktop file's ``Exec="…"`` names (Desktop Entry Specification:
    the value's string escapes first, then the quoted argument's, then ``%%``)."""
    string = re.sub(
        r"\\(.)", lambda m: {"s": " ", "n": "\n", "t": "\t", "r": "\r"}.get(m[1], m[1]), value
    )
    assert string.startswith('"') and string.endswith('"'), string
    argument = re.sub(r'\\([`"$\\])', r"\1", string[1:-1])
    return argument.replace("%%", "%")


def test_menu_entry_names_the_program_in_any_folder(tmp_path):
    folder = tmp_path / 'Moji programi & Žiga $HOME %u "x" \\y' / "Rejnistvo"
    folder.mkdir(parents=True)
    for name in ("namesti-bliznjico.sh", "rejnistvo.desktop"):
        (folder / name).write_bytes((PACKAGING / "linux" / name).read_bytes())
    (folder / "rejnistvo.png").write_bytes(b"png")
    home = tmp_path / "home"
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    done = subprocess.run(
        ["sh", str(folder / "namesti-bliznjico.sh")], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    entry = (home / ".local/share/applications/rejnistvo.desktop").read_text(encoding="utf-8")
    values = dict(line.split("=", 1) for line in entry.splitlines() if "=" in line)
    assert desktop_exec_path(values["Exec"]) == str(folder / "Rejnistvo")
    assert values["Icon"] == str(home / ".local/share/icons/hicolor/256x256/apps/rejnistvo.png")
    assert values["Name"] == "Rejništvo"
    # »Rejništvo« is neuter: »je dodano« (was »je dodan«)
    assert done.stdout.startswith("Rejništvo je dodano v meni programov ("), done.stdout


def test_nothing_imports_pkg_resources_at_start(build):
    """PyInstaller's run-time hook for pkg_resources imports it before the program's first
    line (0.18 s): it stays out of the bundle."""
    assert {"pkg_resources", "setuptools"} <= set(build.PYTHON_EXCLUDES)
    for path in (ROOT / "rejnistvo").rglob("*.py"):
        assert "pkg_resources" not in path.read_text(encoding="utf-8"), path


def test_uncommitted_changes_are_listed_only_where_there_is_git(build, monkeypatch, tmp_path):
    assert all(isinstance(path, str) for path in build.uncommitted_changes())
    monkeypatch.setattr(build, "ROOT", tmp_path)  # an unpacked source archive: no .git
    assert build.uncommitted_changes() == []


def test_sepa_schema_the_export_checks_against_is_shipped(build):
    """sepaxml opens its XSD beside its code by path, which PyInstaller's scan cannot see:
    without it every SEPA export of the bundle failed (»… ni veljavna po shemi pain.001:
    can't access to resource …«)."""
    import sepaxml.validation

    source = (ROOT / "rejnistvo" / "services" / "payment_exports.py").read_text(encoding="utf-8")
    found = re.search(r'schema="(pain\.[\d.]+)"', source)
    assert found, "the export names no pain.001 schema: the pattern is wrong"
    opened = Path(sepaxml.validation.__file__).parent / "schemas" / f"{found[1]}.xsd"
    shipped = (str(opened), "sepaxml/schemas")  # where sepaxml looks for it in the bundle
    assert shipped in build.package_data()
    assert repr(shipped) in build.spec_text(Path("/stage"), "1.2.3", None)


def test_menu_entry_is_taken_out_again_and_the_data_stays(build, tmp_path):
    """The bundle carries odstrani-bliznjico.sh: without it a clerk who deleted the folder
    kept a menu entry that started nothing."""
    folder = tmp_path / "Moji programi" / "Rejnistvo"
    folder.mkdir(parents=True)
    build.linux_extras(folder)
    home = tmp_path / "home"
    data = home / ".local/share/Rejnistvo/rejnistvo.sqlite3"
    data.parent.mkdir(parents=True)
    data.write_bytes(b"zbirka")
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    for script in ("namesti-bliznjico.sh", "odstrani-bliznjico.sh"):
        assert os.access(folder / script, os.X_OK), script
        done = subprocess.run([str(folder / script)], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    assert done.stdout == "Rejništvo je odstranjeno iz menija programov; podatki so ostali.\n"
    assert not (home / ".local/share/applications/rejnistvo.desktop").exists()
    assert not (home / ".local/share/icons/hicolor/256x256/apps/rejnistvo.png").exists()
    assert data.read_bytes() == b"zbirka"


def readme_linux_install_commands() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Namestitev za uporabnike", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 1, "the Linux install steps are one sh block in the README"
    return "\n".join(line.strip() for line in blocks[0].splitlines())


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux archive and shell scripts")
def test_readme_linux_install_steps_work_as_written(build, tmp_path):
    """QA58: the clerk types the README's commands as they are, in a fresh home folder,
    on an archive laid out as build.py writes it; the menu entry then starts the bundle."""
    import tarfile

    staged = tmp_path / "dist" / build.NAME
    staged.mkdir(parents=True)
    (staged / build.NAME).write_text("#!/bin/sh\n", encoding="utf-8")
    build.linux_extras(staged)
    home = tmp_path / "domov"
    (home / "Prenosi").mkdir(parents=True)
    with tarfile.open(home / "Prenosi" / f"{build.NAME}-1.2.3-linux.tar.gz", "w:gz") as tar:
        tar.add(staged, arcname=build.NAME)
    commands = readme_linux_install_commands().replace("<različica>", "1.2.3")
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(["sh", "-eu", "-c", commands], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    entry = home / ".local/share/applications/rejnistvo.desktop"
    exec_line = next(
        line for line in entry.read_text(encoding="utf-8").splitlines() if line.startswith("Exec=")
    )
    assert exec_line == f'Exec="{home}/Programi/{build.NAME}/{build.NAME}"'
    validate = shutil.which("desktop-file-validate")
    if validate:
        checked = subprocess.run([validate, str(entry)], capture_output=True, text=True)
        assert checked.returncode == 0 and not checked.stdout, checked.stdout


def test_the_folder_carries_short_instructions_that_match_the_readme(build, tmp_path):
    """QA58: the archive may be all a clerk gets; the folder had the scripts but no word of
    how to use them or where the data are."""
    build.linux_extras(tmp_path)
    text = (tmp_path / "PREBERI.txt").read_text(encoding="utf-8")
    for script in build.LINUX_SCRIPTS:
        assert f"./{script}" in text and (tmp_path / script).is_file()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for folder in (
        "~/.local/share/Rejnistvo/",
        "~/.local/state/Rejnistvo/log/",
        "~/.config/Rejnistvo/",
    ):
        assert folder in text and f"`{folder}" in readme, folder
    assert "Datoteka → Varnostna kopija …" in text and "--help" in text
