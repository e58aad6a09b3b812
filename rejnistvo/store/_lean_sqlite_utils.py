"""sqlite-utils loaded without what this program never uses from it (imported first by
``rejnistvo.store``): every window's start waits for it (issue 13).

* numpy: sqlite-utils imports it when it can, only to store numpy values, which this
  program never has. It is hidden while sqlite-utils loads, and only then; whoever
  needs numpy later gets it.
* dateutil's parser (sqlite-utils' conversion recipes) and click (its command line:
  progress bars and a plugin hook's annotation) are not needed to open a file. They are
  given to sqlite-utils as modules that load on first use (``importlib.util.LazyLoader``
  for dateutil; for click a stand-in whose attributes come from the real click when
  first asked, apart from the one name the hook's annotation reads at import).
* Its plugin machinery (pluggy, ~3.5 ms): the store opens every connection with
  ``execute_plugins=False``, so ``sqlite_utils.plugins`` and ``sqlite_utils.hookspecs``
  are stand-ins whose names (``pm``, ``ensure_plugins_loaded``, ``get_plugins``,
  ``hookimpl``, ``hookspec``) load the real modules, with pluggy, when first used.
* Its module-level regular expressions are compiled when first used, not at import
  (``rejnistvo.deferred_patterns``): one of them (the ``CREATE VIRTUAL TABLE`` parser,
  case-insensitive over ``\u0080-\uffff``) takes re 26 ms to compile, a tenth of a bare
  window's start, and this program uses it only when sqlite-utils looks at a full-text
  table.

Should any of this not work with the installed sqlite-utils, it is loaded the plain way:
slower, never broken (a test checks both ways give a working sqlite-utils).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from contextlib import nullcontext
from typing import Any

from rejnistvo.deferred_patterns import compiled_on_first_use


def _lazy_module(name: str) -> types.ModuleType | None:
    """``name`` as a module that runs its code on first attribute access (stdlib recipe)."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return None
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        # as the import system does for a loaded submodule: ``from parent import child``
        # then finds it without asking the import machinery (which would load it)
        setattr(importlib.import_module(parent), child, module)
    return module


class _ClickOnFirstUse(types.ModuleType):
    """Stands in for ``click`` inside sqlite-utils: the real one is imported when a name
    other than the annotation's ``Group`` is first asked for."""

    class Group:  # only a type annotation of sqlite-utils' plugin hook reads it
        pass

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name.endswith(("_spec", "_impl")):
            # what pluggy looks for on every name of the hook module: click has none
            raise AttributeError(name)
        real = sys.modules.get("click")
        if real is None or real is self:
            stand_in = sys.modules.pop("click", None)
            try:
                real = importlib.import_module("click")
            except ImportError:
                if stand_in is not None:
                    sys.modules["click"] = stand_in
                raise
        return getattr(real, name)


_PLUGIN_MODULES = ("sqlite_utils.plugins", "sqlite_utils.hookspecs")


class _PluginsOnFirstUse(types.ModuleType):
    """Stands in for ``sqlite_utils.plugins`` or ``sqlite_utils.hookspecs`` until one of
    their names is used: then both real modules are imported (with pluggy) and the name
    is answered from them."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_real_plugin_module(self.__name__), name)


def _real_plugin_module(name: str) -> types.ModuleType:
    if isinstance(sys.modules.get(name), _PluginsOnFirstUse):
        package = importlib.import_module("sqlite_utils")
        # both go: the real plugins module takes the hookspecs from the package
        for each in _PLUGIN_MODULES:
            if isinstance(sys.modules.get(each), _PluginsOnFirstUse):
                del sys.modules[each]
            short = each.rpartition(".")[2]
            if isinstance(package.__dict__.get(short), _PluginsOnFirstUse):
                delattr(package, short)
        for each in _PLUGIN_MODULES:
            setattr(package, each.rpartition(".")[2], importlib.import_module(each))
    return importlib.import_module(name)


class _Forward:
    """A name of a plugin module (``pm``, ``hookimpl`` …) taken at import: every use
    goes to the real object."""

    def __init__(self, module: str, name: str) -> None:
        self._module = module
        self._name = name

    def _real(self) -> Any:
        return getattr(_real_plugin_module(self._module), self._name)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._real(), name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._real()(*args, **kwargs)


def _plugin_stand_ins() -> dict[str, types.ModuleType]:
    plugins = _PluginsOnFirstUse("sqlite_utils.plugins")
    for name in ("pm", "ensure_plugins_loaded", "get_plugins"):
        setattr(plugins, name, _Forward(plugins.__name__, name))
    hookspecs = _PluginsOnFirstUse("sqlite_utils.hookspecs")
    for name in ("hookimpl", "hookspec"):
        setattr(hookspecs, name, _Forward(hookspecs.__name__, name))
    return {plugins.__name__: plugins, hookspecs.__name__: hookspecs}


def _forget_sqlite_utils() -> None:
    for name in [n for n in sys.modules if n == "sqlite_utils" or n.startswith("sqlite_utils.")]:
        del sys.modules[name]


def load_sqlite_utils(lean: bool = True) -> None:
    if "sqlite_utils" in sys.modules:
        return
    hidden: dict[str, Any] = {}
    if "numpy" not in sys.modules:
        hidden["numpy"] = None  # import numpy → ImportError
    if lean and "click" not in sys.modules:
        hidden["click"] = _ClickOnFirstUse("click")
    saved = {name: sys.modules.get(name) for name in hidden}
    sys.modules.update(hidden)
    stand_ins = _plugin_stand_ins() if lean else {}
    # they stay until a plugin name is used (never, with execute_plugins=False)
    sys.modules.update(stand_ins)
    try:
        if lean and "dateutil.parser" not in sys.modules:
            _lazy_module("dateutil.parser")
        with compiled_on_first_use("sqlite_utils") if lean else nullcontext():
            import sqlite_utils
        for name, stand_in in stand_ins.items():  # as an import of them would have
            setattr(sqlite_utils, name.rpartition(".")[2], stand_in)
    except Exception:  # noqa: BLE001 - a newer sqlite-utils: load it the plain way below
        _forget_sqlite_utils()
        lean = False
    finally:
        for name, module in saved.items():
            if module is None:
                del sys.modules[name]
            else:
                sys.modules[name] = module
    if not lean:
        load_sqlite_utils_plainly()


def load_sqlite_utils_plainly() -> None:
    if "sqlite_utils" in sys.modules:
        return
    hide_numpy = "numpy" not in sys.modules
    if hide_numpy:
        sys.modules["numpy"] = None  # type: ignore[assignment]
    try:
        import sqlite_utils  # noqa: F401
    finally:
        if hide_numpy:
            del sys.modules["numpy"]


load_sqlite_utils()
