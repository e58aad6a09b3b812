"""`python -m rejnistvo` runs its command as the whole process: what exists before the
handler is frozen out of the cyclic collector's passes (so does the bundle's `Rejnistvo
calc …`, built from main.py); a caller that goes on running (tests) keeps its collector."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VALID_EMSO = "0101006500006"


#: Python that records, in `seen`, how many objects were frozen when `emso` ran
_EMSO_SPY = (
    "import gc, runpy, sys\n"
    "import rejnistvo.cli.rules_commands as commands\n"
    "seen = []\n"
    "real = commands.run_emso\n"
    "def spy(args):\n"
    "    seen.append(gc.get_freeze_count())\n"
    "    return real(args)\n"
    "commands.run_emso = spy\n"
)


def _run(code: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout.strip().splitlines()


def test_whole_process_freezes_what_exists_before_the_handler() -> None:
    code = (
        _EMSO_SPY + "from rejnistvo.cli import main\n"
        f"status = main(['emso', '{VALID_EMSO}'], whole_process=True)\n"
        "print(status, seen[0] > 1000, gc.isenabled())"
    )
    assert _run(code)[-1] == "0 True True"


def test_a_caller_that_goes_on_keeps_its_collector() -> None:
    code = (
        "import gc\n"
        "from rejnistvo.cli import main\n"
        f"status = main(['emso', '{VALID_EMSO}'])\n"
        "print(status, gc.get_freeze_count(), gc.isenabled())"
    )
    assert _run(code)[-1] == "0 0 True"


@pytest.mark.parametrize(
    ("argv0", "entry"),
    [
        # `python -m rejnistvo` (its __main__)
        ("rejnistvo", "runpy.run_module('rejnistvo', run_name='__main__', alter_sys=True)"),
        # main.py: the bundle's `Rejnistvo emso …`
        ("main.py", "runpy.run_path('main.py', run_name='__main__')"),
    ],
)
def test_the_entries_run_a_command_as_the_whole_process(argv0: str, entry: str) -> None:
    code = (
        _EMSO_SPY + f"sys.argv = ['{argv0}', 'emso', '{VALID_EMSO}']\n"
        "try:\n"
        f"    {entry}\n"
        "except SystemExit as end:\n"
        "    print(end.code, seen[0] > 1000)"
    )
    assert _run(code)[-1] == "0 True"


def test_print_freezes_the_forms_modules_before_the_first_document(tmp_path: Path) -> None:
    """As the whole process, `print` loads its form's module (and reportlab) before the
    document and freezes it too; called in-process it freezes nothing. Same PDF."""
    answers = []
    for whole in (False, True):
        out = tmp_path / f"{whole}.pdf"
        code = (
            "import gc, sys\n"
            "import rejnistvo.forms as forms\n"
            "from rejnistvo.cli import main\n"
            "seen = []\n"
            "real = forms.render_form\n"
            "def spy(*args, **kwargs):\n"
            "    seen.append((gc.get_freeze_count() > 0, 'rejnistvo.forms.r4' in sys.modules))\n"
            "    return real(*args, **kwargs)\n"
            "forms.render_form = spy\n"
            f"main(['print', 'r4', '--input', 'forms/r4.example.json', '--out', {str(out)!r}],"
            f" whole_process={whole})\n"
            "print(seen)"
        )
        answers.append(_run(code)[-1])
    assert answers == ["[(False, False)]", "[(True, True)]"]
    assert (tmp_path / "False.pdf").read_bytes() == (tmp_path / "True.pdf").read_bytes()
