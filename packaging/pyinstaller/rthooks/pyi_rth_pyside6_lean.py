"""Run-time hook of the bundle for PySide6, in place of PyInstaller's own (packaging/build.py
passes this folder as ``hookspath``; its ``rthooks.dat`` names this file for ``PySide6``,
and PyInstaller then skips its built-in ``pyi_rth_pyside6``).

PyInstaller's hook imports ``PySide6.QtCore`` before the program's first line, only to
register a ``qt.conf`` that PySide6 registers itself (``libpyside`` sets Qt's prefix to
the bundled ``PySide6/Qt`` folder, also frozen and in folders named with č, š, ž). That
import costs every ``Rejnistvo calc`` process Qt's start, and it comes before
``rejnistvo.ui.lean_pyside`` can load PySide6 the lean way (compiled support code cached
on disk, lazy regular expressions, no ``__feature__`` import hook), so the window lost
those too. Its other work is not needed here: Qml's import path (no Qml), ``PATH`` for
QtNetwork's OpenSSL on Windows (no network), ``QT_PLUGIN_PATH`` (the ``qt.conf`` prefix
finds the plugins).

On Linux the bootloader starts the program with ``LD_LIBRARY_PATH`` pointing at the
bundle. The dynamic loader reads that variable once, when the process starts; left in
the environment it only goes to child processes: the file manager or PDF viewer that
"open folder" starts through ``xdg-open`` would load the bundle's Qt, GLib and libstdc++
instead of their own and fail to start. Put back as it was before the bundle started.
"""


def _restore_library_path() -> None:
    import os

    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)


_restore_library_path()
del _restore_library_path
