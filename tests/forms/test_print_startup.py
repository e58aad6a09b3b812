"""What makes a `print` process start faster must not change what reportlab does:
the deferred URL pattern matches as reportlab's own, the escape is saxutils', repeated
prints (memoised subsets) give the same bytes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape as sax_escape

import pytest
from rejnistvo.forms import render_form
from reportlab.platypus import paragraph

from rejnistvo.printing.document import escape
from rejnistvo.printing.rl_startup import (
    CJK_FLAGS,
    CJK_PATTERN,
    URI_FLAGS,
    URI_PATTERN,
    DeferredPattern,
)
from tests.forms.conftest import load_example, pdf_text

ROOT = Path(__file__).resolve().parents[2]
URIS = [
    "https://www.gov.si/zbirke/zakonodaja/pravilnik-o-rejnistvu",
    "http://192.168.1.10:8080/a/b?c=d",
    "ftp://user:geslo@strežnik.si/datoteka",
    "not a uri",
    "https://localhost/x",
    "HTTPS://EXAMPLE.COM/ŠČŽ",
]


def run_python(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_patterns_are_reportlabs_own() -> None:
    """In a process without our package, reportlab compiles exactly these patterns; if an
    upgrade changes one, its deferral silently stops working — this says so."""
    out = run_python(
        "import reportlab.platypus.paragraph as p, reportlab.lib.textsplit as t\n"
        f"print(p.uri_pat.pattern == {URI_PATTERN!r}, p.uri_pat.flags == {URI_FLAGS | 32},"
        f" t.rx.pattern == {CJK_PATTERN!r}, t.rx.flags == {CJK_FLAGS})"
    )
    assert out == "True True True True"


def test_forms_process_defers_the_patterns() -> None:
    out = run_python(
        "import rejnistvo.forms.r4\n"
        "from reportlab.platypus import paragraph as p\n"
        "from reportlab.lib import textsplit as t\n"
        "print(type(p.uri_pat).__name__, p.uri_pat.is_compiled, type(t.rx).__name__)\n"
        "print(t.rx.sub(r'\\1\\0 ', '中文abc') == '中\\0 文\\0 abc', t.rx.is_compiled)"
    )
    assert out.splitlines() == ["DeferredPattern False DeferredPattern", "True True"]


@pytest.mark.parametrize("uri", URIS)
def test_deferred_pattern_matches_as_the_real_one(uri: str) -> None:
    real = re.compile(URI_PATTERN, URI_FLAGS)
    deferred = DeferredPattern(URI_PATTERN, URI_FLAGS)
    got, want = deferred.match(uri), real.match(uri)
    assert (got and got.groups()) == (want and want.groups())
    assert deferred.is_compiled
    # reportlab's own splitter, whatever its uri_pat is in this process
    assert paragraph._uri_split_pairs(uri) == (
        None if want is None else paragraph._uri_split_pairs(uri)
    )


def test_deferred_pattern_leaves_no_stand_in_in_re_cache() -> None:
    deferred = DeferredPattern(URI_PATTERN, URI_FLAGS)
    deferred.compiled()
    assert isinstance(re.compile(URI_PATTERN, URI_FLAGS), re.Pattern)


@pytest.mark.parametrize("text", ["a < b & c > d", "»Šola« & <b>ne</b>", "&amp; ' \""])
def test_escape_is_saxutils_escape(text: str) -> None:
    assert escape(text) == sax_escape(text)


def test_repeated_prints_are_byte_identical() -> None:
    """Subsets and their compression are remembered per process: R-4, R-5, R-4 again
    gives the first R-4's bytes, and the text keeps č, š, ž."""
    first = render_form("r4", load_example("r4"))
    other = render_form("r5", load_example("r5"))
    again = render_form("r4", load_example("r4"))
    assert again == first
    assert render_form("r5", load_example("r5")) == other
    text = pdf_text(again)
    assert "ZVIŠANJE" in text.upper() and any(c in text for c in "čšž")


def test_changed_letters_change_the_subset() -> None:
    """A name with a letter the first print did not have embeds that glyph too."""
    data = load_example("r4")
    plain = render_form("r4", data)
    data["child"]["name"] = "Ǆemal Ćosić"
    changed = render_form("r4", data)
    assert changed != plain
    assert "Ǆemal Ćosić" in pdf_text(changed)


