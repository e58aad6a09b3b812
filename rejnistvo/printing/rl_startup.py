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

`defer_module` does the same for whole modules a `print` process imports but never uses:
`reportlab.lib.utils` imports Pillow's `PIL.Image` (20–40 ms) for bitmaps, which no form
draws; python-stdnum's `stdnum.util` imports `ssl`, `pydoc` and `pkgutil` (20 ms) for its
online checks and its module descriptions, never for an EMŠO; and the `reportlab.platypus`
package imports all of platypus (tables, too, which R-1 and R-4 have none of) for the
names it re-exports, while our modules import from its submodules. Such a module is put in
`sys.modules` with its code not run yet; the code runs when one of its names is first
used, so a caller that does use it gets the same module, only later.

`compile_patterns_on_first_use` is for modules whose code a `print` needs but whose
import-time patterns it never (or once) uses: `platform` (reportlab.lib.utils asks it
whether this is PyPy, which needs one of its nine patterns), `reportlab.lib.rl_safe_eval`
(an alternation of ~100 names for its safe `eval`, which no form runs), `logging`
(reportlab's frames get a logger; the patterns check a Formatter's format), `fractions`
(the rules' money; the pattern parses a Fraction from text), `_markupbase` (HTML
declarations and comments, which our paragraph markup has none of): 18 M machine
instructions of a `print r4`; and `reportlab.platypus.paragraph` (hyphenation and link
patterns: no style of ours hyphenates, no text has links), `reportlab.platypus.paraparser`
(lengths with units, underline offsets), `reportlab.lib.colors` (CSS colour functions) and
`string` (`Template`, which logging imports for `$` formats): 11 M more (2.3 %). When one of them is imported, its own `re.compile` calls return
stand-ins compiled on first use (`deferred_patterns.compiled_on_first_use`); the
module is otherwise loaded as always and keeps its own loader.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import threading
import types
from typing import Any

from rejnistvo.deferred_patterns import DeferredPattern, compiled_on_first_use, seed_re_cache

__all__ = [
    "PATTERNS_UNUSED",
    "PRINT_UNUSED",
    "STDNUM_UNUSED",
    "DeferredPattern",
    "compile_patterns_on_first_use",
    "defer_module",
    "defer_modules",
    "defer_uri_pattern",
]

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


def defer_uri_pattern() -> None:
    """Before `reportlab.platypus` is first imported: let its two unused patterns compile
    on first use."""
    if "reportlab.lib.textsplit" in sys.modules or "reportlab.platypus.paragraph" in sys.modules:
        return  # too late: already compiled
    seed_re_cache(DEFERRED)


#: Modules reportlab imports for what no document of ours does (bitmaps), and the
#: `reportlab.platypus` package's own code, which imports every part of platypus (tables,
#: multi-column frames, preformatted text) for its re-exported names: our modules import
#: the parts they use from the submodules, which loads only those.
REPORTLAB_UNUSED = ("PIL.Image", "reportlab.platypus")
#: Modules python-stdnum imports for what an EMŠO check never does (online checks, docs).
STDNUM_UNUSED = ("ssl", "pydoc", "pkgutil")
#: Standard modules a `print` process imports (each importer only binds the module and
#: uses it inside functions the printing never calls) — 5 % of the process's machine
#: instructions: `inspect` (with `dis`, `tokenize`, `linecache`; dataclasses asks it for
#: a signature only for a class without a docstring, reportlab's safe eval only when a
#: document evaluates an expression), `textwrap` (the safe eval's class templates,
#: argparse's help), `pickle` (reportlab's font and image stores), `traceback` (logging's
#: report of an exception), `calendar` with `locale` (month lengths in the rules: an R-4
#: prints the dates it is given).
PRINT_UNUSED: tuple[str, ...] = ("inspect", "tokenize", "linecache", "textwrap", "pickle")
PRINT_UNUSED += ("traceback", "calendar", "locale")


