"""Roki's service at the program's start: the shared waiting rule without the workflow."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

START = """
import sys
import rejnistvo.services.deadlines
assert "rejnistvo.register.workflow" not in sys.modules, "the workflow was loaded"
from rejnistvo.register import waiting, workflow
# one rule: Koordinator (through the workflow) and Roki count the same days
for name in ("as_date", "received_date", "waiting_days", "waiting_threshold"):
    assert getattr(workflow, name) is getattr(waiting, name), name
assert workflow.DEFAULT_WAITING_DAYS == waiting.DEFAULT_WAITING_DAYS == 30
print("ok")
"""


def test_roki_uses_the_shared_waiting_rule_without_loading_the_workflow():
    done = subprocess.run(
        [sys.executable, "-c", START], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
