"""The Latin subsets of the bundled faces (packaging/font_subsets.py): the same PDFs as the
full fonts, and the full font read as soon as a text needs a character the subset lacks."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from rejnistvo.printing import fonts
from rejnistvo.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
STEMS = [stem for faces in fonts._FAMILIES.values() for stem in faces]
CYRILLIC = "Жанна Ковальчук"


def _script() -> object:
    spec = importlib.util.spec_from_file_location(
        "font_subsets", ROOT / "packaging" / "font_subsets.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


font_subsets = _script()


def _full(stem: str) -> Path:
    return resource_path("fonts", f"{stem}.ttf")


def _subset(stem: str) -> Path:
    return resource_path("fonts", f"{stem}{fonts.SUBSET_SUFFIX}")


@pytest.mark.parametrize("stem", STEMS)
def test_the_shipped_subset_is_what_the_script_makes(stem: str) -> None:
    assert _subset(stem).read_bytes() == font_subsets.subset_font(_full(stem))  # type: ignore[attr-defined]


@pytest.mark.parametrize("stem", STEMS)
def test_a_subset_has_the_full_fonts_metrics_and_cuts_the_same_pdf_subsets(stem: str) -> None:
    full, part = TTFontFace(str(_full(stem))), TTFontFace(str(_subset(stem)))
    for attribute in ("name", "ascent", "descent", "capHeight", "bbox", "italicAngle"):
        assert getattr(part, attribute) == getattr(full, attribute), attribute
    assert (part.flags, part.stemV, part.defaultWidth) == (
        full.flags,
        full.stemV,
        full.defaultWidth,
    )
    codes = sorted(part.charToGlyph)
    assert len(codes) > 600 and ord("č") in codes and ord("€") in codes
    assert {code: part.charWidths[code] for code in codes} == {
        code: full.charWidths[code] for code in codes
    }
    # reportlab's per-document subsets hold at most 256 characters (the first 32 are
    # ASCII); the embedded font program must be byte for byte the full font's
    for start in range(0, len(codes), 200):
        chunk = codes[start : start + 200]
        assert part.makeSubset(chunk) == full.makeSubset(chunk)


def _printed_characters() -> set[str]:
    """Every non-ASCII character in the text of the forms, the engine and the catalogues."""
    sources = [*(ROOT / "forms").glob("*.py"), *(ROOT / "forms").glob("*.json")]
    sources += [*(ROOT / "rejnistvo" / "printing").glob("*.py")]
    sources += [*(ROOT / "resources" / "catalogues").glob("*.json")]
    text = "".join(path.read_text(encoding="utf-8") for path in sources)
    return {char for char in text if not char.isascii()}


@pytest.mark.parametrize("stem", STEMS)
def test_every_character_the_forms_print_is_in_every_subset(stem: str) -> None:
    """(Those the full font has: DejaVu Serif has no ☐, a form sets it in Sans.)"""
    face = fonts._BundledFace(_full(stem), stem, _subset(stem))
    full = TTFontFace(str(_full(stem))).charToGlyph
    printed = [char for char in _printed_characters() if full.get(ord(char))]
    assert len(printed) > 20 and face.covers("".join(printed))
    assert face.covers("ĆćĐđÖöÜüŁłŐőȘșȚț–„“€")
    assert not face.covers("Ж") and not face.covers("λ")


@pytest.fixture
def own_font(tmp_path, monkeypatch):
    """A DejaVuSans of its own, read from the subset (the process's registered fonts are
    put back afterwards)."""
    monkeypatch.setenv("REJNISTVO_CACHE_DIR", str(tmp_path))
    fonts.register_family(fonts.SANS)
    name = "DejaVuSans"
    registered = pdfmetrics._fonts  # noqa: SLF001 - registerFont keeps a name's first font
    saved = registered[name]
    font = fonts._BundledFont(name, _full(name), _subset(name))
    registered[name] = font
    yield font
    registered[name] = saved


def test_measuring_a_character_outside_the_subset_reads_the_full_font(own_font) -> None:
    reference = TTFont("reference", str(_full("DejaVuSans")))
    assert own_font.stringWidth("Čebašek", 10) == reference.stringWidth("Čebašek", 10)
    assert own_font.face._subset is not None
    assert own_font.stringWidth(CYRILLIC, 10) == reference.stringWidth(CYRILLIC, 10)
    assert own_font.face._subset is None
    assert own_font.face.charToGlyph == reference.face.charToGlyph


def test_setting_a_character_outside_the_subset_reads_the_full_font(own_font) -> None:
    from io import BytesIO

    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(BytesIO(), invariant=1)
    canvas.setFont("DejaVuSans", 10)
    canvas.drawString(10, 10, CYRILLIC)  # never measured
    assert own_font.face._subset is None


_RENDER = """
import json, sys
from datetime import date
from rejnistvo.printing import fonts
if sys.argv[2] == "full":
    fonts._subset_of = lambda path: None
