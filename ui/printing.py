"""Printing through Qt's print preview: what will come out, page by page, before it does.

``open_preview(parent, paint, title)`` shows a ``QPrintPreviewDialog`` (zoom, page set-up,
portrait/landscape, and its 打印 button that opens the print dialog); ``paint(printer)``
draws the pages, for the preview and again for the real printer. ``pdf_painter(path)``
makes such a ``paint`` from a PDF the domain wrote (guides, bookmark lists, comparisons),
so a printed page is the same page the PDF export gives (rasterised at ``PDF_DPI``: sharp
on paper, and a long guide's preview stays within a few hundred MB). ``preview_pdf`` writes
such a PDF into a private temporary folder and removes the folder when the preview closes,
so printing leaves nothing behind in the user's temp folder.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

PDF_DPI = 150


def open_preview(parent: QWidget | None, paint: Callable, title: str = "打印预览", modal: bool = True,
                 landscape: bool = False, on_close: Callable[[], None] | None = None):
    """Show the print preview of ``paint(printer)``; returns the dialog (``modal=False`` for tests).

    ``on_close`` runs once the dialog is closed (printed, cancelled or closed by its window).
    """
    from PySide6.QtGui import QPageLayout
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    if landscape:
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.handbook_printer = printer  # the dialog does not own its printer: keep it alive as long as the dialog
    dialog.setWindowTitle(title)
    dialog.paintRequested.connect(paint)
    if on_close is not None:
        dialog.finished.connect(lambda _result: on_close())
    if parent is not None:
        screen = parent.screen().availableGeometry()
        dialog.resize(int(screen.width() * 0.7), int(screen.height() * 0.85))
    if modal:
        dialog.exec()
    else:
        dialog.open()
    return dialog


def preview_pdf(parent: QWidget | None, write: Callable[[Path], object], title: str, modal: bool = True,
                landscape: bool | None = False):
    """Preview the PDF ``write(path)`` makes, in a temporary folder removed when the preview closes.

    ``landscape=None`` takes the orientation from the PDF's first page. Errors of ``write``
    propagate (the caller shows them) and leave no folder behind.
    """
    folder = Path(tempfile.mkdtemp(prefix="handbook-print-"))
    path = folder / "print.pdf"

    def remove() -> None:
        shutil.rmtree(folder, ignore_errors=True)

    try:
        write(path)
        if landscape is None:
            landscape = pdf_is_landscape(path)
    except BaseException:
        remove()
        raise
    return open_preview(parent, pdf_painter(path), title, modal, landscape=landscape, on_close=remove)


def pdf_painter(path: Path) -> Callable:
    """A ``paint(printer)`` that draws the pages of the PDF at ``path``, one per sheet."""

    def paint(printer) -> None:
        from PySide6.QtPdf import QPdfDocument

        doc = QPdfDocument()
        doc.load(str(path))
        painter = QPainter(printer)
        try:
            for i in range(doc.pageCount()):
                if i:
                    printer.newPage()
                rect = painter.viewport()
                size = doc.pagePointSize(i)
                image = doc.render(i, QSize(int(size.width() * PDF_DPI / 72), int(size.height() * PDF_DPI / 72)))
                scale = min(rect.width() / size.width(), rect.height() / size.height())
                painter.drawImage(QRect(rect.left(), rect.top(), int(size.width() * scale), int(size.height() * scale)), image)
        finally:
            painter.end()
            doc.close()

    return paint


def pdf_is_landscape(path: Path) -> bool:
    """Whether the PDF's first page is wider than tall (then it is printed landscape)."""
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(path))
    try:
        size = doc.pagePointSize(0) if doc.pageCount() else None
        return bool(size and size.width() > size.height())
    finally:
        doc.close()


def preview_widget(dialog):
    """The page view inside a preview dialog (tests ask it for the page count)."""
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    return dialog.findChild(QPrintPreviewWidget)
