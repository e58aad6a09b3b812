"""Names of a package loaded from their modules when first used (PEP 562).

A package that re-exports many names (``rejnistvo.printing``, ``rejnistvo.ui.widgets``)
would import every module behind them on its own import; the window's start and the
``print`` command need only a few."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any


def lazy_names(package: str, home_of: dict[str, str]) -> Callable[[str], Any]:
    """The package's module ``__getattr__``: ``home_of`` maps each name to the submodule
    that defines it; a name is imported once and kept in the package."""

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module hook's own name
        module = home_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
