"""Code the window's start compiles from text, kept compiled between starts (issue 13).

No Qt here: ``rejnistvo.ui.app`` uses it before it imports PySide6.

* PySide6's support package is Python source inside the shiboken6 library, compiled
  with ``compile()`` at every start (``rejnistvo.ui.lean_pyside``, :func:`compiled_from`).
* Every ``@dataclass`` writes its ``__init__``, ``__repr__``, ``__eq__`` … as text and
  runs it with ``exec()``, every ``namedtuple`` its ``__new__`` with ``eval()``: the
  start's 34 dataclasses and ~24 named tuples (our rules and store, sqlite-utils) make
  ~210 such texts, ~20 ms of compiling at every start for the same texts. Within
  :func:`texts_executed_from` (the start in ``ui/app.py``), ``exec()``/``eval()`` of a
  text with its own globals runs the code compiled from the same text the same way
  before; any other call is the built-in's.

The kept code is a :class:`CodeCache` file in the program's cache folder (``pyside/``;
in portable mode the portable one): a dict of code objects by the file name, mode,
compile flags, optimization level and source hash of the text, written with ``marshal``
(as Python's own ``.pyc`` files) under Python's bytecode magic and the source hash of the
whole, only when something was compiled, and only what this process asked for (code of a
text no longer made is dropped). A missing, stale or damaged file costs only the compiling.

The hash is ``importlib.util.source_hash``, the one Python's hash-based ``.pyc`` files
identify their source by (64-bit SipHash): this cache is no defence against someone who
can write the user's cache folder (they could write the code itself), and a start hashes
~550 KB with it (both files read and every text compiled): with SHA-1 that was 5.7
million more machine instructions, 0.8 % of a start at 20,000 placements.
"""

from __future__ import annotations
import __future__

import builtins
import functools
import importlib.util
import marshal
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: the compile flags a ``compile()`` inherits from its caller's ``from __future__``
_FUTURE_FLAGS = functools.reduce(
    lambda flags, name: flags | getattr(__future__, name).compiler_flag,
    __future__.all_feature_names,
    0,
)
#: the file's first bytes: ours (2: keyed by source hash, no longer SHA-1), and the
#: bytecode's version (Python's own .pyc magic: it changes whenever code objects are
#: written differently, also within 3.11.x)
_MAGIC = b"REJNISTVO-CODE2\n" + importlib.util.MAGIC_NUMBER
_DIGEST = 8  # the payload's source hash: a damaged or half-written file is never loaded
_hash = importlib.util.source_hash


def cache_file(name: str = "support") -> Path:
    """Where kept code of ``name`` is: the program's cache folder, as the window will
    choose it (``REJNISTVO_CACHE_DIR``, else portable or the user's)."""
    from rejnistvo.locations import CACHE_ENV, choose_locations

    base = os.environ.get(CACHE_ENV)
    folder = Path(base) if base else choose_locations("--portable" in sys.argv[1:]).cache
    return folder / "pyside" / f"{name}.{sys.implementation.cache_tag}.code"


class CodeCache:
    """``compile()`` answered from a file when the same source was compiled the same way
    before (a dict of code objects by a key of the file name, mode, effective flags,
    optimization level and source hash of the source)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.codes: dict[tuple[Any, ...], Any] = {}
        #: the keys this process asked for: what is written back (the code of a source
        #: no longer compiled, e.g. after an upgrade, is dropped rather than kept forever)
        self.used: set[tuple[Any, ...]] = set()
        self.missed = self.found = 0
        self._unsaved = 0  # compiled since the file was last written
        self._real = builtins.compile
        try:
            data = path.read_bytes()
        except OSError:
            return
        payload = data[len(_MAGIC) + _DIGEST :]
        if data[: len(_MAGIC)] != _MAGIC or data[len(_MAGIC) : len(_MAGIC) + _DIGEST] != (
            _hash(payload)
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
        key = (filename, mode, flags, level, type(source).__name__, _hash(raw))
        code = self.codes.get(key)
        self.used.add(key)
        self.found += code is not None
        if code is None:
            code = self.codes[key] = self._real(source, filename, mode, flags, True, optimize)
            self.missed += 1
            self._unsaved += 1
        return code

    def save(self) -> None:
        """Write the codes when something was compiled (a cache folder that cannot be
        written only costs the compiling)."""
        if not self._unsaved:
            return
        try:
            payload = marshal.dumps({key: self.codes[key] for key in self.used})
        except ValueError:
            return
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(_MAGIC + _hash(payload) + payload)
            os.replace(tmp, self.path)
            self._unsaved = 0
        except OSError:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass


@contextmanager
def compiled_from(cache: CodeCache) -> Iterator[None]:
    """Within the block, ``compile()`` is the cache's (at the start, in one thread)."""
    real = builtins.compile
    builtins.compile = cache.compile
    try:
        yield
    finally:
        builtins.compile = real
    cache.save()


def cached_exec(cache: CodeCache, real: Any = builtins.exec, mode: str = "exec") -> Any:
    """``exec`` (or, with ``mode="eval"``, ``eval``) that runs a text given with its
    globals (what ``dataclasses`` and ``namedtuple`` do) as the cache's code of that text;
    anything else as ``real``."""

    def run(source: Any, globals: Any = None, locals: Any = None, /, **kwargs: Any) -> Any:
        caller = sys._getframe(1)
        if isinstance(source, str) and globals is not None and not kwargs:
            # the built-ins compile a text as "<string>", with their caller's __future__
            # flags; eval() first drops the spaces and tabs a text starts with
            flags = caller.f_code.co_flags & _FUTURE_FLAGS
            text = source.lstrip(" \t") if mode == "eval" else source
            return real(cache.compile(text, "<string>", mode, flags, True), globals, locals)
        if globals is None:  # the caller's namespaces, as the built-in takes them
            globals = caller.f_globals
            if locals is None:
                locals = caller.f_locals
        return real(source, globals, locals, **kwargs)

    run.__wrapped__ = real  # type: ignore[attr-defined]
    return run


@contextmanager
def texts_executed_from(cache: CodeCache, *, save: bool = True) -> Iterator[CodeCache]:
    """Within the block, ``exec()`` and ``eval()`` of a text run the cache's code of it
    (the start's imports, in one thread; a thread that calls them meanwhile gets the
    same result); with ``save`` the cache is written after the block when it compiled
    something (what it has kept so far: a later block may add to it)."""
    real_exec, real_eval = builtins.exec, builtins.eval
    builtins.exec = cached_exec(cache, real_exec)
    builtins.eval = cached_exec(cache, real_eval, "eval")
    try:
        yield cache
    finally:
        if getattr(builtins.exec, "__wrapped__", None) is real_exec:
            builtins.exec = real_exec
        if getattr(builtins.eval, "__wrapped__", None) is real_eval:
            builtins.eval = real_eval
    if save:
        cache.save()
