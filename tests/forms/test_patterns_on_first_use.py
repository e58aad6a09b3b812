"""`platform` and reportlab's safe eval, imported after rejnistvo.printing, compile their
import-time patterns on first use (rl_startup.compile_patterns_on_first_use), and work
as before."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import json, sys
if sys.argv[1] == "ours":
    import rejnistvo.printing
import reportlab.lib.utils  # imports platform and rl_safe_eval, as every PDF does
import reportlab.platypus.paragraph  # logging (frames), _markupbase (html.parser)
import fractions, logging, platform, _markupbase
from reportlab.lib import rl_safe_eval
from rejnistvo.deferred_patterns import DeferredPattern

def waiting(module):
    return sorted(k for k, v in vars(module).items()
                  if isinstance(v, DeferredPattern) and not v.is_compiled)

before = {"platform": waiting(platform), "rl_safe_eval": waiting(rl_safe_eval),
          "logging": sorted(k for k in ("PercentStyle", "StrFormatStyle")
                            if isinstance(getattr(logging, k).validation_pattern, DeferredPattern)),
          "fractions": waiting(fractions), "_markupbase": waiting(_markupbase)}
answers = {
    "implementation": platform.python_implementation(),
    "version": platform.python_version_tuple(),
    "libc": platform.libc_ver(),
    "split": platform._component_re.split("2.31-x"),  # (what libc_ver compares with)
    "eval": rl_safe_eval.rl_safe_eval("[1, 2][1] + 3"),
    "fraction": str(fractions.Fraction(" -3/4 ")),
    "format": logging.Formatter("%(name)s: %(message)s", validate=True).format(
        logging.LogRecord("x", 20, "f", 1, "hello %s", ("you",), None)
    ),
}
try:
    rl_safe_eval.rl_safe_eval("(1).__class__")
    answers["unsafe"] = "allowed"
except Exception as error:
    answers["unsafe"] = type(error).__name__
after = {"platform": waiting(platform), "rl_safe_eval": waiting(rl_safe_eval)}
print(json.dumps({
    "before": before, "after": after, "answers": answers,
    "loader": type(platform.__loader__).__name__,
    "spec_loader": type(platform.__spec__.loader).__name__,
    "finders": [type(f).__name__ for f in sys.meta_path],
}))
"""


def _probe(mode: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict = json.loads(done.stdout)
    return result


def test_their_patterns_wait_until_used_and_answer_as_before() -> None:
    ours, plain = _probe("ours"), _probe("plain")
    # python_implementation() needs one of platform's nine patterns; the rest wait
    assert "_sys_version_parser" not in ours["before"]["platform"]
    assert {"_libc_search", "_ver_output", "_os_release_line"} <= set(ours["before"]["platform"])
    assert ours["before"]["rl_safe_eval"] == ["__rl_unsafe_re__"]
    assert ours["before"]["logging"] == ["PercentStyle", "StrFormatStyle"]
    assert ours["before"]["fractions"] == ["_RATIONAL_FORMAT"]
    assert ours["before"]["_markupbase"] == [
        "_commentclose",
        "_markedsectionclose",
        "_msmarkedsectionclose",
    ]
    assert plain["before"] == {
        "platform": [],
        "rl_safe_eval": [],
        "logging": [],
        "fractions": [],
        "_markupbase": [],
    }
    assert ours["answers"] == plain["answers"]
    assert ours["answers"]["eval"] == 5 and ours["answers"]["unsafe"] != "allowed"
    assert ours["answers"]["fraction"] == "-3/4" and ours["answers"]["format"] == "x: hello you"
    assert "_component_re" not in ours["after"]["platform"]  # compiled when first used
    # the module keeps its real loader and the finder is gone once both are imported
    assert ours["loader"] == ours["spec_loader"] == plain["loader"]
    assert "_PatternsOnFirstUse" not in ours["finders"]
