"""The one way to find a shipped resource (rate table, catalogues, fonts, translations).

Where the files are:

* installed from a wheel, and in the PyInstaller bundle: ``rejnistvo/_resources`` inside
  the package (setup.py copies the checkout's ``resources/`` there), read through
  ``importlib.resources`` — PyInstaller serves the same API, so no ``sys._MEIPASS``
  branch is needed anywhere;
* in a checkout or an editable install: the top-level ``resources/`` folder next to the
  ``rejnistvo`` package;
* ``REJNISTVO_RESOURCES`` overrides both (a test or a support case pointing at another
  folder).

A missing file raises ``MissingResourceError``: a RuleError whose Slovenian message names
the file and says to reinstall, which the CLI and the window show as it is.
"""

from __future__ import annotations

import atexit
import os
from contextlib import ExitStack
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

from rejnistvo.rules.errors import RuleError

ENV_OVERRIDE = "REJNISTVO_RESOURCES"
_INSTALLED = "_resources"
_CHECKOUT = Path(__file__).resolve().parent.parent / "resources"


class MissingResourceError(RuleError, FileNotFoundError):
    """A file the program ships with is not there (a damaged or partial install)."""

    def __init__(self, relative: str, folder: Path) -> None:
        super().__init__(
            "",
            f"Manjka datoteka programa »{relative}« (iskano v mapi {folder}). "
            "Namestitev je nepopolna ali poškodovana: program namestite znova.",
        )
        self.relative = relative
        self.folder = folder


@cache
def _packaged_dir() -> Path | None:
    """rejnistvo/_resources as a real folder, or None when the package has none."""
    traversable = files("rejnistvo").joinpath(_INSTALLED)
    if not traversable.is_dir():
        return None
    if isinstance(traversable, Path):
        return traversable
    # Not a plain folder (e.g. a zip import): extract once for the life of the process.
    stack = ExitStack()
    atexit.register(stack.close)
    return Path(stack.enter_context(as_file(traversable)))


def resources_dir() -> Path:
    """The folder holding the shipped resources (see the module docstring)."""
    override = os.environ.get(ENV_OVERRIDE)
    if override:
        return Path(override)
    return _packaged_dir() or _CHECKOUT


def resource_path(*parts: str, must_exist: bool = True) -> Path:
    """Path of a shipped file, e.g. resource_path("catalogues", "centres.json").

    Raises MissingResourceError (Slovenian message) when the file is missing, unless
    ``must_exist`` is False (for optional files such as a compiled catalogue)."""
    folder = resources_dir()
    path = folder.joinpath(*parts)
    if must_exist and not path.exists():
        raise MissingResourceError("/".join(parts), folder)
    return path
