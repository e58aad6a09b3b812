"""Build the stand-alone program with PyInstaller: `python packaging/build.py`.

One folder, not one file (a one-file build unpacks itself on every start). Built on the
platform it runs on:

* Linux: ``dist/Rejnistvo/`` with the executable ``Rejnistvo``, ``rejnistvo.desktop``,
  ``namesti-bliznjico.sh`` (adds the program to the desktop's menu) and
  ``odstrani-bliznjico.sh`` (takes it out again), zipped as
  ``dist/Rejnistvo-<version>-linux.tar.gz``.
* Windows: ``dist\\Rejnistvo\\`` with ``Rejnistvo.exe`` (window; icon, version information,
  Slovenian file description) and ``rejnistvo-cli.exe`` (console, for the CLI), plus
  ``packaging/rejnistvo.iss`` for Inno Setup (per-user install, no administrator rights):
  ``iscc packaging\\rejnistvo.iss`` after this script.

``Rejnistvo calc …`` (any sub-command of SPEC 6) runs the CLI from the same executable.

The bundle is laid out like the installed wheel: the package ``rejnistvo`` with
``rejnistvo/forms`` and ``rejnistvo/_resources`` (rates, catalogues, fonts, icons and the
Slovenian Qt catalogue compiled here from ``resources/i18n/qt_sl.ts``), so
``rejnistvo.resources`` finds everything through importlib.resources, as installed.
Qt modules the program does not use, and Qt's catalogues of other languages, are left out.

Options: ``--clean`` (start from scratch), ``--no-archive``. Prints the size at the end.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
BUILD = ROOT / "build" / "pyinstaller"
#: our PyInstaller hooks: PySide6's run-time hook replaced (see its docstring)
HOOKS = PACKAGING / "pyinstaller"
DIST = ROOT / "dist"
NAME = "Rejnistvo"
CLI_NAME = "rejnistvo-cli"
WINDOWS = sys.platform == "win32"

# Qt modules the program uses (checked by tests/packaging: grep of the sources); every
# other PySide6 module is excluded so PyInstaller's hooks do not pull its libraries in.
QT_USED = {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtPdf", "QtPdfWidgets"}
QT_ALL = (
    "Qt3DAnimation Qt3DCore Qt3DExtras Qt3DInput Qt3DLogic Qt3DRender QtAxContainer "
    "QtBluetooth QtCanvasPainter QtCharts QtConcurrent QtDBus QtDataVisualization QtDesigner "
    "QtGraphs QtGraphsWidgets QtHelp QtHttpServer QtLocation QtMultimedia "
    "QtMultimediaWidgets QtNetwork QtNetworkAuth QtNfc QtOpenGL QtOpenGLWidgets QtPositioning "
    "QtQml QtQuick QtQuick3D QtQuickControls2 QtQuickTest QtQuickWidgets QtRemoteObjects "
    "QtScxml QtSensors QtSerialBus QtSerialPort QtSpatialAudio QtSql QtStateMachine QtSvg "
    "QtSvgWidgets QtTest QtTextToSpeech QtUiTools QtWebChannel QtWebEngineCore "
    "QtWebEngineQuick QtWebEngineWidgets QtWebSockets QtWebView QtXml QtAsyncio"
).split()
PYTHON_EXCLUDES = [
    # not pydoc/unittest: python-stdnum and others import them at start
    "tkinter",
    "test",
    "lib2to3",
    "idlelib",
    "numpy",  # Pillow (required by reportlab) uses it only when present
    # Pillow's codecs for AVIF and WebP, colour management and Tk (~6 MiB with their
    # libraries): no form draws a bitmap; Pillow treats each as optional when missing.
    "PIL._avif",
    "PIL._webp",
    "PIL._imagingcms",
    "PIL._imagingtk",
    "PIL.ImageTk",
    # Only python-stdnum's fallback for Pythons before 3.9 imports it; once collected,
    # PyInstaller's run-time hook imports it at every start (0.18 s of processor time,
    # which a `calc` process then spent on nothing else as much).
    "pkg_resources",
    "setuptools",
    # Only concurrent.futures' process pool (never used) imports it; collected, it brings
    # PyInstaller's run-time hook, which imports it and its spawn machinery at every start.
    "multiprocessing",
    "IPython",
    "pytest",
    "hypothesis",
    "mypy",
    "ruff",
]
# Qt plugins worth shipping, by plugin folder: None keeps the folder whole, a set keeps only
# those file stems, a folder not listed is dropped whole (network, SQL, multimedia, …).
PLUGINS_KEPT: dict[str, set[str] | None] = {
    "platforms": {
        "libqxcb",
        "libqwayland",
        "libqoffscreen",
        "libqminimal",
        "qwindows",
        "qoffscreen",
        "qminimal",
        "qdirect2d",
    },
    # Not gtk3: it loads the desktop's own GTK into a process whose GLib, cairo, pango …
    # are the build machine's (the bootloader puts the bundle first in the library path),
    # a mix that fails or crashes on another distribution; the bundle ships Fusion's look
    # and Qt's own dialogs, which the program's Slovenian catalogue translates.
    "platformthemes": {"libqxdgdesktopportal"},
    "platforminputcontexts": {
        "libcomposeplatforminputcontextplugin",
        "libibusplatforminputcontextplugin",
    },
    "xcbglintegrations": None,
    "wayland-shell-integration": {"libxdg-shell"},
    "wayland-decoration-client": {"libbradient"},
    "wayland-graphics-integration-client": {"libqt-plugin-wayland-egl", "libshm-emulation-server"},
    "styles": None,
    "printsupport": None,  # CUPS: printing the forms
    "imageformats": {"libqico", "qico", "libqjpeg", "qjpeg"},
}
# Qt libraries only the dropped plugins want (the on-screen keyboard pulls all of Qt Quick).
QT_LIBS_DROPPED = ("Qt6Qml", "Qt6Quick", "Qt6VirtualKeyboard", "Qt6EglF", "Qt6Svg")
# Data a library reads by path at run time: PyInstaller's import scan cannot see it and
# no hook of PyInstaller ships it. sepaxml checks every SEPA file against the XSD beside
# its code; without it the bundle's every SEPA export failed (»datoteka SEPA ni veljavna
# po shemi pain.001: can't access to resource …«). Only the schema the program writes.
PACKAGE_DATA = {"sepaxml": ["schemas/pain.001.001.03.xsd"]}
# babel's data of ~1100 locales: the program formats in Slovenian only ("root" is the
# parent of every locale, English is babel's fallback).
BABEL_KEPT = {"root", "sl", "sl_SI", "en", "en_001", "en_150", "en_GB"}


def version() -> str:
    text = (ROOT / "rejnistvo" / "__init__.py").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("no __version__ in rejnistvo/__init__.py")


def package_data() -> list[tuple[str, str]]:
    """PACKAGE_DATA as the spec's (source file, folder in the bundle) pairs."""
    pairs = []
    for package, files in PACKAGE_DATA.items():
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit(f"package {package} is not installed")
        folder = Path(spec.submodule_search_locations[0])
        for name in files:
            source = folder / name
            if not source.is_file():
                raise SystemExit(f"{source} is missing: {package} changed its layout")
            pairs.append((str(source), str(Path(package, name).parent.as_posix())))
    return pairs


