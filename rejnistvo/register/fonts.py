"""Fonts for the register PDF: the printing engine's DejaVu when it is there.

Kept in one place so that the register follows the engine (rejnistvo/printing/fonts.py)
and can drop the fallback once the engine is always present.
"""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from rejnistvo.resources import resource_path


@cache
def table_fonts() -> tuple[str, str]:
    """(regular, bold) font names registered with reportlab, both with č, š, ž."""
    try:
        from rejnistvo.printing import fonts as engine
    except ImportError:
        engine = None
    if engine is not None:
        engine.register_family(engine.SANS)
        return engine.SANS, engine.SANS_BOLD
    for name in ("DejaVuSans", "DejaVuSans-Bold"):
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", f"{name}.ttf"))))
    return "DejaVuSans", "DejaVuSans-Bold"