def test_reportlab_uses_its_c_accelerator() -> None:
    """rl_accel is a dependency (pyproject): without it every width and number in a PDF
    goes through Python (forms 1.5× slower). reportlab falls back silently, so check."""
    from reportlab.lib import rl_accel
    from reportlab.pdfbase import ttfonts

    for name in ("fp_str", "instanceStringWidthTTF", "calcChecksum", "escapePDF"):
        assert getattr(rl_accel, name).__module__ == "_rl_accel", name
    assert ttfonts.instanceStringWidthTTF.__module__ == "_rl_accel"


def test_deferred_module_runs_its_code_at_first_use() -> None:
    """`import name` binds the module without running it (LazyLoader would run it: the
    import system reads __spec__); the first name looked up runs it in the same object."""
    out = run_python(
        "import sys\n"
        "from rejnistvo.printing.rl_startup import defer_module\n"
        "print(defer_module('colorsys'), defer_module('colorsys'), defer_module('no_such_mod'))\n"
        "import colorsys\n"
        "first = sys.modules['colorsys']\n"
        "print(type(first).__name__, 'rgb_to_hls' in vars(first))\n"
        "from colorsys import rgb_to_hls\n"
        "print(type(colorsys).__name__, sys.modules['colorsys'] is first, rgb_to_hls(1, 0, 0))"
    )
    assert out.splitlines() == [
        "True False False",
        "DeferredModule False",
        "module True (0.0, 0.5, 1.0)",
    ]


def test_print_process_loads_no_pillow_nor_ssl_nor_tables(tmp_path: Path) -> None:
    """What a `print r4` process imports for bitmaps (Pillow), stdnum's online checks
    (ssl, pydoc), platypus' package code (tables, which R-4 has none of) and the store
    (sqlite-utils: `print --input` reads no database, also when it writes over its last
    PDF) stays unloaded, and the PDF is the same as in-process."""
    out = tmp_path / "r4.pdf"
    out.write_bytes(b"%PDF-1.4 the last print")
    code = (
        "import sys\n"
        "from rejnistvo.cli import main\n"
        f"main(['print', 'r4', '--input', 'forms/r4.example.json', '--out', {str(out)!r}])\n"
        "names = ('PIL.Image', 'ssl', 'pydoc', 'reportlab.platypus', 'sqlite_utils',"
        " 'rejnistvo.store')\n"
        "loaded = [n for n in names if type(sys.modules.get(n)).__name__ == 'module']\n"
        "print('loaded:', loaded, 'reportlab.platypus.tables' in sys.modules)"
    )
    assert run_python(code).splitlines()[-1] == "loaded: [] False"
    assert out.read_bytes() == render_form("r4", load_example("r4"))


def test_platypus_package_names_still_work_after_our_forms() -> None:
    """Code that takes names from the package itself (the register's export) gets them:
    the package's own code runs then, with the submodules our forms loaded."""
    out = run_python(
        "import sys, rejnistvo.forms.r4\n"
        "from reportlab.platypus.flowables import Spacer\n"
        "from reportlab.platypus import LongTable, Spacer as PackageSpacer\n"
        "print(type(sys.modules['reportlab.platypus']).__name__, PackageSpacer is Spacer,"
        " LongTable.__module__)"
    )
    assert out == "module True reportlab.platypus.tables"


def test_deferred_module_that_fails_is_not_left_behind(tmp_path: Path) -> None:
    """A deferred module whose code raises leaves sys.modules as a failed import does;
    its code asking for a name of its own not made yet gets AttributeError, not a loop."""
    (tmp_path / "selfish.py").write_text(
        "import sys\nFIRST = 1\ntry:\n    sys.modules[__name__].LATER\n"
        "except AttributeError:\n    EARLY_LOOKUP = 'AttributeError'\nLATER = 2\n"
    )
    (tmp_path / "broken.py").write_text("VALUE = 1\nraise ValueError('broken module')\n")
    out = run_python(
        f"import sys\nsys.path.insert(0, {str(tmp_path)!r})\n"
        "from rejnistvo.printing.rl_startup import defer_module\n"
        "defer_module('selfish'); defer_module('broken')\n"
        "import selfish, broken\n"
        "print(selfish.LATER, selfish.EARLY_LOOKUP)\n"
        "try:\n    broken.VALUE\nexcept ValueError as e:\n    print('raised', e)\n"
        "print('broken' in sys.modules)"
    )
    assert out.splitlines() == ["2 AttributeError", "raised broken module", "False"]