def stage(target: Path) -> Path:
    """The installed layout: rejnistvo/, rejnistvo/forms, rejnistvo/_resources (+ .qm)."""
    if target.exists():
        shutil.rmtree(target)
    junk = shutil.ignore_patterns("__pycache__", "*.pyc", "*.qm")
    package = target / "rejnistvo"
    shutil.copytree(ROOT / "rejnistvo", package, ignore=junk)
    shutil.copytree(ROOT / "forms", package / "forms", ignore=junk)
    shutil.copytree(ROOT / "resources", package / "_resources", ignore=junk)
    # The entry script's folder comes first on PyInstaller's search path: a main.py left in
    # the checkout would make it analyse the checkout's rejnistvo/, which has no forms/.
    shutil.copy2(ROOT / "main.py", target / "main.py")
    import PySide6

    lrelease = Path(PySide6.__path__[0]) / ("lrelease.exe" if WINDOWS else "lrelease")
    for ts in sorted((ROOT / "resources" / "i18n").glob("*.ts")):
        qm = package / "_resources" / "i18n" / ts.with_suffix(".qm").name
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    return target


def windows_version_file(path: Path, ver: str) -> Path:
    parts = [int(p) for p in (ver.split(".") + ["0", "0", "0"])[:4]]
    numbers = ", ".join(str(p) for p in parts)
    path.write_text(
        f"""# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers=({numbers}), prodvers=({numbers}), mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('042404b0', [
      StringStruct('CompanyName', 'Rejništvo'),
      StringStruct('FileDescription', 'Rejništvo – izplačila rejnikom in obrazca R-4, R-5'),
      StringStruct('FileVersion', '{ver}'),
      StringStruct('InternalName', '{NAME}'),
      StringStruct('OriginalFilename', '{NAME}.exe'),
      StringStruct('ProductName', 'Rejništvo'),
      StringStruct('ProductVersion', '{ver}'),
      StringStruct('LegalCopyright', 'Rejništvo')])]),
    VarFileInfo([VarStruct('Translation', [0x0424, 1200])])
  ]
)
""",
        encoding="utf-8",
    )
    return path


