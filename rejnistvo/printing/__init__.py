"""The PDF engine (reportlab): bundled fonts, page furniture, Slovenian formats, form
lines with blank fields, circled choices and tick boxes. No Qt here.

Documents themselves live in the top-level `forms` package, one module per document.
"""

from rejnistvo.printing.document import (
    FRAME_WIDTH,
    LANDSCAPE_FRAME_WIDTH,
    build_pdf,
    markup,
    para,
    styles,
    table,
    text_block,
    write_atomic,
)
from rejnistvo.printing.fonts import register_fonts
from rejnistvo.printing.formats import (
    count_phrase,
    fmt_amount,
    fmt_date,
    fmt_eur,
    fmt_factor,
    fmt_month,
    fmt_percent,
)
from rejnistvo.printing.marks import FormLine, Rule, Seg, bold, box, choice, field, small, tab, text

__all__ = [
    "FRAME_WIDTH",
    "FormLine",
    "LANDSCAPE_FRAME_WIDTH",
    "Rule",
    "Seg",
    "bold",
    "box",
    "build_pdf",
    "choice",
    "count_phrase",
    "field",
    "fmt_amount",
    "fmt_date",
    "fmt_eur",
    "fmt_factor",
    "fmt_month",
    "fmt_percent",
    "markup",
    "para",
    "register_fonts",
    "small",
    "styles",
    "tab",
    "table",
    "text",
    "text_block",
    "write_atomic",
]
