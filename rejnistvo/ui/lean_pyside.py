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
  cache folder (:class:`CodeCache`, the folder of ``printing.font_cache``; in portable
  mode the portable one) and used when the source, the compile flags and the Python are
  the same; anything else (missing, stale, damaged) is compiled as before and the cache
  written again. ``marshal``, as Python's own ``.pyc`` files.

Should PySide6 change, nothing breaks: a pattern is still compiled when used (only
later), an import hook of another shape is left alone, and source the cache has not
seen is compiled.
"""

from __future__ import annotations
import __future__

import builtins
import functools
import hashlib
import importlib.util
import marshal
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rejnistvo.deferred_patterns import DeferredPattern

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


#: the compile flags a ``compile()`` inherits from its caller's ``from __future__``
_FUTURE_FLAGS = functools.reduce(
    lambda flags, name: flags | getattr(__future__, name).compiler_flag,
    __future__.all_feature_names,
    0,
)
#: the file's first bytes: ours, and the bytecode's version (Python's own .pyc magic:
#: it changes whenever code objects are written differently, also within 3.11.x)
_MAGIC = b"REJNISTVO-CODE\n" + importlib.util.MAGIC_NUMBER
_DIGEST = 20  # SHA-1 of the payload: a damaged or half-written file is never loaded


def cache_file() -> Path:
    """Where the compiled support code is kept: the program's cache folder, as the
    window will choose it (``REJNISTVO_CACHE_DIR``, else portable or the user's)."""
    from rejnistvo.locations import CACHE_ENV, choose_locations

    base = os.environ.get(CACHE_ENV)
    folder = Path(base) if base else choose_locations("--portable" in sys.argv[1:]).cache
    return folder / "pyside" / f"support.{sys.implementation.cache_tag}.code"


class CodeCache:
    """``compile()`` of the support package's modules, answered from a file when the
    same source was compiled the same way before (a dict of code objects by a key of
    the file name, mode, effective flags, optimization level and SHA-1 of the source)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.codes: dict[tuple[Any, ...], Any] = {}
        #: the keys this process asked for: what is written back (the code of a source
        #: PySide6 no longer has, after an upgrade, is dropped rather than kept forever)
        self.used: set[tuple[Any, ...]] = set()
        self.missed = self.found = 0
        self._real = builtins.compile
        try:
            data = path.read_bytes()
        except OSError:
            return
        payload = data[len(_MAGIC) + _DIGEST :]
        if data[: len(_MAGIC)] != _MAGIC or data[len(_MAGIC) : len(_MAGIC) + _DIGEST] != (
            hashlib.sha1(payload).digest()
        ):
            return
        try:
            codes = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return
        if isinstance(codes, dict):
            self.codes = codes

    def compile(
        self,
        source: Any,
        filename: Any,
        mode: str,
        flags: int = 0,
        dont_inherit: bool = False,
        optimize: int = -1,
        **kwargs: Any,
    ) -> Any:
        if not dont_inherit:
            # what compile() itself would take from the calling code's __future__ imports
            flags |= sys._getframe(1).f_code.co_flags & _FUTURE_FLAGS
        if kwargs or not isinstance(source, (str, bytes)) or not isinstance(filename, str):
            return self._real(source, filename, mode, flags, True, optimize, **kwargs)
        raw = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source
        level = sys.flags.optimize if optimize == -1 else optimize
        key = (filename, mode, flags, level, type(source).__name__, hashlib.sha1(raw).digest())
        code = self.codes.get(key)
        self.used.add(key)
        self.found += code is not None
        if code is None:
            code = self.codes[key] = self._real(source, filename, mode, flags, True, optimize)
            self.missed += 1
        return code

    def save(self) -> None:
        """Write the codes when something was compiled (a cache folder that cannot be
        written only costs the compiling)."""
        if not self.missed:
            return
        try:
            payload = marshal.dumps({key: self.codes[key] for key in self.used})
        except ValueError:
            return
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(_MAGIC + hashlib.sha1(payload).digest() + payload)
            os.replace(tmp, self.path)
        except OSError:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass


@contextmanager
def _compiled_from(cache: CodeCache) -> Iterator[None]:
    """Within the block, ``compile()`` is the cache's (at the start, in one thread)."""
    real = builtins.compile
    builtins.compile = cache.compile
    try:
        yield
    finally:
        builtins.compile = real
    cache.save()


def restore_plain_import() -> None:
    """Put back the import statement PySide6 wraps for ``__feature__`` (see above); any
    other arrangement (no hook, a hook of someone else) is left alone."""
    import builtins

    hook = getattr(builtins, "__feature_import__", None)
    plain = getattr(builtins, "__orig_import__", None)
    if hook is not None and plain is not None and builtins.__import__ is hook:
        builtins.__import__ = plain


def load() -> None:
    """Import PySide6's core module the lean way (once; later calls only make sure the
    import hook is out)."""
    global loaded_with
    if "PySide6.QtCore" not in sys.modules:
        loaded_with = CodeCache(cache_file())
        with _patterns_on_first_use(), _compiled_from(loaded_with):
            import PySide6.QtCore  # noqa: F401
    restore_plain_import()


#: the code cache PySide6's support package was loaded with (None: loaded elsewhere)
loaded_with: CodeCache | None = None


load()
