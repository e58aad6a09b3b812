"""reportlab's start-up, made cheaper without changing what it does.

Importing platypus compiles two regular expressions that a `print` process never uses:
`reportlab.platypus.paragraph.uri_pat`, a Django-derived URL pattern with case folding
over the range ¡…U+FFFF (about 60 ms — half of what importing the rest of platypus
costs), used only to split a long URL across lines when a paragraph hyphenates
(`hyphenationLang`, which no document of ours sets); and `reportlab.lib.textsplit.rx`
(U+2E80…U+FFFF, 7–10 ms), used only by `cjkwrap` for Chinese/Japanese text.

`defer_uri_pattern` puts a stand-in under each exact pattern in `re`'s own compile cache
before platypus is imported: `re.compile` returns it, and it compiles the real pattern on
first use, so the rare caller still gets the same match. If reportlab's pattern or
Python's `re` cache ever differ from what is below, nothing is deferred and reportlab
compiles the pattern itself as before (only slower); nothing can match differently.
"""

from __future__ import annotations

import re
import threading
from typing import Any

# reportlab 4.x/5.x platypus/paragraph.py, `uri_pat` (flags re.I)
URI_PATTERN = (
    "(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?(?:(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)"
    "(?:\\.(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)){3}|\\[[0-9a-f:\\.]+\\]|([a-z\xa1-\uffff0-9]"
    "(?:[a-z\xa1-\uffff0-9-]{0,61}[a-z\xa1-\uffff0-9])?(?:\\.(?!-)[a-z\xa1-\uffff0-9-]{1,63}"
    "(?<!-))*\\.(?!-)(?:[a-z\xa1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?|localhost))"
    "(?::\\d{2,5})?(?:[/?#][^\\s]*)?\\Z"
)
URI_FLAGS = int(re.IGNORECASE)
# reportlab lib/textsplit.py, `rx` (flags re.UNICODE)
CJK_PATTERN = "([\u2e80-\uffff])"
CJK_FLAGS = int(re.UNICODE)
DEFERRED = ((URI_PATTERN, URI_FLAGS), (CJK_PATTERN, CJK_FLAGS))


class DeferredPattern:
    """Stands for `re.compile(pattern, flags)`; compiles it on first use."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None
        self._lock = threading.Lock()

    def compiled(self) -> re.Pattern[str]:
        with self._lock:
            if self._compiled is None:
                _forget(self, self._pattern, self._flags)  # re.compile must build it
                self._compiled = re.compile(self._pattern, self._flags)
            return self._compiled

    @property
    def is_compiled(self) -> bool:
        return self._compiled is not None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)


def _caches() -> list[dict[Any, Any]]:
    """`re`'s compile caches (3.11: `_cache`; 3.12+ also `_cache2`), if they are dicts."""
    return [
        c
        for c in (getattr(re, "_cache", None), getattr(re, "_cache2", None))
        if isinstance(c, dict)
    ]


def _forget(stand_in: DeferredPattern, pattern: str, flags: int) -> None:
    key = (str, pattern, flags)
    for cache in _caches():
        if cache.get(key) is stand_in:
            del cache[key]


def defer_uri_pattern() -> None:
    """Before `reportlab.platypus` is first imported: let its two unused patterns compile
    on first use."""
    import sys

    if "reportlab.lib.textsplit" in sys.modules or "reportlab.platypus.paragraph" in sys.modules:
        return  # too late: already compiled
    caches = _caches()
    if not caches:
        return
    for pattern, flags in DEFERRED:
        key = (str, pattern, flags)
        if all(key not in cache for cache in caches):
            caches[0][key] = DeferredPattern(pattern, flags)
