"""The parsed-font cache and the lazily read faces (issue 13): a PDF made from the cache is
the same as one made by parsing the font files, and a cache file that is stale, damaged
or made from something else is never used."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rejnistvo.forms import render_form
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from rejnistvo.printing import font_cache, fonts
from rejnistvo.resources import resource_path
from tests.forms.conftest import load_example, pdf_text

ROOT = Path(__file__).resolve().parents[2]
SANS_FILE = resource_path("fonts", "DejaVuSans.ttf")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(font_cache.CACHE_ENV, str(tmp_path))
    return tmp_path / "fonts"


def face_state(path: Path) -> dict:
    state = dict(TTFontFace(str(path)).__dict__)
    del state["_pdfScale"]
    return state


def comparable(state: dict) -> dict:
    state = font_cache.full_state(state)
    scale = state.pop("_pdfScale")
    state["scaled"] = [scale(v) for v in (1, 7, 2048, -462, 1793)]
    return state


def test_state_from_cache_equals_reportlabs_own_parse(cache: Path) -> None:
    parsed = font_cache.load_face_state(SANS_FILE)  # miss: parses and writes
    assert font_cache.cache_file(SANS_FILE).is_file()
    cached = font_cache.load_face_state(SANS_FILE)  # hit
    reference = TTFontFace(str(SANS_FILE)).__dict__
    assert comparable(parsed) == comparable(cached) == comparable(reference)
    assert cached["name"] == b"DejaVuSans" and cached["name"].ustr == "DejaVuSans"
    assert cached["charWidths"][ord("č")] == reference["charWidths"][ord("č")]


def test_cache_hit_does_not_parse(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    font_cache.load_face_state(SANS_FILE)

    def parse_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed although the cache is valid")

    monkeypatch.setattr(font_cache, "TTFontFace", parse_again)
    assert font_cache.load_face_state(SANS_FILE)["unitsPerEm"] == 2048


def damaged(blob: bytes) -> list[bytes]:
    header = font_cache.HEADER_SIZE
    flipped = bytearray(blob)
    flipped[header + 100] ^= 0xFF
    return [
        b"",
        b"garbage",
        blob[: len(blob) // 2],  # a write cut short
        bytes(flipped),  # one byte changed
        b"X" + blob[1:],  # not our file
        blob[:header] + b"\x00" * (len(blob) - header),
    ]


@pytest.mark.parametrize("case", range(6))
def test_damaged_cache_is_ignored_and_rebuilt(cache: Path, case: int) -> None:
    font_cache.load_face_state(SANS_FILE)
    target = font_cache.cache_file(SANS_FILE)
    good = target.read_bytes()
    target.write_bytes(damaged(good)[case])
    state = font_cache.load_face_state(SANS_FILE)
    assert comparable(state) == comparable(TTFontFace(str(SANS_FILE)).__dict__)
    assert target.read_bytes() == good  # written again


def write_entry(target: Path, key: dict, state: object) -> None:
    payload = marshal.dumps({"key": key, "state": state})
    target.write_bytes(font_cache.MAGIC + font_cache.digest(payload) + payload)


@pytest.mark.parametrize("field", ["font", "reportlab", "python", "format"])
def test_stale_cache_is_ignored(cache: Path, field: str) -> None:
    """A whole, well-formed entry made from another font file, reportlab or Python —
    with lying widths — is not used."""
    font_cache.load_face_state(SANS_FILE)
    target = font_cache.cache_file(SANS_FILE)
    entry = marshal.loads(target.read_bytes()[font_cache.HEADER_SIZE :])
    entry["key"][field] = "something else" if field != "format" else 0
    entry["state"]["values"]["charWidths"] = {ord("č"): 1.0}
    entry["state"]["later"]["glyphPos"] = marshal.dumps([0, 1, 2])
    write_entry(target, entry["key"], entry["state"])
    state = font_cache.full_state(font_cache.load_face_state(SANS_FILE))
    assert state["charWidths"][ord("č")] > 1.0 and len(state["glyphPos"]) > 3
    assert (
        marshal.loads(target.read_bytes()[font_cache.HEADER_SIZE :])["key"][field]
        != (entry["key"][field])
    )


@pytest.mark.parametrize("part, table", [("values", "charToGlyph"), ("later", "hmetrics")])
def test_entry_missing_tables_is_ignored(cache: Path, part: str, table: str) -> None:
    font_cache.load_face_state(SANS_FILE)
    target = font_cache.cache_file(SANS_FILE)
    entry = marshal.loads(target.read_bytes()[font_cache.HEADER_SIZE :])
    del entry["state"][part][table]
    write_entry(target, entry["key"], entry["state"])
    assert table in font_cache.full_state(font_cache.load_face_state(SANS_FILE))


def test_deferred_tables_load_on_first_use(cache: Path) -> None:
    """From the cache, the glyph positions, metrics and glyph→character map are unpacked
    only when reportlab asks for them, and then equal reportlab's own parse."""
    font_cache.load_face_state(SANS_FILE)  # fill the cache
    reference = TTFontFace(str(SANS_FILE))
    face = fonts._BundledFace(SANS_FILE, "DejaVuSans")
    assert face.charWidths == reference.charWidths
    for table in font_cache.DEFERRED:
        assert table not in face.__dict__
    assert face.hmetrics == reference.hmetrics
    assert "hmetrics" in face.__dict__ and "glyphToChar" not in face.__dict__
    assert face.glyphToChar == reference.glyphToChar
    assert face.glyphPos == reference.glyphPos


