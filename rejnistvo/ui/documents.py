"""Preview of a printed document inside the program, with "save as PDF" and "print".

Every screen that makes a document (R-4, R-5, payment sheet, refund call) hands the PDF
bytes from ``forms.*.render`` to :func:`show_document`. The PDF is shown with QtPdf;
printing renders each page with ``QPdfDocument.render`` onto a ``QPrinter``, so what is
printed is exactly what was previewed. The file dialog goes through the context's
interaction interface, so tests answer it without a dialog.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from rejnistvo.ui.context import AppContext

log = logging.getLogger(__name__)

try:  # QtPdf comes with PySide6-Addons (< 6.12, see pyproject); a bare Essentials lacks it.
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    HAVE_QTPDF = True
except ImportError:  # pragma: no cover - depends on the installation
    QPdfDocument = None  # type: ignore[assignment,misc]
    QPdfView = None  # type: ignore[assignment,misc]
    HAVE_QTPDF = False

# Pages are rendered for the printer at this resolution: sharp text, bounded memory.
PRINT_DPI = 300


class DocumentPreview(QDialog):
    """Shows one PDF; "Shrani kot PDF…" writes the bytes, "Natisni…" prints the pages."""

    def __init__(
        self,
        ctx: AppContext,
        pdf: bytes,
        title: str,
        suggested_name: str,
        parent: QWidget | None = None,
        kind: str = "",
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        #: remembers its own folder per kind of document (issue 12: files)
        self.kind = kind or "pdf"
        self.pdf = bytes(pdf)
        self.document_title = title
        self.suggested_name = suggested_name
        self.saved_path: Path | None = None
        self.setObjectName("documentPreview")
        # A page's proportions, within the screen: on a 1366×768 laptop the buttons under
        # the page would be off screen (the frame's title bar is not known yet: 60 px).
        area = self.screen().availableGeometry()
        self.resize(min(820, area.width()), min(960, area.height() - 60))

        layout = QVBoxLayout(self)
        self.document = None
        self._buffer: QBuffer | None = None
        if HAVE_QTPDF:
            self.document = QPdfDocument(self)
            # The buffer must live as long as the document reads from it.
            self._bytes = QByteArray(self.pdf)
            self._buffer = QBuffer(self._bytes, self)
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(self._buffer)
            self.view = QPdfView(self)
            self.view.setObjectName("pdfView")
            self.view.setPageMode(QPdfView.PageMode.MultiPage)
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.view.setDocument(self.document)
            layout.addWidget(self.view, 1)
            self.notice = None
        else:
            self.view = None
            self.notice = QLabel(self)
            self.notice.setWordWrap(True)
            layout.addWidget(self.notice, 1)

        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("savePdfButton")
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("printButton")
        self.print_button.setEnabled(self.document is not None)
        self.close_button = QPushButton(self)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(self.buttons)

        self.save_button.clicked.connect(self.save_as)
        self.print_button.clicked.connect(self.print_dialog)
        self.close_button.clicked.connect(self.reject)
        self.retranslate()
        from rejnistvo.ui.widgets.accessible import named_when_shown

        named_when_shown(self)  # its title and what it offers, for a screen reader

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Predogled: %1").replace("%1", self.document_title))
        self.save_button.setText(self.tr("Shrani kot PDF…"))
        self.print_button.setText(self.tr("Natisni…"))
        self.close_button.setText(self.tr("Zapri"))
        if self.notice is None:  # else the notice says why nothing is shown
            from rejnistvo.ui.widgets.accessible import describe

            describe(
                self,
                self.tr("Dokument, kot bo natisnjen; shranite ga kot PDF ali ga natisnite."),
            )
        if self.notice is not None:
            self.notice.setText(
                self.tr(
                    "Predogled ni na voljo, ker v namestitvi manjka modul QtPdf. "
                    "Dokument lahko shranite kot PDF in ga odprete v drugem programu."
                )
            )

    def page_count(self) -> int:
        return self.document.pageCount() if self.document is not None else 0

    # -- save -----------------------------------------------------------------------
    def save_as(self) -> bool:
        """Ask for a file name (in the folder last used for this kind of document, else
        Documents; an existing file only replaced when the user says so) and write the
        PDF. True when written."""
        from rejnistvo.ui.interaction import ask_save_file, write_file

        name = self.suggested_name
        if not name.lower().endswith(".pdf"):
            name += ".pdf"
        target = ask_save_file(
            self.ctx, self.kind, name, self.tr("Shrani kot PDF"), self.tr("Dokument PDF (*.pdf)")
        )
        if target is None:
            return False
        if not write_file(self.ctx, target, self.pdf):
            log.warning("saving %s failed", target)
            return False
        self.saved_path = target
        self.ctx.bus.status_message.emit(self.tr("Shranjeno: %1").replace("%1", str(target)))
        return True

    # -- print ----------------------------------------------------------------------
    def print_dialog(self) -> bool:
        """The system's print dialog (Slovenian through qt_sl.qm), then print."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.document_title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Natisni dokument"))
        from rejnistvo.ui.widgets.accessible import describe, named_when_shown

        describe(
            dialog,
            self.tr("Izberite tiskalnik in strani za tisk: %1").replace("%1", self.document_title),
        )
        named_when_shown(dialog)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Render every page onto `printer`, scaled to fit its page. True when printed."""
        if self.document is None or self.page_count() == 0:
            self.ctx.interaction.error(
                self.tr("Tiskanje ni mogoče"), self.tr("Dokumenta ni mogoče prikazati za tisk.")
            )
            return False
        painter = QPainter()
        if not painter.begin(printer):
            self.ctx.interaction.error(
                self.tr("Tiskanje ni uspelo"),
                self.tr("Tiskalnika ni bilo mogoče odpreti. Preverite, ali je vklopljen."),
            )
            return False
        try:
            for index in range(self.page_count()):
                if index:
                    printer.newPage()
                self._paint_page(painter, printer, index)
        finally:
            painter.end()
        self.ctx.bus.status_message.emit(self.tr("Dokument je poslan v tisk."))
        return True

    def _paint_page(self, painter: QPainter, printer: QPrinter, index: int) -> None:
        points = self.document.pagePointSize(index)  # 1/72 inch
        size = QSize(
            round(points.width() * PRINT_DPI / 72), round(points.height() * PRINT_DPI / 72)
        )
        image = self.document.render(index, size)
        target = painter.viewport()
        scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawImage(QRect(target.topLeft(), scaled), image)


def show_document(
    ctx: AppContext,
    pdf: bytes,
    title: str,
    suggested_name: str,
    parent: QWidget | None = None,
    kind: str = "",
) -> DocumentPreview:
    """Open the preview window (not blocking) and return it. ``kind`` names the folder
    remembered for saving ("r4", "payment_sheet" …; default: one for every PDF)."""
    dialog = DocumentPreview(ctx, pdf, title, suggested_name, parent, kind)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
