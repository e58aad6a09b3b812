"""`rejnistvo.forms` is the forms/ folder beside the `rejnistvo` package that was
imported, also where an editable install maps it to another checkout: a copy of the code
(a snapshot a benchmark compares with) prints with its own forms."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_copy_of_the_code_imports_its_own_forms(tmp_path: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "rejnistvo", tmp_path / "rejnistvo", ignore=ignore)
    shutil.copytree(ROOT / "forms", tmp_path / "forms", ignore=ignore)
    code = (
        "import rejnistvo, rejnistvo.forms, rejnistvo.forms.r4 as r4\n"
        "print(rejnistvo.__file__, rejnistvo.forms.__file__, r4.__file__, sep='\\n')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    copy = tmp_path.resolve()
    assert [Path(line).resolve() for line in done.stdout.split()] == [
        copy / "rejnistvo" / "__init__.py",
        copy / "forms" / "__init__.py",
        copy / "forms" / "r4.py",
    ]
