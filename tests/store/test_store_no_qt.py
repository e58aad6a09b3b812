"""The store never loads Qt (STYLE: layers never leak)."""

from __future__ import annotations

import subprocess
import sys


def test_import_store_loads_no_pyside6():
    code = (
        "import sys, rejnistvo.store, rejnistvo.store.demo, rejnistvo.store.case_documents, "
        "rejnistvo.store.backup, rejnistvo.cli.store_commands; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
