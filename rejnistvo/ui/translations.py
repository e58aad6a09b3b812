"""Slovenian for Qt's own strings (buttons, file and print dialogs, context menus).

Qt ships no ``qtbase_sl``; its old ``qt_sl`` covers part of the file dialog and the
line-edit menu but not the standard buttons (context ``QPlatformTheme``). We ship our
own catalogue, ``resources/i18n/qt_sl.ts``, installed last so it wins over Qt's.

The ``.qm`` is compiled at build time (setup.py for the wheel, packaging/build.py for the
bundle). A checkout or an editable install has only the ``.ts``: the first start compiles
it with PySide6's ``lrelease`` into the user cache folder, keyed by the ``.ts`` content so
an edited catalogue is recompiled. The binary ``.qm`` is never committed.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from rejnistvo.resources import resource_path

log = logging.getLogger("rejnistvo.ui")

CATALOGUE = "qt_sl"


def lrelease() -> Path | None:
    import PySide6

    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    binary = Path(PySide6.__file__).resolve().parent / name
    return binary if binary.is_file() else None


def compile_catalogue(ts: Path, qm: Path) -> bool:
    """ts → qm with PySide6's lrelease; False (logged) when that is not possible."""
    tool = lrelease()
    if tool is None:
        log.warning("lrelease is missing: Qt's base strings stay in English")
        return False
    import subprocess  # only when a catalogue is compiled (once), not at every start

    qm.parent.mkdir(parents=True, exist_ok=True)
    partial = qm.with_suffix(".part")
    try:
        subprocess.run(
            [str(tool), "-silent", str(ts), "-qm", str(partial)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        partial.replace(qm)  # whole or nothing: a second window may start meanwhile
    except (OSError, subprocess.SubprocessError):
        log.exception("compiling %s", ts)
        return False
    return True


def program_catalogue(cache_dir: Path | None) -> Path | None:
    """Our compiled Qt catalogue: the shipped .qm, else the .ts compiled into cache_dir."""
    shipped = resource_path("i18n", f"{CATALOGUE}.qm", must_exist=False)
    if shipped.is_file():
        return shipped
    source = resource_path("i18n", f"{CATALOGUE}.ts", must_exist=False)
    if not source.is_file() or cache_dir is None:
        return None
    # keyed as Python's hash-based .pyc files key their source (a third of SHA-256's time)
    from importlib.util import source_hash

    digest = source_hash(source.read_bytes()).hex()
    compiled = cache_dir / "i18n" / f"{CATALOGUE}-{digest}.qm"
    if compiled.is_file() or compile_catalogue(source, compiled):
        return compiled
    return None


def install_translators(app: QCoreApplication, cache_dir: Path | None) -> list[QTranslator]:
    """Slovenian locale, Qt's own partial catalogue, then ours on top (the translator
    installed last is asked first). Returns the translators: keep them alive."""
    QLocale.setDefault(QLocale(QLocale.Language.Slovenian, QLocale.Country.Slovenia))
    loaded: list[QTranslator] = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_sl", "qt_sl"):
        translator = QTranslator(app)
        if translator.load(name, qt_folder):
            app.installTranslator(translator)
            loaded.append(translator)
    ours = program_catalogue(cache_dir)
    if ours is not None:
        translator = QTranslator(app)
        if translator.load(str(ours)):
            app.installTranslator(translator)
            loaded.append(translator)
        else:
            log.warning("cannot load %s", ours)
    # Qt's own look, like its texts: disabled fields (a decided case) readable
    from rejnistvo.ui.palette import readable_disabled_texts

    readable_disabled_texts(app)
    return loaded
