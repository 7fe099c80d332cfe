"""The left navigation pane: tabs 地区 / 主题 / 文件 (and 搜索, added by the main window).

地区 is the region tree 全国 → 内蒙古自治区 → 盟市 → 旗县 and 主题 the theme list, each
node with its document count; choosing a node filters the document list in the 文件 tab
and switches to it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ui.document_list import DocumentList


class NavigationPane(QTabWidget):
    document_chosen = Signal(str)

    def __init__(self, service, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.setDocumentMode(True)

        self.regions = QTreeWidget()
        self.regions.setHeaderHidden(True)
        self.regions.setColumnCount(2)
        items: dict[str, QTreeWidgetItem] = {}
        for region in service.region_tree():
            item = QTreeWidgetItem([region["name"], str(region["count"])])
            item.setData(0, Qt.ItemDataRole.UserRole, region["name"])
            item.setToolTip(0, f"{region['level_name']}：{region['name']}，{region['count']} 个文件（含下级地区）")
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            parent = items.get(region["parent"]) if region["parent"] else None
            (parent.addChild(item) if parent else self.regions.addTopLevelItem(item))
            items[region["name"]] = item
        self.regions.expandAll()
        self.regions.resizeColumnToContents(1)
        self.regions.header().setStretchLastSection(False)
        self.regions.header().setSectionResizeMode(0, self.regions.header().ResizeMode.Stretch)
        self.regions.itemActivated.connect(lambda item, _c: self.show_region(item.data(0, Qt.ItemDataRole.UserRole)))
        self.regions.itemClicked.connect(lambda item, _c: self.show_region(item.data(0, Qt.ItemDataRole.UserRole)))

        self.themes = QTreeWidget()
        self.themes.setHeaderHidden(True)
        self.themes.setColumnCount(2)
        self.themes.setRootIsDecorated(False)
        for theme in service.theme_list():
            item = QTreeWidgetItem([theme["name"], str(theme["count"])])
            item.setData(0, Qt.ItemDataRole.UserRole, theme["name"])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.themes.addTopLevelItem(item)
        self.themes.header().setStretchLastSection(False)
        self.themes.header().setSectionResizeMode(0, self.themes.header().ResizeMode.Stretch)
        self.themes.resizeColumnToContents(1)
        self.themes.itemActivated.connect(lambda item, _c: self.show_theme(item.data(0, Qt.ItemDataRole.UserRole)))
        self.themes.itemClicked.connect(lambda item, _c: self.show_theme(item.data(0, Qt.ItemDataRole.UserRole)))

        self.documents = DocumentList(service)
        self.documents.document_chosen.connect(self.document_chosen)

        self.region_page = self._page(self.regions, self._level_summary(service))
        self.theme_page = self._page(self.themes, "点选主题，在“文件”页查看相关政策。一个文件可属于多个主题。")
        self.addTab(self.region_page, "地区")
        self.addTab(self.theme_page, "主题")
        self.addTab(self.documents, "文件")
        self.setCurrentWidget(self.region_page)

    @staticmethod
    def _page(tree: QTreeWidget, hint: str) -> QWidget:
        page = QWidget()
        label = QLabel(hint)
        label.setWordWrap(True)
        label.setContentsMargins(8, 6, 8, 8)
        label.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(tree, 1)
        layout.addWidget(label)
        return page

    @staticmethod
    def _level_summary(service) -> str:
        counts: dict[str, int] = {}
        for doc in service.documents():
            counts[doc["level"]] = counts.get(doc["level"], 0) + 1
        levels = "　".join(f"{name} {counts.get(key, 0)}" for key, name in service.level_names().items())
        return f"点选地区，在“文件”页查看其政策（数字含下级地区）。<br>按层级：{levels}"

    def show_region(self, region: str) -> None:
        self.documents.show_region(region)
        self._show_documents()

    def show_theme(self, theme: str) -> None:
        self.documents.show_theme(theme)
        self._show_documents()

    def _show_documents(self) -> None:
        """Switch to the list and give it the keyboard (else focus would fall on the status
        filter, where the next ↓ would change the filter instead of moving in the list)."""
        self.setCurrentWidget(self.documents)
        self.documents.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def region_item(self, name: str) -> QTreeWidgetItem | None:
        found = self.regions.findItems(name, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)
        return found[0] if found else None
