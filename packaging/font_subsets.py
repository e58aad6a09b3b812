"""Make the Latin subsets of the bundled DejaVu faces: `python packaging/font_subsets.py`
(writes resources/fonts/<face>.latin.ttf; `--check` only verifies the committed files).

Why: every `print` process loads the widths, glyph table and glyph positions of the
faces it sets text in, and reads and fingerprints the font files. DejaVu Sans has ~6,000
glyphs; the documents print Latin text. A face cut to the characters below (~900 glyphs,
15–24 % of a face) loads in under half the instructions (`benchmarks/bench_cli.py
--instructions`).
Text with a character outside the subset makes the face switch to the full font
before that text is measured (`rejnistvo/printing/fonts.py`), so nothing prints as a
missing glyph.

The PDF is the same byte for byte: reportlab copies `name`, `OS/2`, `cvt `, `fpgm`,
`prep` and the headers of `head`, `hhea`, `maxp`, `post` from the file into each
embedded subset, and takes every glyph's outline and metrics from it. So those tables
are copied here unchanged (the maxima in `hhea`/`maxp` stay the full font's: bounds
still true for fewer glyphs), each glyph's bytes are copied whole with only composite
glyphs' component numbers renumbered, as reportlab renumbers them, and `hmtx` keeps each
glyph's advance and side bearing. Dropped: the glyphs of other scripts, kerning and
OpenType layout tables (`kern`, `GPOS`, `GSUB`: reportlab neither reads nor embeds
them), and the glyph names (`post` format 3).

Licence (resources/fonts/LICENSE-DejaVu.txt): Bitstream's and Tavmjong Bah's terms allow
modified copies provided their names do not contain "Bitstream", "Vera", "Arev" or
"Tavmjong Bah"; the faces keep their DejaVu names, which contain none of those words,
and ship with the same licence file. No fontTools: reportlab's own reader and writer
(the code that later cuts the PDF subsets) make the file, so what it copies is what it
will read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from struct import pack, unpack

from reportlab.pdfbase.ttfonts import TTFontFile, TTFontMaker

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "resources" / "fonts"
SUFFIX = ".latin.ttf"

#: Inclusive code point ranges kept. Latin script for any European name (with the
#: combining accents a decomposed name brings), the punctuation, currency, arrows,
#: mathematical and box signs the forms print (tests/forms/test_font_subsets.py checks
#: every character in the forms' and the engine's source is here).
RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x024F),  # Latin-1, Latin Extended-A and -B: č š ž ć đ ö ü ß ł ő ș ț …
    (0x02B0, 0x036F),  # spacing modifiers (ˇ ˘ ˛ ˝), combining marks (a decomposed name)
    (0x2000, 0x206F),  # general punctuation: – — ‘ ’ „ “ ” • … ‰
    (0x2070, 0x209F),  # superscripts and subscripts
    (0x20A0, 0x20CF),  # currency symbols: €
    (0x2103, 0x2103),  # ℃
    (0x2116, 0x2116),  # №
    (0x2122, 0x2122),  # ™
    (0x2190, 0x2195),  # arrows ← ↑ → ↓ ↔ ↕
    (0x2212, 0x2215),  # − ∓ ∔ ∕
    (0x2219, 0x221A),  # ∙ √
    (0x221E, 0x221E),  # ∞
    (0x2248, 0x2248),  # ≈
    (0x2260, 0x2265),  # ≠ ≡ ≢ ≣ ≤ ≥
    (0x25A0, 0x25A1),  # ■ □
    (0x25AA, 0x25AB),  # ▪ ▫
    (0x25CB, 0x25CB),  # ○
    (0x25CF, 0x25CF),  # ●
    (0x2610, 0x2612),  # ballot boxes ☐ ☑ ☒
    (0x2713, 0x2718),  # check marks ✓ ✔ ✗ ✘
    (0xFFFD, 0xFFFD),  # replacement character
)

#: copied unchanged (reportlab embeds the first five as they are; gasp is small and tells
#: a renderer reading the file itself how to hint)
_VERBATIM = ("name", "OS/2", "cvt ", "fpgm", "prep", "gasp")

# composite glyph flags (TrueType 'glyf')
_ARG_WORDS = 0x0001
_SCALE = 0x0008
_MORE = 0x0020
_XY_SCALE = 0x0040
_TWO_BY_TWO = 0x0080


def wanted_codes(face: TTFontFile) -> list[int]:
    """The characters of RANGES the face has a glyph for."""
    mapping = face.charToGlyph
    return [
        code for low, high in RANGES for code in range(low, high + 1) if mapping.get(code, 0) != 0
    ]


def _components(data: bytes) -> list[tuple[int, int]]:
    """(offset of the glyph number, glyph number) of each component of a composite glyph."""
    found = []
    at = 10
    flags = _MORE
    while flags & _MORE:
        flags, glyph = unpack(">HH", data[at : at + 4])
        found.append((at + 2, glyph))
        at += 4 + (4 if flags & _ARG_WORDS else 2)
        if flags & _SCALE:
            at += 2
        elif flags & _XY_SCALE:
            at += 4
        elif flags & _TWO_BY_TWO:
            at += 8
    return found


def _glyph(face: TTFontFile, glyf: bytes, glyph: int) -> bytes:
    start, end = face.glyphPos[glyph], face.glyphPos[glyph + 1]
    return glyf[start:end]


def _is_composite(data: bytes) -> bool:
    return len(data) > 2 and unpack(">h", data[:2])[0] < 0


def subset_font(source: Path) -> bytes:
    """The subset of one face, as the bytes of a TrueType file."""
    face = TTFontFile(str(source))
    glyf = face.get_table("glyf")
    codes = wanted_codes(face)
    # the glyphs of those characters, .notdef first, and the parts of composite glyphs
    keep = {0} | {face.charToGlyph[code] for code in codes}
    todo = list(keep)
    while todo:
        data = _glyph(face, glyf, todo.pop())
        if _is_composite(data):
            for _, part in _components(data):
                if part not in keep:
                    keep.add(part)
                    todo.append(part)
    order = sorted(keep)
    new_id = {old: new for new, old in enumerate(order)}

    pieces = []
    offsets = [0]
    for old in order:
        data = _glyph(face, glyf, old)
        if _is_composite(data):
            for at, part in _components(data):
                data = data[:at] + pack(">H", new_id[part]) + data[at + 2 :]
        pieces.append(data)  # whole: reportlab copies a glyph's bytes as far as loca says
        offsets.append(offsets[-1] + len(data))

    out = TTFontMaker()
    for tag in _VERBATIM:
        if tag in face.table:
            out.add(tag, face.get_table(tag))
    out.add("glyf", b"".join(pieces))
    out.add("loca", pack(f">{len(offsets)}L", *offsets))
    head = face.get_table("head")
    out.add("head", head[:50] + pack(">H", 1) + head[52:])  # long loca offsets
    hhea = face.get_table("hhea")
    out.add("hhea", hhea[:34] + pack(">H", len(order)) + hhea[36:])  # every glyph a pair
    metrics = [value for old in order for value in face.hmetrics[old]]
    out.add("hmtx", pack(f">{len(metrics)}H", *(value & 0xFFFF for value in metrics)))
    maxp = face.get_table("maxp")
    out.add("maxp", maxp[:4] + pack(">H", len(order)) + maxp[6:])
    out.add("post", b"\x00\x03\x00\x00" + face.get_table("post")[4:32])
    out.add("cmap", _cmap({code: new_id[face.charToGlyph[code]] for code in codes}))
    return bytes(out.makeStream())


def _cmap(mapping: dict[int, int]) -> bytes:
    """A format 12 Unicode cmap (for platform 0/4 and 3/10) of code → glyph."""
    groups: list[list[int]] = []
    for code in sorted(mapping):
        glyph = mapping[code]
        last = groups[-1] if groups else None
        if last and code == last[1] + 1 and glyph == last[2] + code - last[0]:
            last[1] = code
        else:
            groups.append([code, code, glyph])
    body = b"".join(pack(">LLL", *group) for group in groups)
    table = pack(">HHLLL", 12, 0, 16 + len(body), 0, len(groups)) + body
    header = pack(">HH", 0, 2) + pack(">HHL", 0, 4, 20) + pack(">HHL", 3, 10, 20)
    return header + table


def faces() -> list[Path]:
    return sorted(path for path in FONTS.glob("*.ttf") if not path.name.endswith(SUFFIX))


def subset_path(source: Path) -> Path:
    return source.with_name(source.stem + SUFFIX)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the files")
    options = parser.parse_args()
    stale = []
    for source in faces():
        data = subset_font(source)
        target = subset_path(source)
        if options.check:
            if not target.exists() or target.read_bytes() != data:
                stale.append(target.name)
        else:
            target.write_bytes(data)
            print(f"{target.name}: {len(data):,} bytes ({source.stat().st_size:,} whole)")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