from rejnistvo.forms import render_form
from rejnistvo.forms.payment_sheet import render_payment_sheet_bytes
from rejnistvo.forms.refund_call import render_refund_call_bytes
from rejnistvo.rules.months import Adjustment, month_payments, month_range
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import load_rate_table
from rejnistvo.rules.refund import RefundMethod, refund_plan
from reportlab.pdfbase import pdfmetrics
from tests.forms.conftest import load_example

out = sys.argv[1]
rates = load_rate_table()
placement = [Period(date(2025, 12, 1), None)]
payments = month_payments(
    month_range(date(2026, 1, 1), date(2026, 12, 1)), placement, rates,
    [Adjustment(25, Period(date(2026, 3, 15), date(2026, 8, 31)))],
)
increase = Adjustment(25, Period(date(2026, 1, 1), date(2026, 6, 30)))
plan = refund_plan(
    increase, placement, rates, date(2026, 7, 10), None, None, RefundMethod.AS_RECEIVED
)
header = {"carer": "Špela Žagar", "child": "Žiga Čebašek", "contract_no": "RP-1/2026"}
documents = {
    "r1": lambda: render_form("r1", load_example("r1")),
    "r4": lambda: render_form("r4", load_example("r4")),
    "r5": lambda: render_form("r5", load_example("r5")),
    "sheet": lambda: render_payment_sheet_bytes(header, payments),
    "refund": lambda: render_refund_call_bytes(header, plan),
}

def widened():
    names = [s for faces in fonts._FAMILIES.values() for s in faces]
    return sorted(n for n in names if pdfmetrics.getFont(n).face._subset is None)

for name, make in documents.items():
    open(f"{out}/{name}.pdf", "wb").write(make())
before = widened()
r4 = load_example("r4")
r4["child"]["name"] = sys.argv[3]
open(f"{out}/r4_cyrillic.pdf", "wb").write(render_form("r4", r4))
print(json.dumps({"before": before, "after": widened()}))
"""


def _render(tmp_path: Path, mode: str) -> tuple[dict[str, bytes], dict[str, list[str]]]:
    out = tmp_path / mode
    out.mkdir()
    env = dict(os.environ, REJNISTVO_CACHE_DIR=str(tmp_path / "cache"))
    done = subprocess.run(
        [sys.executable, "-c", _RENDER, str(out), mode, CYRILLIC],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return {p.stem: p.read_bytes() for p in out.glob("*.pdf")}, json.loads(done.stdout)


def test_documents_are_the_same_bytes_as_with_the_full_fonts(tmp_path) -> None:
    # separate processes: nothing either remembers (widths, lines) can hide a difference
    subset, seen = _render(tmp_path, "subset")
    full, _ = _render(tmp_path, "full")
    assert sorted(subset) == ["r1", "r4", "r4_cyrillic", "r5", "refund", "sheet"]
    for name in subset:
        assert subset[name] == full[name], name
    assert seen["before"] == []  # the forms' own texts never need the full fonts
    assert seen["after"] != [] and "DejaVuSerif" in seen["after"]
