"""Make a screen's document and show it in the preview, or say why it cannot be made.

The R-4, R-5 and Izračun screens print this way: ``make`` builds the PDF bytes; a
``RuleError`` it raises is shown with its message, anything else is logged and shown
as an unexpected error (never a traceback to the user)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from rejnistvo.rules.errors import RuleError

log = logging.getLogger(__name__)


def preview_document(
    view: Any,
    make: Callable[[], bytes],
    title: str,
    file_name: str,
    failed: str,
    kind: str = "",
) -> bool:
    """Show the document ``make`` returns; False (with the reason shown) if it failed.

    The view keeps the bytes in ``last_document`` and the dialog in ``preview``."""
    try:
        pdf = make()
    except RuleError as error:
        view.ctx.interaction.error(failed, error.message)
        return False
    except Exception as error:  # noqa: BLE001 - never a traceback to the user
        log.exception("printing %s failed", file_name)
        view.ctx.interaction.error(
            failed,
            getattr(error, "message", None)
            or QCoreApplication.translate(
                "Preview",
                "Pri pripravi dokumenta je prišlo do nepričakovane napake; zapisana je v dnevnik.",
            ),
        )
        return False
    from rejnistvo.ui.documents import show_document

    view.last_document = pdf
    view.preview = show_document(view.ctx, pdf, title, file_name, view, kind)
    return True
