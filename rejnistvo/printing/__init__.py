"""The PDF engine (reportlab): bundled fonts, page furniture, Slovenian formats, form
lines with blank fields, circled choices and tick boxes. No Qt here.

Documents themselves live in the top-level `forms` package, one module per document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rejnistvo.lazy_names import lazy_names
from rejnistvo.printing.rl_startup import (
    REPORTLAB_UNUSED,
    compile_patterns_on_first_use,
    defer_modules,
    defer_uri_pattern,
)

# Before anything here imports reportlab.platypus: its import-time URL regex (60 ms of a
# `print` process) is compiled when first used instead, Pillow is loaded only if
# something draws a bitmap, and platypus' package code (all of platypus) only if a name
# is taken from the package rather than from its submodules (see rl_startup); `platform`
# and reportlab's safe eval, when imported, compile their patterns on first use.
defer_uri_pattern()
defer_modules(REPORTLAB_UNUSED)
compile_patterns_on_first_use()

# The names below load their module on first use (PEP 562): importing
# ``rejnistvo.printing.formats`` for a date, as Roki does at the window's start, must not
# bring reportlab's platypus with it (a second of the start on a busy machine).
if TYPE_CHECKING:
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
    from rejnistvo.printing.marks import (
        FormLine,
        Rule,
        Seg,
        bold,
        box,
        choice,
        field,
        small,
        tab,
        text,
    )

_HOMES = {
    "document": (
        "FRAME_WIDTH",
        "LANDSCAPE_FRAME_WIDTH",
        "build_pdf",
        "markup",
        "para",
        "styles",
        "table",
        "text_block",
        "write_atomic",
    ),
    "fonts": ("register_fonts",),
    "formats": (
        "count_phrase",
        "fmt_amount",
        "fmt_date",
        "fmt_eur",
        "fmt_factor",
        "fmt_month",
        "fmt_percent",
    ),
    "marks": ("FormLine", "Rule", "Seg", "bold", "box", "choice", "field", "small", "tab", "text"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}


__getattr__ = lazy_names(__name__, _HOME_OF)


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
