"""Fonts for the register PDF: the printing engine's DejaVu, so the register prints
č, š, ž like every other document."""

from __future__ import annotations

from rejnistvo.printing import fonts as engine


def table_fonts() -> tuple[str, str]:
    """(regular, bold) font names registered with reportlab, both with č, š, ž."""
    engine.register_family(engine.SANS)
    return engine.SANS, engine.SANS_BOLD
