"""Find-in-document bar (Ctrl+F): a field, the match count, previous / next, close.

It only reports what the user wants (``find_requested(text, backward)``, ``closed``); the
reader does the finding and tells the bar the count with ``show_count``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    find_requested = Signal(str, bool)  # text, backward
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = QLineEdit()
        self.field.setPlaceholderText("在本文件中查找")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setMinimumWidth(80)
        previous = QToolButton()
        previous.setText("▲")
        previous.setToolTip("上一个（Shift+Enter）")
        following = QToolButton()
        following.setText("▼")
        following.setToolTip("下一个（Enter）")
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("关闭（Esc）")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel("查找："))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self.field.textChanged.connect(lambda text: self.find_requested.emit(text, False))
        self.field.returnPressed.connect(self.find_next)
        previous.clicked.connect(self.find_previous)
        following.clicked.connect(self.find_next)
        close.clicked.connect(self.close_bar)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar)
        QShortcut(QKeySequence("Shift+Return"), self.field, self.find_previous)

    def open_bar(self, text: str = "") -> None:
        self.show()
        if text:
            self.field.setText(text)
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def find_next(self) -> None:
        self.find_requested.emit(self.field.text(), False)

    def find_previous(self) -> None:
        self.find_requested.emit(self.field.text(), True)

    def show_count(self, current: int, total: int) -> None:
        if not self.field.text():
            self.count.setText("")
        elif total == 0:
            self.count.setText("<span style='color:#c62828'>无匹配</span>")
        else:
            self.count.setText(f"{current} / {total}")