class DeferredModule(types.ModuleType):
    """A module whose code runs at the first look-up of a name it does not have yet.

    The standard library's `importlib.util.LazyLoader` loads on *any* attribute access,
    and the import system reads `__spec__` at every `import name` (CPython 3.11–3.13), so
    a lazily loaded `ssl` would be loaded by stdnum's own `import ssl`. Here `__spec__`,
    `__name__`, `__file__` … are real attributes (set by `module_from_spec`); only a
    missing name runs the module's code, in this same module object."""

    def __getattr__(self, name: str) -> Any:
        spec = self.__spec__
        if spec is None or spec.loader is None:
            raise AttributeError(name)
        # One lock per module: another thread asking waits until the code has run; the
        # module's own code (or a module it imports) asking for a name it has not made
        # yet gets AttributeError, as from any module still being imported.
        with _LOCKS.setdefault(spec.name, threading.RLock()):
            if type(self) is DeferredModule:  # not loaded meanwhile
                if spec.name in _RUNNING:
                    raise AttributeError(name)
                _RUNNING.add(spec.name)
                try:
                    spec.loader.exec_module(self)
                except BaseException:
                    if sys.modules.get(spec.name) is self:  # as a failed import leaves it
                        del sys.modules[spec.name]
                    raise
                finally:
                    _RUNNING.discard(spec.name)
                self.__class__ = types.ModuleType  # type: ignore[assignment]
        return getattr(self, name)


_LOCKS: dict[str, threading.RLock] = {}
_RUNNING: set[str] = set()


def defer_module(name: str) -> bool:
    """Make `import name` cheap: the module is loaded when one of its names is first used
    (`DeferredModule`). Nothing happens — and False is returned — when it is already
    imported, cannot be found or its loader cannot load into a given module object."""
    if name in sys.modules:
        return False
    try:
        spec = importlib.util.find_spec(name)  # (imports the parent package of a submodule)
    except (ImportError, ValueError):
        return False
    if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
        return False
    if name in sys.modules:  # the parent package imported it
        return False
    module = importlib.util.module_from_spec(spec)
    module.__class__ = DeferredModule
    sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)
    return True


def defer_modules(names: tuple[str, ...]) -> None:
    for name in names:
        defer_module(name)


#: Modules whose import-time regular expressions printing never or once uses (see above).
PATTERNS_UNUSED: tuple[str, ...] = (
    "platform",
    "reportlab.lib.rl_safe_eval",
    "logging",
    "fractions",
    "_markupbase",
    "reportlab.platypus.paragraph",
    "reportlab.platypus.paraparser",
    "reportlab.lib.colors",
    "string",
)


class _PatternsOnFirstUse:
    """A finder (first on `sys.meta_path`) for the named modules only: it takes the spec
    the other finders give and has the module's code run under `compiled_on_first_use`.
    It leaves `sys.meta_path` once each of them has been imported."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self._names = set(names)
        self._lock = threading.Lock()

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name not in self._names:
            return None
        spec: Any = None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        spec.loader = _PatternsLoader(loader, self)
        return spec

    def done(self, name: str) -> None:
        with self._lock:
            self._names.discard(name)
            if not self._names and self in sys.meta_path:
                sys.meta_path.remove(self)


class _PatternsLoader:
    """Runs a module's code with its patterns compiled on first use; the module keeps
    the real loader (tracebacks, `importlib.reload`, resources)."""

    def __init__(self, loader: Any, finder: _PatternsOnFirstUse) -> None:
        self._loader = loader
        self._finder = finder

    def create_module(self, spec: Any) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        name = module.__name__
        module.__loader__ = self._loader
        if module.__spec__ is not None:
            module.__spec__.loader = self._loader
        try:
            with compiled_on_first_use(name):
                self._loader.exec_module(module)
        finally:
            self._finder.done(name)


def compile_patterns_on_first_use(names: tuple[str, ...] = PATTERNS_UNUSED) -> None:
    """When one of these modules is imported (not yet: nothing is imported here), its own
    import-time patterns are compiled on first use. Already imported ones are left."""
    waiting = tuple(name for name in names if name not in sys.modules)
    if waiting and not any(isinstance(f, _PatternsOnFirstUse) for f in sys.meta_path):
        sys.meta_path.insert(0, _PatternsOnFirstUse(waiting))