def spec_text(staged: Path, ver: str, version_file: Path | None) -> str:
    icon = ROOT / "resources" / "icons" / ("rejnistvo.ico" if WINDOWS else "rejnistvo.png")
    excludes = [f"PySide6.{m}" for m in QT_ALL if m not in QT_USED] + PYTHON_EXCLUDES
    package = staged / "rejnistvo"
    # Every module of the staged package, listed from its files: the CLI and the forms
    # load theirs by name (importlib), which PyInstaller's import scan cannot see.
    # (collect_submodules would resolve "rejnistvo" before pathex applies: the checkout's
    # package, which has no forms/.)
    modules = sorted(
        ".".join(path.relative_to(staged).with_suffix("").parts).removesuffix(".__init__")
        for path in package.rglob("*.py")
        if "_resources" not in path.parts
    )
    # reportlab looks for its C accelerator by name at run time (1.5x faster forms).
    modules.append("_rl_accel")
    datas = [
        (str(package / "_resources"), "rejnistvo/_resources"),
        (str(package / "forms" / "*.example.json"), "rejnistvo/forms"),
        *package_data(),
    ]
    cli_exe = ""
    collect = "exe_gui"
    if WINDOWS:
        # A GUI .exe has no console: the CLI gets its own console executable that
        # shares the same folder of libraries.
        cli_exe = f"""
exe_cli = EXE(pyz, a.scripts, OPTIONS, exclude_binaries=True, name={CLI_NAME!r},
              console=True, icon={str(icon)!r}, version={str(version_file)!r},
              upx=False)
"""
        collect = "exe_gui, exe_cli"
    return f"""# Generated by packaging/build.py — do not edit; edit the script.
import sys

a = Analysis(
    [{str(staged / "main.py")!r}],
    pathex=[{str(staged)!r}],
    datas={datas!r},
    hiddenimports={modules!r},
    excludes={excludes!r},
    hookspath=[{str(HOOKS)!r}],
    noarchive=False,
    # The sources too: the store fingerprints its schema module's source file.
    module_collection_mode={{"rejnistvo": "pyz+py"}},
)
PLUGINS_KEPT = {PLUGINS_KEPT!r}
QT_LIBS_DROPPED = {QT_LIBS_DROPPED!r}
BABEL_KEPT = {BABEL_KEPT!r}


def parts(dest):
    return dest.replace("\\\\", "/").split("/")


def wanted(dest):
    p = parts(dest)
    name = p[-1]
    stem = name.split(".")[0]
    if "plugins" in p[:-1] and "PySide6" in p:
        folder = p[p.index("plugins") + 1]
        keep = PLUGINS_KEPT.get(folder, set())
        return keep is None or stem in keep
    if any(stem in ("lib" + lib, lib) or stem.startswith("lib" + lib) or stem.startswith(lib)
           for lib in QT_LIBS_DROPPED):
        return False
    if "translations" in p and not name.endswith("_sl.qm"):
        return False  # Qt's catalogues of other languages
    if len(p) >= 2 and p[-2] == "locale-data" and "babel" in p:
        return stem in BABEL_KEPT
    return True


dropped = [d for d in a.binaries if not wanted(d[0])]
a.binaries = [d for d in a.binaries if wanted(d[0])]
sys.path.insert(0, {str(PACKAGING)!r})
import bundle_libs  # noqa: E402

a.binaries, pruned = bundle_libs.prune(a.binaries, dropped)
print("Only the dropped plugins needed:", ", ".join(sorted(pruned)) or "-")
a.datas = [d for d in a.datas if wanted(d[0])]
pyz = PYZ(a.pure)
# Python's UTF-8 mode, as on Linux: text files and a redirected console are UTF-8 on
# Windows too (not the ANSI code page), as the tests run them.
OPTIONS = [("X utf8", None, "OPTION")]
# A windowed Windows program that fails before its own error handler is set up shows
# PyInstaller's message box: without the Python traceback.
exe_gui = EXE(pyz, a.scripts, OPTIONS, exclude_binaries=True, name={NAME!r},
              console={not WINDOWS!r}, icon={str(icon)!r}, disable_windowed_traceback=True,
              version={str(version_file) if version_file else None!r}, upx=False)
{cli_exe}
coll = COLLECT({collect}, a.binaries, a.datas, name={NAME!r}, upx=False)
"""


