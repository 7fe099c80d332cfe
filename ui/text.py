"""The one escaping rule for text that reaches a Qt widget able to show rich text.

Qt reads a label, tooltip or message box as HTML as soon as the text merely looks like
markup, so a 文件名, note or folder name holding ``<b>…</b><img src=x>`` (typed, or from
an imported file) would be rendered. Rules: text from the content or the user is wrapped
by ``rich()`` before it is put into our own markup; tooltips go through ``tip()``;
message boxes are created by ``message()`` / ``warn()``, which show plain text only.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def rich(text) -> str:
    """``text`` escaped for inclusion in rich text; line breaks kept."""
    return html.escape("" if text is None else str(text)).replace("\n", "<br>")


def tip(text) -> str:
    """A tooltip that shows ``text`` literally (Qt would otherwise guess it is HTML)."""
    return f"<p style='white-space:pre-wrap'>{html.escape('' if text is None else str(text))}</p>"


def message(parent: QWidget | None, title: str, text: str, icon=QMessageBox.Icon.Warning) -> QMessageBox:
    """A window-modal message box that shows ``text`` as plain text; returned already open."""
    box = QMessageBox(icon, title, str(text), QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


def warn(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    return message(parent, title, text, QMessageBox.Icon.Warning)
