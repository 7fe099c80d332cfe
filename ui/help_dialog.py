"""帮助 dialog: 使用说明 (from resources/help/usage.html) and 快捷键 (every shortcut).

The shortcut table is given by the main window, which reads it from its own actions, so
it never drifts from what the keys really do.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from handbook.paths import resource_path


class HelpDialog(QDialog):
    def __init__(self, shortcuts: list[tuple[str, str]], page: str = "usage", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("帮助 — 政策手册")
        self.resize(680, 560)
        self.usage = QTextBrowser()
        self.usage.setOpenExternalLinks(False)
        try:
            self.usage.setHtml(resource_path("help", "usage.html").read_text(encoding="utf-8"))
        except OSError:
            self.usage.setPlainText("找不到使用说明文件（resources/help/usage.html），请重新安装本程序。")
        self.table = QTableWidget(len(shortcuts), 2)
        self.table.setHorizontalHeaderLabels(["功能", "快捷键"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        for row, (what, keys) in enumerate(shortcuts):
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.usage, "使用说明")
        self.tabs.addTab(self.table, "快捷键")
        self.tabs.setCurrentWidget(self.table if page == "shortcuts" else self.usage)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def shortcut_texts(self) -> list[tuple[str, str]]:
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text()) for r in range(self.table.rowCount())]
