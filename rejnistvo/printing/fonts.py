"""Bundled DejaVu fonts, registered with reportlab once per process.

The standard PDF fonts have no č, š, ž that copy out correctly, so every document is set
in DejaVu (resources/fonts/, licence in LICENSE-DejaVu.txt); reportlab embeds the subset
of glyphs each document uses.

Reading a TrueType file costs about 30 ms, and a `print` process used to read all eight
faces for the three or four a form sets. So a face is registered by name only and read on
the first use of its metrics (`_BundledFace`), and what reportlab extracts from the file
(widths, glyph table, names — everything but the file's bytes) is kept in the user's cache
folder (`font_cache`); the next process loads it in a few ms. The PDF is the same either
way: the subset is still cut from the font file itself.

A face is first read from its Latin subset (`<face>.latin.ttf`, made by
packaging/font_subsets.py: 15–24 % of the glyphs, so of the tables to load and the bytes
to fingerprint; loading the three full faces an R-4 sets took 0.68× `import reportlab`
in machine instructions, the subsets take 0.29×).
The subset keeps every table and glyph reportlab copies into a PDF, so the PDF is the
same byte for byte. Text with a character the subset lacks (a Cyrillic or Greek name)
makes the face read the full font before that text is measured or set
(`_BundledFont.stringWidth`, `splitString`): widths, glyphs and the PDF are then the
full font's, as before.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.lib.rl_accel import instanceStringWidthTTF
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFArray, PDFStream, PDFZCompress
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from rejnistvo.printing import font_cache
from rejnistvo.resources import resource_path

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SERIF = "DejaVuSerif"
SERIF_BOLD = "DejaVuSerif-Bold"

# family -> (regular, bold, italic, bold italic) file stems; each file's PostScript name
# is its stem (tests/forms/test_font_cache.py checks it), which registration relies on
_FAMILIES = {
    SANS: ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"),
    SERIF: ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"),
}

_LOAD_LOCK = threading.Lock()


class _BundledFace(TTFontFace):  # type: ignore[misc]  # reportlab is untyped
    """A TrueType face whose file is read on the first use of anything but its name.

    Registering a font asks only for `name`; widths (`charWidths`), the glyph table and
    the file's bytes come with the first attribute reportlab looks for and does not find,
    from the font cache when it holds this file's data, else by parsing the file. The
    cache's deferred tables (`font_cache.DEFERRED`) are unpacked when first asked for.
    """

    def __init__(self, path: Path, postscript_name: str, subset: Path | None = None) -> None:
        # Deliberately not TTFontFace.__init__: that parses the file now.
        self._path = path
        #: the Latin subset read instead of the file until a text needs more (None: the
        #: full font is read or was asked for)
        self._subset = subset
        self.name = TTFNameBytes(postscript_name.encode("ascii"))

    def __getattr__(self, attribute: str) -> Any:
        # Only called for attributes not set yet. Dunder look-ups (copy, pickle, hasattr
        # probes) must not read a font file.
        if attribute.startswith("__") or attribute in ("_path", "_subset"):
            raise AttributeError(attribute)
        own = self.__dict__
        if "_ttf_data" not in own:
            self._load()
        later = own.get(font_cache.DEFERRED_KEY)
        if later and attribute in later:
            with _LOAD_LOCK:
                if attribute not in own:
                    own[attribute] = font_cache.load_deferred(later[attribute])
            return own[attribute]
        return object.__getattribute__(self, attribute)

    def _load(self) -> None:
        with _LOAD_LOCK:
            if "_ttf_data" in self.__dict__:
                return
            subset = self._subset
            state = font_cache.load_face_state(subset or self._path)
            if subset is not None:
                # the characters the subset has; any other makes the face read the full font
                state["_covered"] = frozenset(map(chr, state["charToGlyph"]))
            self.__dict__.update(state)

    def covers(self, text: str) -> bool:
        """Whether the face as read so far has every character of `text` (ASCII
        always). A character the subset lacks reads the full font even if that lacks it
        too (it then prints as reportlab's missing glyph, as before)."""
        if self._subset is None or text.isascii():
            return True
        covered: frozenset[str] = self._covered
        return covered.issuperset(text)

    def cover(self, text: str | bytes, encoding: str) -> None:
        """Read the full font if the subset lacks a character of `text` (as text)."""
        if not self.covers(text if isinstance(text, str) else text.decode(encoding)):
            self.widen()

    def widen(self) -> None:
        """Read the full font in place of the subset: from now on every width, glyph and
        embedded subset comes from it. The subset's widths were the full font's, so what
        was measured before stays true."""
        with _LOAD_LOCK:
            if self._subset is None:
                return
            state = font_cache.load_face_state(self._path)
            own = self.__dict__
            for attribute in [a for a in own if a not in ("_path", "_subset", "name")]:
                del own[attribute]
            own.update(state)
            self._subset = None

    def makeSubset(self, subset: list[int]) -> bytes:  # noqa: N802 - reportlab's name
        """The embedded subset for these characters, made once per process: the same
        characters cut from the same file give the same bytes (reportlab's makeSubset
        depends on nothing else), and forms printed one after another mostly repeat
        their letters."""
        key = tuple(subset)
        memo: dict[tuple[int, ...], bytes] = self.__dict__.setdefault("_subset_memo", {})
        data = memo.get(key)
        if data is None:
            data = super().makeSubset(subset)
            if len(memo) >= _SUBSETS_KEPT:
                del memo[next(iter(memo))]
            memo[key] = data
        return data

    def addSubsetObjects(self, doc: Any, fontname: str, subset: list[int]) -> Any:  # noqa: N802
        """reportlab's, with the subset's compression also made once (see _Flate)."""
        descriptor = super().addSubsetObjects(doc, fontname, subset)
        stream = doc.idToObject.get(f"fontFile:{self.filename}({fontname})")
        if isinstance(stream, PDFStream) and stream.filters == [PDFZCompress]:
            stream.filters = [_FLATE]
        return descriptor

    @property
    def loaded(self) -> bool:
        """Whether the file has been read (tests: unused faces stay unread)."""
        return "_ttf_data" in self.__dict__


_SUBSETS_KEPT = 64  # per face; a subset is 10–40 kB


class _Flate:
    """reportlab's FlateDecode filter (zlib.compress, the same level, so the same bytes)
    remembering its last results: a subset from `makeSubset`'s memo is the same bytes
    object, so it is compressed once per process."""

    pdfname = PDFZCompress.pdfname

    def __init__(self) -> None:
        self._memo: dict[bytes, bytes] = {}
        self._lock = threading.Lock()

    def encode(self, content: bytes) -> bytes:
        with self._lock:
            packed = self._memo.get(content)
        if packed is None:
            packed = PDFZCompress.encode(content)
            with self._lock:
                if len(self._memo) >= _SUBSETS_KEPT * 4:
                    del self._memo[next(iter(self._memo))]
                self._memo[content] = packed
        return bytes(packed)

    def decode(self, encoded: bytes) -> bytes:
        return bytes(PDFZCompress.decode(encoded))


_FLATE = _Flate()


class _Widths(PDFArray):  # type: ignore[misc]  # reportlab is untyped
    """A subset's /Widths array written once per process: its text depends only on the
    numbers (reportlab's own formatting, remembered), and a document sets the same letters
    in the same order as the one before more often than not."""

    def format(self, document: Any, IND: bytes = b"\n ") -> bytes:  # noqa: N803
        key = (tuple(self.sequence), rl_config.pdfMultiLine, IND)
        data = _WIDTHS_TEXT.get(key)
        if data is None:
            data = super().format(document, IND)
            if len(_WIDTHS_TEXT) >= _SUBSETS_KEPT * 8:
                _WIDTHS_TEXT.clear()
            _WIDTHS_TEXT[key] = data
        return data


_WIDTHS_TEXT: dict[tuple[Any, ...], bytes] = {}


class _BundledFont(TTFont):  # type: ignore[misc]  # reportlab is untyped
    """reportlab's TTFont with a lazily read face (see `_BundledFace`).

    TTFont.__init__ minus its parse: the same attributes, set the same way (a test
    compares them with a TTFont made by reportlab itself, so a reportlab upgrade that
    adds one is noticed).
    """

    def __init__(self, name: str, path: Path, subset: Path | None = None) -> None:
        from fnmatch import fnmatch

        self.fontName = name
        self.face = _BundledFace(path, name, subset)
        self.encoding = TTEncoding()
        self.state: WeakKeyDictionary[Any, Any] = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)

    # Every text reaches a face's widths or glyphs through these two (reportlab's
    # paragraphs, canvas and our form lines): the place to see a character the subset
    # lacks before it is measured or given a glyph.
    # (A few hundred calls a document: ASCII text, a full face or a text of the subset's
    # characters cost a few tests, not a call; bytes take the long way, `cover`.)
    def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:  # noqa: N802
        face = self.face
        if face._subset is not None and not text.isascii() and not face._covered.issuperset(text):
            face.cover(text, encoding)
        width: float = instanceStringWidthTTF(self, text, size, encoding)
        return width

    def splitString(self, text: str | bytes, doc: Any, encoding: str = "utf-8") -> Any:  # noqa: N802
        face = self.face
        if face._subset is not None and not text.isascii() and not face._covered.issuperset(text):
            face.cover(text, encoding)
        return super().splitString(text, doc, encoding)

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - reportlab's name
        """reportlab's, with what it writes the same way for the same subset made once:
        the /Widths text (`_Widths`) and the compressed ToUnicode map (`_Flate`)."""
        fonts = doc.idToObject["BasicFonts"].dict
        before = set(fonts)
        super().addObjects(doc)
        for name in set(fonts) - before:
            font = fonts[name]
            widths = getattr(font, "Widths", None)
            if isinstance(widths, PDFArray) and type(widths) is PDFArray:
                font.Widths = _Widths(widths.sequence)
            cmap = doc.idToObject.get(f"toUnicodeCMap:{font.BaseFont}")
            if isinstance(cmap, PDFStream) and cmap.filters == [PDFZCompress]:
                cmap.filters = [_FLATE]


