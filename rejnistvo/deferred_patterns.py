"""Regular expressions a library compiles when imported, compiled on first use instead.

Two libraries every start loads compile patterns this program rarely or never uses, and
``re`` spends tens of milliseconds on each that folds case over ``\\u0080``–``\\uffff``:
reportlab's platypus (a URL pattern, ~60 ms, and a CJK splitter) and sqlite-utils (its
``CREATE VIRTUAL TABLE`` parser, 26 ms). A :class:`DeferredPattern` stands in for such a
pattern and compiles the real one when a method or attribute (``match``, ``split``,
``pattern`` …) is first asked for, so a caller that does use it gets the same match, only
later. It gets there one of two ways:

* :func:`seed_re_cache` — put under an exact (pattern, flags) in ``re``'s own compile
  cache before the library is imported: its ``re.compile`` returns the stand-in (reportlab,
  whose patterns are compiled from several modules at different times);
* :func:`compiled_on_first_use` — while a library is being imported, ``re.compile``
  called from the library's own modules returns stand-ins (sqlite-utils, imported once).
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_compile = re.compile


class DeferredPattern:
    """Stands for `re.compile(pattern, flags)`; compiles it on first use."""

    def __init__(self, pattern: Any, flags: int) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[Any] | None = None
        self._lock = threading.Lock()

    def compiled(self) -> re.Pattern[Any]:
        with self._lock:
            if self._compiled is None:
                _forget(self, self._pattern, self._flags)  # re.compile must build it
                self._compiled = _compile(self._pattern, self._flags)
            return self._compiled

    @property
    def is_compiled(self) -> bool:
        return self._compiled is not None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)


def re_caches() -> list[dict[Any, Any]]:
    """`re`'s compile caches (3.11: `_cache`; 3.12+ also `_cache2`), if they are dicts."""
    return [
        c
        for c in (getattr(re, "_cache", None), getattr(re, "_cache2", None))
        if isinstance(c, dict)
    ]


def _forget(stand_in: DeferredPattern, pattern: Any, flags: int) -> None:
    key = (type(pattern), pattern, flags)
    for cache in re_caches():
        if cache.get(key) is stand_in:
            del cache[key]


def seed_re_cache(patterns: tuple[tuple[str, int], ...]) -> None:
    """Put a stand-in under each (pattern, flags) ``re`` has not compiled yet. If ``re``
    keeps no cache this way, nothing is deferred (only slower, never different)."""
    caches = re_caches()
    if not caches:
        return
    for pattern, flags in patterns:
        key = (str, pattern, flags)
        if all(key not in cache for cache in caches):
            caches[0][key] = DeferredPattern(pattern, flags)


@contextmanager
def compiled_on_first_use(package: str) -> Iterator[None]:
    """Within the block, ``re.compile`` called from ``package``'s own modules returns a
    :class:`DeferredPattern`; everything else (the standard library it imports) compiles
    as always. Meant for the import of ``package``, at the start, in one thread."""

    def compile_when_used(pattern: Any, flags: int = 0) -> Any:
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if caller == package or caller.startswith(package + "."):
            return DeferredPattern(pattern, flags)
        return real(pattern, flags)

    real = re.compile
    re.compile = compile_when_used
    try:
        yield
    finally:
        re.compile = real
