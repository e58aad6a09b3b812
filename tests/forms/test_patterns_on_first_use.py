"""`platform` and reportlab's safe eval, imported after rejnistvo.printing, compile their
import-time patterns on first use (rl_startup.compile_patterns_on_first_use), and work
as before."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: what both probes begin with: our printing package first (or not), a look at the
#: patterns a module holds that have not been compiled yet
_PRELUDE = """
import json, sys
if sys.argv[1] == "ours":
    import rejnistvo.printing
from rejnistvo.deferred_patterns import DeferredPattern

def waiting(module):
    return sorted(k for k, v in vars(module).items()
                  if isinstance(v, DeferredPattern) and not v.is_compiled)
"""

_PROBE = (
    _PRELUDE
    + """
import reportlab.lib.utils  # imports platform and rl_safe_eval, as every PDF does
import reportlab.platypus.paragraph  # logging (frames), _markupbase (html.parser)
import fractions, logging, platform, _markupbase
from reportlab.lib import rl_safe_eval

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
)


def _probe(mode: str, code: str = _PROBE) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", code, mode],
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


_PROBE_LAYOUT = (
    _PRELUDE
    + """
import string
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import paragraph, paraparser

before = {"paragraph": waiting(paragraph), "paraparser": waiting(paraparser),
          "colors": waiting(colors),
          "string": isinstance(string.Template.pattern, DeferredPattern)}

def lines(**style):
    # words with embedded hyphens and a long address: the hyphenation patterns' callers
    text = ("Rejniška-dejavnost in so-rejništvo sta opisana na "
            "https://www.gov.si/zbirke/zakonodaja/pravilnik-o-pogojih-za-rejnistvo "
            '<a href="https://www.gov.si">povezava</a> ' * 3)
    p = paragraph.Paragraph(text, ParagraphStyle("p", fontSize=10, leading=12, **style))
    p.wrap(120, 1000)
    return [[getattr(w, "text", w) if not isinstance(w, (list, tuple)) else str(w)
             for w in getattr(line, "words", line[1] if isinstance(line, tuple) else [])]
            for line in p.blPara.lines]

style = ParagraphStyle("s", fontSize=10)
parsed = paraparser.ParaParser().parse(
    '<para><font size="0.25in">x</font><u offset="0.1*F">y</u></para>', style)
answers = {
    "template": string.Template("$a in ${b}").substitute(a="ena", b="dve"),
    "identifiers": string.Template("$a in ${b}").get_identifiers(),
    "css": [str(colors.toColor(c)) for c in ("rgb(10%, 20%, 30%)", "hsl(120, 50%, 50%)",
                                            "cmyk(0.1, 0.2, 0.3, 0.4)", "#999999")],
    "plain": lines(),
    "uri": lines(uriWasteReduce=0.3),
    "embedded": lines(embeddedHyphenation=1),
    "parsed": [(f.fontSize, f.text, getattr(f, "underline", None)) for f in parsed[1]],
}
print(json.dumps({"before": before, "answers": answers, "after": waiting(paragraph)}))
"""
)


def test_layout_patterns_wait_until_used_and_answer_as_before() -> None:
    """Hyphenation and link patterns of paragraphs, unit patterns of the paragraph parser,
    CSS colour patterns and string.Template's pattern: no form uses them (no hyphenation,
    links, CSS colours or templates), so they are compiled when a caller first does —
    and then answer as reportlab's and the standard library's own."""
    ours, plain = _probe("ours", _PROBE_LAYOUT), _probe("plain", _PROBE_LAYOUT)
    assert ours["before"] == {
        "paragraph": [
            "_hy_letters_pat",
            "_hy_pfx_pat",
            "_hy_sfx_pat",
            "_hy_shy_letters_pat",
            "_hy_shy_pat",
            "_re_us_value",  # (imported from the parser)
            "_scheme_re",
            "uri_pat",
        ],
        "paraparser": ["_re_para", "_re_us_value"],
        "colors": ["_re_css_args", "_re_css_func"],
        "string": True,
    }
    assert plain["before"] == {"paragraph": [], "paraparser": [], "colors": [], "string": False}
    assert ours["answers"] == plain["answers"]
    assert ours["answers"]["template"] == "ena in dve"
    # (the hyphenating layouts asked for them: they were compiled and answered)
    assert "_hy_pfx_pat" not in ours["after"] and "_hy_shy_pat" not in ours["after"]
