"""The R-4's attachment »– obrazložitev« names the ZIRD 53 reasons ticked in the case and
the workload (čl. 30) the proposal rests on. The JSON of SPEC 6.1 has no field for them:
a form printed from JSON prints its rationale only; a stored case adds what it holds."""

from __future__ import annotations

from rejnistvo.forms.data import parse_r4
from rejnistvo.forms.r4 import build_story, render_r4_bytes

from tests.forms.conftest import pdf_pages
from tests.forms.test_official_forms import marks

REASONS = (
    "Otrok ima čustvene in vedenjske težave ali motnje (motnje vedenja in osebnosti).",
    "Otrok obiskuje razvojno ambulanto dvakrat tedensko.",
)


def test_the_attachment_ticks_each_reason_and_names_the_workload(r4_data):
    form = parse_r4(r4_data)._replace(reasons=REASONS, workload="moderate")
    pages = pdf_pages(render_r4_bytes(form))
    attachment = pages[-1]
    assert "PRILOGA k predlogu za zvišanje plačila dela: obrazložitev" in attachment
    assert "Razlogi iz 53. člena ZIRD:" in attachment
    for reason in REASONS:
        assert reason in attachment, reason
    assert "Obseg dela z otrokom: zmerno povečan" in attachment
    # reasons and workload before the rationale that explains them
    assert (
        attachment.index("Razlogi")
        < attachment.index("Obseg dela")
        < attachment.index("vsakodnevno učno pomoč")
    )
    ticked = [line for line in marks(build_story(form)) if line == ["☒"]]
    assert len(ticked) == len(REASONS)


def test_reasons_without_a_rationale_still_print_the_attachment(r4_data):
    r4_data["rationale"] = None
    form = parse_r4(r4_data)._replace(reasons=REASONS[:1], workload="strong")
    pages = pdf_pages(render_r4_bytes(form))
    assert len(pages) == 2
    assert REASONS[0] in pages[1]
    assert "Obseg dela z otrokom: močno povečan" in pages[1]
    assert "Obrazložitev: ____" in pages[1]  # the blank lines to write it by hand


def test_json_without_reasons_prints_the_rationale_alone(r4_data):
    pages = pdf_pages(render_r4_bytes(r4_data))
    assert "Razlogi iz 53. člena ZIRD" not in pages[-1]
    assert "Obseg dela" not in pages[-1]
    assert "vsakodnevno učno pomoč" in pages[-1]


def test_a_long_reason_wraps_under_its_own_text_not_under_the_box(r4_data):
    from rejnistvo.printing import FRAME_WIDTH, FormLine

    long_reason = " ".join(["Otrok potrebuje dodatno strokovno pomoč in prilagojen program."] * 4)
    form = parse_r4(r4_data)._replace(reasons=(long_reason,))
    line = next(
        f for f in build_story(form) if isinstance(f, FormLine) and f.chosen_labels() == ["☒"]
    )
    line.wrap(FRAME_WIDTH, 1000)
    assert len(line._lines) >= 3
    starts = []
    for tokens in line._lines:
        x, words = 0.0, []
        for token in tokens:
            if token.seg.kind == "text" and token.text.strip():
                words.append((x, x + token.width - token.trail))
            x += token.width
        starts.append(words[0][0])
        assert words[-1][1] <= FRAME_WIDTH
    assert all(abs(start - starts[0]) < 0.01 for start in starts[1:]), starts
