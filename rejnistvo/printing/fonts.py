"""Bundled DejaVu fonts, registered with reportlab once per process.

The standard PDF fonts have no č, š, ž that copy out correctly, so every document is set
in DejaVu (resources/fonts/, licence in LICENSE-DejaVu.txt); reportlab embeds the subset
of glyphs each document uses.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from rejnistvo.resources import resource_path

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SERIF = "DejaVuSerif"
SERIF_BOLD = "DejaVuSerif-Bold"

# family -> (regular, bold, italic, bold italic) file stems
_FAMILIES = {
    SANS: ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"),
    SERIF: ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"),
}


@cache
def register_family(family: str = SANS) -> str:
    """Register the four faces of a bundled family; return the regular face's name.

    Cached: parsing a TrueType file costs milliseconds and a process prints many forms.
    <b> and <i> in paragraphs then map to the right face through addMapping.
    """
    faces = _FAMILIES[family]
    for stem in faces:
        path = resource_path("fonts", f"{stem}.ttf")
        pdfmetrics.registerFont(TTFont(stem, str(path)))
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