#: file name ending of a face's Latin subset next to it (packaging/font_subsets.py)
SUBSET_SUFFIX = ".latin.ttf"


def _subset_of(path: Path) -> Path | None:
    """The face's Latin subset, if shipped (a bundle without one reads the full font)."""
    subset = path.with_name(path.stem + SUBSET_SUFFIX)
    return subset if subset.is_file() else None


@cache
def register_family(family: str = SANS) -> str:
    """Register the four faces of a bundled family; return the regular face's name.

    Cheap: a face's file is read only when a document first sets text in it (see
    `_BundledFace`). <b> and <i> in paragraphs map to the right face through addMapping.
    """
    faces = _FAMILIES[family]
    for stem in faces:
        path = resource_path("fonts", f"{stem}.ttf")
        pdfmetrics.registerFont(_BundledFont(stem, path, _subset_of(path)))
    regular, bold, italic, bold_italic = faces
    addMapping(family, 0, 0, regular)
    addMapping(family, 1, 0, bold)
    addMapping(family, 0, 1, italic)
    addMapping(family, 1, 1, bold_italic)
    return regular


def register_fonts() -> None:
    """Register every bundled family (the forms use Sans, the engine allows Serif)."""
    register_family(SANS)
    register_family(SERIF)


def loaded_faces() -> list[str]:
    """Names of the bundled faces whose file this process has read (tests, benchmarks)."""
    names = []
    for faces in _FAMILIES.values():
        for stem in faces:
            font = pdfmetrics._fonts.get(stem)  # noqa: SLF001 - reportlab has no getter
            if isinstance(font, _BundledFont) and font.face.loaded:
                names.append(stem)
    return names


__all__ = [
    "SANS",
    "SANS_BOLD",
    "SERIF",
    "SERIF_BOLD",
    "loaded_faces",
    "register_family",
    "register_fonts",
]