def missing_qt_libraries(bundle: Path) -> list[str]:
    """Qt libraries some shipped binary needs but the bundle lacks (a dropped one still in
    use). ELF only: on Windows PyInstaller's own dependency scan is trusted."""
    if WINDOWS or not shutil.which("readelf"):
        return []
    present = {p.name for p in bundle.rglob("*.so*")}
    missing: set[str] = set()
    for binary in bundle.rglob("*.so*"):
        if binary.is_symlink() or not binary.is_file():
            continue
        out = subprocess.run(
            ["readelf", "-d", str(binary)], capture_output=True, text=True, check=False
        ).stdout
        for line in out.splitlines():
            if "(NEEDED)" in line and "libQt6" in line:
                lib = line.split("[", 1)[1].rstrip("]")
                if lib not in present:
                    missing.add(f"{lib} (za {binary.name})")
    return sorted(missing)


#: the menu entry's scripts beside the executable (add it; remove it before deleting)
LINUX_SCRIPTS = ("namesti-bliznjico.sh", "odstrani-bliznjico.sh")


def linux_extras(bundle: Path) -> None:
    shutil.copy2(PACKAGING / "linux" / "rejnistvo.desktop", bundle / "rejnistvo.desktop")
    # the archive may be all the clerk gets: how to start, add to the menu and remove it
    shutil.copy2(PACKAGING / "linux" / "PREBERI.txt", bundle / "PREBERI.txt")
    for name in LINUX_SCRIPTS:
        script = bundle / name
        shutil.copy2(PACKAGING / "linux" / name, script)
        script.chmod(0o755)
    shutil.copy2(ROOT / "resources" / "icons" / "rejnistvo.png", bundle / "rejnistvo.png")


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def uncommitted_changes() -> list[str]:
    """Files of the checkout that differ from its last commit (git status), or [] where
    there is no git: the bundle is built from the working tree as it is."""
    if not (ROOT / ".git").exists() or not shutil.which("git"):
        return []
    done = subprocess.run(
        [
            "git",
            "status",
            "--porcelain",
            "--untracked-files=no",
            "--",
            "rejnistvo",
            "forms",
            "resources",
            "main.py",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return [line[3:] for line in done.stdout.splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Zgradi samostojni program (PyInstaller).")
    parser.add_argument("--clean", action="store_true", help="zgradi vse znova")
    parser.add_argument("--no-archive", action="store_true", help="brez arhiva .tar.gz/.zip")
    args = parser.parse_args(argv)
    try:
        import PyInstaller.__main__ as pyinstaller  # type: ignore[import-untyped]
    except ImportError:
        print("PyInstaller ni nameščen: pip install pyinstaller", file=sys.stderr)
        return 2
    started = time.perf_counter()
    changed = uncommitted_changes()
    if changed:
        # not an error (trying a change in the bundle is what one does), but a bundle to
        # hand out is built from a commit
        shown = ", ".join(changed[:5]) + (" …" if len(changed) > 5 else "")
        print(f"Opozorilo: sveženj bo vseboval neshranjene spremembe ({shown}).", file=sys.stderr)
    ver = version()
    BUILD.mkdir(parents=True, exist_ok=True)
    staged = stage(BUILD / "stage")
    version_file = windows_version_file(BUILD / "version.txt", ver) if WINDOWS else None
    spec = BUILD / f"{NAME}.spec"
    spec.write_text(spec_text(staged, ver, version_file), encoding="utf-8")
    options = [str(spec), "--noconfirm", "--distpath", str(DIST), "--workpath", str(BUILD / "work")]
    if args.clean:
        options.append("--clean")
    pyinstaller.run(options)
    bundle = DIST / NAME
    missing = missing_qt_libraries(bundle)
    if missing:
        print("Manjkajo knjižnice Qt: " + ", ".join(missing), file=sys.stderr)
        return 1
    if not WINDOWS:
        linux_extras(bundle)
    size = folder_size(bundle)
    print(f"\nSveženj: {bundle}")
    print(f"Velikost mape: {size / 2**20:.0f} MiB, datotek: {sum(1 for _ in bundle.rglob('*'))}")
    if not args.no_archive:
        if WINDOWS:
            archive = shutil.make_archive(str(DIST / f"{NAME}-{ver}-windows"), "zip", DIST, NAME)
        else:
            archive = str(DIST / f"{NAME}-{ver}-linux.tar.gz")
            with tarfile.open(archive, "w:gz") as tar:
                tar.add(bundle, arcname=NAME)
        print(f"Arhiv: {archive} ({Path(archive).stat().st_size / 2**20:.0f} MiB)")
    if WINDOWS:
        print(f"Namestitveni program: iscc /DAppVersion={ver} packaging\\rejnistvo.iss")
    print(f"Čas gradnje: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
