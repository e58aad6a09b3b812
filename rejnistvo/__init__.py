"""Rejništvo: foster-care payments, R-4 and R-5 cases, official forms."""

from __future__ import annotations

import sys
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from importlib.util import spec_from_file_location
from pathlib import Path

__version__ = "0.1.0"

_PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT_FORMS = _PACKAGE_DIR.parent / "forms"


class _CheckoutFormsFinder(MetaPathFinder):
    """Finds ``rejnistvo.forms`` in the checkout's top-level ``forms/`` folder.

    The wheel installs that folder as ``rejnistvo/forms`` (pyproject's package-dir), so
    no generic top-level ``forms`` package lands in site-packages; in a checkout or an
    editable install this finder gives the same import name to the same files.
    """

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> ModuleSpec | None:
        if fullname != "rejnistvo.forms":
            return None
        return spec_from_file_location(
            fullname,
            _CHECKOUT_FORMS / "__init__.py",
            submodule_search_locations=[str(_CHECKOUT_FORMS)],
        )


if not (_PACKAGE_DIR / "forms").is_dir() and (_CHECKOUT_FORMS / "__init__.py").is_file():
    # First, not last: an editable install's finder maps rejnistvo.forms to the installed
    # checkout's folder, so another copy of the code (a `git archive` snapshot that a
    # benchmark's --before runs) printed with that checkout's forms and its own rules.
    sys.meta_path.insert(0, _CheckoutFormsFinder())