def test_print_process_leaves_unused_standard_modules_unloaded(tmp_path: Path) -> None:
    """The standard modules a `print r4` process imports but never uses (inspect,
    pickle, calendar, …; rl_startup.PRINT_UNUSED) keep their code unrun — which also
    says every dataclass on the way has a docstring (else dataclasses asks inspect for
    a signature) — and the PDF is the same as in-process."""
    out = tmp_path / "r4.pdf"
    code = (
        "import sys\n"
        "from rejnistvo.cli import main\n"
        "from rejnistvo.printing.rl_startup import PRINT_UNUSED\n"
        f"main(['print', 'r4', '--input', 'forms/r4.example.json', '--out', {str(out)!r}])\n"
        "print('loaded:', [n for n in PRINT_UNUSED if type(sys.modules[n]).__name__ != "
        "'DeferredModule'])"
    )
    assert run_python(code).splitlines()[-1] == "loaded: []"
    assert out.read_bytes() == render_form("r4", load_example("r4"))


def test_deferred_standard_modules_work_when_used_after_a_print(tmp_path: Path) -> None:
    """Whatever runs after a print in the same process and does use one of them gets
    the real module: a signature, a month's length, a formatted traceback, a pickle."""
    code = (
        "import sys\n"
        "from rejnistvo.cli import main\n"
        f"main(['print', 'r4', '--input', 'forms/r4.example.json', '--out', {str(tmp_path / 'a.pdf')!r}])\n"
        "import calendar, inspect, pickle, textwrap, traceback\n"
        "try:\n    1 / 0\nexcept ZeroDivisionError:\n"
        "    last = traceback.format_exc().strip().splitlines()[-1]\n"
        "print(inspect.signature(lambda a, b=2: a), calendar.monthrange(2028, 2)[1],"
        " pickle.loads(pickle.dumps((1, 'š'))), textwrap.dedent('  x'), last,"
        " type(inspect).__name__)"
    )
    assert run_python(code).splitlines()[-1] == (
        "(a, b=2) 29 (1, 'š') x ZeroDivisionError: division by zero module"
    )


def test_r5_print_process_gives_the_in_process_pdf(tmp_path: Path) -> None:
    """An R-5 from JSON checks its refund against the amounts in force (the rules, with
    the deferred calendar) and prints the same PDF as in-process."""
    out = tmp_path / "r5.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "rejnistvo", "print", "r5", "--input", "forms/r5.example.json"]
        + ["--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == render_form("r5", load_example("r5"))


def test_r4_print_makes_no_r5_or_r1_dataclasses(tmp_path: Path) -> None:
    """The R-5's and R-1's data live in their own modules, loaded at first use: an R-4
    print does not load them; their names still come from `data`, the same objects."""
    out = tmp_path / "r4.pdf"
    code = (
        "import sys\n"
        "from rejnistvo.cli import main\n"
        f"main(['print', 'r4', '--input', 'forms/r4.example.json', '--out', {str(out)!r}])\n"
        "print(sorted(m for m in sys.modules if m.startswith('rejnistvo.forms.data_')))\n"
        "from rejnistvo.forms import data, data_r1, data_r5\n"
        "from rejnistvo.forms.data import Expense, R1Form, R5Form, check_r5_refund\n"
        "print(R5Form is data_r5.R5Form, Expense is data_r5.Expense,"
        " R1Form is data_r1.R1Form, check_r5_refund is data_r5.check_r5_refund)"
    )
    assert run_python(code).splitlines()[-2:] == ["[]", "True True True True"]


def test_parsed_r5_and_r1_forms_print_as_they_are() -> None:
    """render_form prints an already parsed form of each kind without parsing again."""
    from rejnistvo.forms.data import parse_r1, parse_r5  # type: ignore[import-not-found,unused-ignore]

    for kind, parse in (("r5", parse_r5), ("r1", parse_r1)):
        data = load_example(kind)
        assert render_form(kind, parse(data)) == render_form(kind, data)


def test_cli_knows_the_sqlite_header_as_the_store_does() -> None:
    # cli.io keeps its own copy of the header so that `print` never loads the store
    from rejnistvo.cli.io import _SQLITE_HEADER
    from rejnistvo.store.connection import SQLITE_HEADER

    assert _SQLITE_HEADER == SQLITE_HEADER
