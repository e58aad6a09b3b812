"""PySide6 loaded without what the window never uses from its start-up (issue 13).

Imported by ``rejnistvo.ui.app`` before anything else of PySide6 (``load()`` runs at
import). Two things PySide6 does on every start cost the window's first screen ~35 ms of
processor time and give it nothing:

* Its support package (``shibokensupport``, which builds signatures and ``.pyi`` text)
  compiles three large regular expressions when imported, ~17 ms: brace matchers for the
  argument lists of a signature and for ``Optional``/``Union`` in generated stubs. They
  are used only when a signature is asked for (``inspect.signature``, an error message
  naming the overloads) or stubs are written. While PySide6 loads, ``re.compile`` called
  from that package returns a :class:`LazyPattern`, compiled on first use; the package
  keeps bound methods (``rec.finditer``, ``brace_searcher.split``), so a method taken is
  compiled on its first call, not when taken. Everything else (the standard library it
  imports) compiles as always.
* It replaces the import statement with a hook for ``from __feature__ import
  snake_case`` (and ``true_property``), which this program never uses: the hook calls into
  Python at every import statement and, for every module first met after PySide6, reads
  the module's source to look for the word "PySide6" (``inspect.getsource``), ~90 modules
  and ~20 ms at the start, and again for every screen opened later. A module never marked
  that way is treated as one that selects no feature, which is every module here. The
  import it wraps (``__orig_import__``, PySide6's own lazy import of its classes) is put
  back (:func:`restore_plain_import`).

* Its support package is Python source kept inside the shiboken6 library, compiled at
  every start (no ``.pyc``): ~150 KB, ~20 ms. The compiled code is kept in the user's
  cache folder (``rejnistvo.ui.code_cache.CodeCache``, the folder of
  ``printing.font_cache``; in portable mode the portable one) and used when the source, the compile flags and the Python are
  the same; anything else (missing, stale, damaged) is compiled as before and the cache
  written again. ``marshal``, as Python's own ``.pyc`` files.

* It makes each Qt enum class (~240 of them before the first screen's rows, ~110 when
  ``Qt`` is first used) through Python's enum functional API, ~20-30 µs a member:
  :mod:`rejnistvo.ui.quick_enums` builds the same classes ~3× quicker.

Should PySide6 change, nothing breaks: a pattern is still compiled when used (only
later), an import hook of another shape is left alone, and source the cache has not
seen is compiled.
"""

from __future__ import annotations

import builtins
import functools
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rejnistvo.deferred_patterns import DeferredPattern
from rejnistvo.ui import quick_enums
from rejnistvo.ui.code_cache import CodeCache, cache_file
from rejnistvo.ui.code_cache import compiled_from as _compiled_from

__all__ = ["CodeCache", "LazyPattern", "cache_file", "load", "restore_plain_import"]

#: the package PySide6 loads from inside shiboken6 (its modules' ``__name__``)
SUPPORT_PACKAGE = "shibokensupport"

_METHODS = frozenset(
    {"search", "match", "fullmatch", "split", "findall", "finditer", "sub", "subn", "scanner"}
)


def _call(pattern: DeferredPattern, method: str, *args: Any, **kwargs: Any) -> Any:
    return getattr(pattern.compiled(), method)(*args, **kwargs)


class LazyPattern(DeferredPattern):
    """A :class:`DeferredPattern` whose methods, once taken, compile it on their first
    call: ``split = pattern.split`` keeps it uncompiled."""

    def __getattr__(self, name: str) -> Any:
        if name in _METHODS:
            return functools.partial(_call, self, name)
        return super().__getattr__(name)


@contextmanager
def _patterns_on_first_use(package: str = SUPPORT_PACKAGE) -> Iterator[None]:
    """Within the block, ``re.compile`` called from ``package``'s modules returns a
    :class:`LazyPattern` (at the start, in one thread)."""
    real = re.compile

    def compile_when_used(pattern: Any, flags: int = 0) -> Any:
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if caller == package or caller.startswith(package + "."):
            return LazyPattern(pattern, flags)
        return real(pattern, flags)

    re.compile = compile_when_used
    try:
        yield
    finally:
        re.compile = real


def restore_plain_import() -> None:
    """Put back the import statement PySide6 wraps for ``__feature__`` (see above); any
    other arrangement (no hook, a hook of someone else) is left alone."""

    hook = getattr(builtins, "__feature_import__", None)
    plain = getattr(builtins, "__orig_import__", None)
    if hook is not None and plain is not None and builtins.__import__ is hook:
        builtins.__import__ = plain


def load() -> None:
    """Import PySide6's core module the lean way (once; later calls only make sure the
    import hook is out)."""
    global loaded_with
    quick_enums.install()  # every Qt enum class PySide6 makes from now on
    if "PySide6.QtCore" not in sys.modules:
        loaded_with = CodeCache(cache_file())
        with _patterns_on_first_use(), _compiled_from(loaded_with):
            import PySide6.QtCore  # noqa: F401
    restore_plain_import()


#: the code cache PySide6's support package was loaded with (None: loaded elsewhere)
loaded_with: CodeCache | None = None


load()
