"""Which face of the program a start wants: the headless CLI of SPEC 6 or the window.

Qt-free and imported first by ``main.py`` (the bundle's ``Rejnistvo``; :func:`start` is
the whole of it, and the entry a wheel's window script should name), so that
``Rejnistvo calc …`` runs the CLI without importing the window's start (PySide6, the first
screen's services): in the bundle that import cost a ``calc`` process more than the
calculation. ``rejnistvo.ui.app.run`` asks the same question.
"""

from __future__ import annotations

import _thread
import gc
import importlib
import sys
from collections.abc import Callable
from pathlib import Path

#: the Windows bundle's console executable: the CLI only (its --help, its errors)
CLI_EXECUTABLE = "rejnistvo-cli"


def wants_cli(args: list[str]) -> bool:
    """A first argument that is not an option (``calc``, ``print`` …) is a command; the
    Windows console executable runs nothing else."""
    if getattr(sys, "frozen", False) and Path(sys.executable).stem == CLI_EXECUTABLE:
        return True
    return bool(args) and not args[0].startswith("-")


#: Modules the window's start imports (the standard library's with PySide6, sqlite-utils
#: and argparse; platformdirs for its folders) whose import-time regular expressions
#: nothing before the first screen's rows uses: ``string.Template``'s, ``logging``'s for
#: ``{``-style formats (its check of a ``%`` format compiles when the log is set up),
#: ``json``'s pure-Python scanner and encoder (its C ones are used) and platformdirs'
#: parser of ``user-dirs.dirs`` (Documents, Downloads …). Each uses them only as methods
#: of the pattern (a stand-in is no ``re.Pattern``: ``gettext``, which passes its pattern
#: to ``re.finditer``, and ``textwrap``, imported with ``site``, are not here).
START_PATTERNS_UNUSED = ("string", "logging", "json", "platformdirs")


def window_start_imports() -> None:
    """Import ``START_PATTERNS_UNUSED`` with their own patterns compiled on first use
    (``deferred_patterns.compiled_on_first_use``): a caller that does use one gets the
    same match, only later. Called by ``main.py`` before the window's start imports
    them; one imported already (or missing) is left as it is."""
    from rejnistvo.deferred_patterns import compiled_on_first_use

    for name in START_PATTERNS_UNUSED:
        if name in sys.modules:
            continue
        with compiled_on_first_use(name):
            try:
                importlib.import_module(name)
            except ImportError:  # (platformdirs is a dependency: never met)
                continue


#: the library Qt's font database on Linux is built from (the soname QtGui links to)
FONTCONFIG = "libfontconfig.so.1"


def fontconfig_ahead(library: str = FONTCONFIG) -> bool:
    """Start fontconfig's set-up (``FcInit``) in a thread of its own, while the window's
    start imports its modules; False where there is nothing to start.

    On Linux Qt's first text reads the system's fontconfig configuration (~35 XML files
    in /etc/fonts, ~24 M instructions, ~10 ms) on the main thread, at the first paint;
    a bare window, with no text, never does. Done beside, that work uses the other core
    and Qt's own ``FcInit`` later finds the configuration loaded: the same configuration,
    the same fonts. fontconfig publishes its configuration with an atomic exchange, so
    a ``FcInit`` that comes while this one still runs makes its own and is correct too,
    only not sooner. Windows and macOS have no fontconfig; a library that cannot be
    loaded leaves Qt to do it all as before."""
    if not sys.platform.startswith("linux"):
        return False
    init = fontconfig_init(library)
    if init is None:
        return False
    # A bare thread: threading.Thread.start waits until the new thread runs (on a busy
    # machine a time slice, 1-8 ms of the start); like a daemon, a start that ends early
    # (--help) does not wait for it.
    _thread.start_new_thread(init, ())
    return True


def fontconfig_init(library: str = FONTCONFIG) -> Callable[[], None] | None:
    """fontconfig's ``FcInit`` as a function (its result, a flag, is not wanted), or
    None when the library or the function cannot be found. Called through ctypes' own C
    module: the ``ctypes`` package, which nothing else of the start imports, would cost
    the main thread ~7 M instructions (its types and a libffi callback made at import)
    of the ~24 M this saves; ``_ctypes`` ~1 M. The call releases the GIL, as ctypes'
    calls do, so the main thread's imports go on meanwhile."""
    import _ctypes

    class VoidFunction(_ctypes.CFuncPtr):  # ctypes.CFUNCTYPE(None) without the package
        _flags_ = _ctypes.FUNCFLAG_CDECL
        _restype_ = None

    try:
        return VoidFunction(_ctypes.dlsym(_ctypes.dlopen(library), "FcInit"))
    except OSError:  # no such library, or no FcInit in it
        return None


def start(argv: list[str] | None = None) -> int:
    """The program as ``main.py`` starts it: a command runs the CLI as the whole process;
    anything else the window, its start imported the quick way. Its exit status.

    The start's imports (some 300 modules) make objects that live as long as the program
    and no garbage cycles: the collector made 40 passes over them while importing (15–20
    ms), so it waits, and what was imported is then frozen, out of its passes (a pass
    right after would walk it all at once). The window's own start does the same. The
    wheel's ``rejnistvo-okno`` names this function too; a caller that imported
    ``rejnistvo.ui.app`` first gets neither."""
    args = list(sys.argv[1:] if argv is None else argv)
    if wants_cli(args):  # a command: the window's start is not imported
        from rejnistvo.cli import main

        return main(args, whole_process=True)  # the command is the process
    fontconfig_ahead()  # beside the imports: the first paint's fonts
    gc.disable()
    window_start_imports()  # before the window's start: patterns it never uses wait
    # by name: the window's modules are outside what mypy checks (pyproject), and a
    # plain import from this checked module would have it check them all
    window = importlib.import_module("rejnistvo.ui.app")
    gc.freeze()
    gc.enable()
    return int(window.run(args))
