"""Build hook: what pyproject.toml cannot say declaratively.

* The checkout keeps the design card's top-level folders (``forms/``, ``resources/``);
  the wheel puts them under the ``rejnistvo`` namespace (``rejnistvo/forms``,
  ``rejnistvo/_resources``) so no generic top-level package lands in site-packages.
* ``resources/i18n/*.ts`` (our Slovenian catalogue of Qt's base strings) is compiled to
  ``.qm`` with ``pyside6-lrelease`` here, at build time; the binary is never committed.
  A checkout without a built ``.qm`` compiles it at first start
  (``rejnistvo.ui.translations``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
RESOURCES = ROOT / "resources"
SKIP = {"__pycache__", ".DS_Store"}


def lrelease_command() -> list[str]:
    """pyside6-lrelease of the build environment (PySide6-Essentials is a build
    requirement), else one on PATH."""
    try:
        import PySide6  # noqa: PLC0415 - only the build needs it

        binary = Path(PySide6.__file__).parent / (
            "lrelease.exe" if sys.platform == "win32" else "lrelease"
        )
        if binary.is_file():
            return [str(binary)]
    except ImportError:
        pass
    for name in ("pyside6-lrelease", "lrelease"):
        found = shutil.which(name)
        if found:
            return [found]
    raise SystemExit(
        "pyside6-lrelease not found: install PySide6-Essentials to build Rejništvo "
        "(it compiles resources/i18n/*.ts)."
    )


def compile_catalogue(ts: Path, qm: Path) -> None:
    qm.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([*lrelease_command(), "-silent", str(ts), "-qm", str(qm)], check=True)


class BuildWithResources(build_py):
    """build_py + resources/ copied to rejnistvo/_resources + .ts compiled to .qm."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads resources/ in the checkout
        target = Path(self.build_lib) / "rejnistvo" / "_resources"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(RESOURCES, target, ignore=shutil.ignore_patterns(*SKIP, "*.qm"))
        for ts in sorted(RESOURCES.glob("i18n/*.ts")):
            compile_catalogue(ts, target / "i18n" / ts.with_suffix(".qm").name)


setup(
    packages=[*find_packages(include=["rejnistvo", "rejnistvo.*"]), "rejnistvo.forms"],
    package_dir={"rejnistvo": "rejnistvo", "rejnistvo.forms": "forms"},
    package_data={"rejnistvo.forms": ["*.example.json"]},
    cmdclass={"build_py": BuildWithResources},
)
