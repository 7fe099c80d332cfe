"""Window helpers for the fault tests: a main window over a given content db and data folder,
and the texts of the message boxes it shows."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from handbook.service import Handbook
from handbook.store import Store


def open_window(qtbot, db, data, build_index: bool = False):
    from ui.main_window import MainWindow

    service = Handbook(Store(db), cache_root=data / "cache" / "search", user_db_path=data / "user.sqlite")
    win = MainWindow(service, QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat), build_index=build_index)
    qtbot.addWidget(win)
    win.show()
    return win


def visible_messages(_window=None) -> list[str]:
    return [w.text() for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def plain_message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def seen(text: str, text_format=None) -> str:
    """What a user sees of ``text`` in a label, tooltip or message box with ``text_format`` (AutoText default)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import Qt as QtGui
    from PySide6.QtGui import QTextDocument

    text_format = Qt.TextFormat.AutoText if text_format is None else text_format
    if text_format == Qt.TextFormat.PlainText or (text_format == Qt.TextFormat.AutoText and not QtGui.mightBeRichText(text)):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()