def test_cache_folder_that_cannot_be_written_only_costs_the_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(font_cache.CACHE_ENV, str(blocker))  # "<file>/fonts" can never be made
    state = font_cache.load_face_state(SANS_FILE)
    assert comparable(state) == comparable(TTFontFace(str(SANS_FILE)).__dict__)


def test_bundled_font_has_reportlabs_own_attributes() -> None:
    """_BundledFont copies TTFont.__init__ minus the parse: a reportlab upgrade that adds
    an attribute must fail here, not in a printed form."""
    ours = fonts._BundledFont("DejaVuSans", SANS_FILE)
    theirs = TTFont("DejaVuSans", str(SANS_FILE))
    assert set(vars(ours)) == set(vars(theirs))
    for name in ("fontName", "_asciiReadable", "shapable"):
        assert getattr(ours, name) == getattr(theirs, name)
    assert type(ours.encoding) is type(theirs.encoding)
    assert not ours.face.loaded


@pytest.mark.parametrize("stem", [s for faces in fonts._FAMILIES.values() for s in faces])
def test_each_bundled_file_is_named_by_its_stem(stem: str) -> None:
    """Registration names a face before reading it: the name must be the file's own."""
    face = TTFontFace(str(resource_path("fonts", f"{stem}.ttf")))
    assert face.name == stem.encode()


def test_lazy_face_reads_its_file_on_first_use(cache: Path) -> None:
    face = fonts._BundledFace(SANS_FILE, "DejaVuSans")
    assert not face.loaded and face.name == b"DejaVuSans"
    with pytest.raises(AttributeError):
        face.__no_such_dunder__  # noqa: B018
    assert not face.loaded
    assert face.charWidths[ord("ž")] > 0
    assert face.loaded
    with pytest.raises(AttributeError):
        face.no_such_attribute  # noqa: B018


FORMS_SCRIPT = """
import sys
from rejnistvo.forms import render_form
from rejnistvo.printing.fonts import loaded_faces
import json
for kind in ("r1", "r4", "r5"):
    data = json.load(open(f"forms/{kind}.example.json", encoding="utf-8"))
    sys.stdout.buffer.write(render_form(kind, data))
    sys.stdout.buffer.write(b"\\n--SPLIT--\\n")
sys.stdout.buffer.write(",".join(loaded_faces()).encode())
"""


def print_in_fresh_process(cache_base: Path) -> list[bytes]:
    env = dict(os.environ, REJNISTVO_CACHE_DIR=str(cache_base))
    out = subprocess.run(
        [sys.executable, "-c", FORMS_SCRIPT], cwd=ROOT, env=env, capture_output=True, check=True
    ).stdout
    return out.split(b"\n--SPLIT--\n")


def test_forms_from_cache_are_byte_identical_with_correct_letters(tmp_path: Path) -> None:
    """Fresh processes: the first parses the fonts and fills the cache, the second reads
    the cache; both make the same bytes. Only the faces the forms set are read."""
    cold = print_in_fresh_process(tmp_path)
    written = {p: p.stat().st_mtime_ns for p in (tmp_path / "fonts").iterdir()}
    assert written  # filled
    warm = print_in_fresh_process(tmp_path)
    assert cold == warm
    # valid, so read and not written again
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "fonts").iterdir()} == written
    *pdfs, faces = warm
    assert set(faces.decode().split(",")) == {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "DejaVuSerif",
        "DejaVuSerif-Bold",
    }
    for pdf, kind in zip(pdfs, ("r1", "r4", "r5"), strict=True):
        assert pdf_text(pdf) == pdf_text(render_form(kind, load_example(kind)))
    assert "zvišanje" in pdf_text(pdfs[1]).lower()


def test_corrupt_cache_in_a_fresh_process_prints_the_same(tmp_path: Path) -> None:
    """Every cache file damaged (a crash, a full disk): the next process ignores them, makes
    the same PDFs with č, š, ž, and writes good cache files again."""
    cold = print_in_fresh_process(tmp_path)
    files = sorted((tmp_path / "fonts").iterdir())
    good = {path: path.read_bytes() for path in files}
    for path, blob in good.items():
        path.write_bytes(blob[: len(blob) // 3])
    assert print_in_fresh_process(tmp_path) == cold
    assert {path: path.read_bytes() for path in files} == good
