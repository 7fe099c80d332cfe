"""Main window: a document list beside a reader pane.

A first, minimal window over the service (the full navigation, search and reader panels
come with the desktop-app issue). It only talks to the ``Handbook`` service it is given.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QSplitter, QTextBrowser, QTreeWidget, QTreeWidgetItem

LEVEL_NAMES = {"national": "国家级", "autonomous_region": "自治区级", "league_city": "盟市级", "banner_county": "旗县级"}


class MainWindow(QMainWindow):
    def __init__(self, service):
        super().__init__()
        self.service = service
        self.setWindowTitle("政策手册")
        self.documents = QTreeWidget()
        self.documents.setHeaderLabels(["标题", "文号", "地区", "状态"])
        self.documents.setRootIsDecorated(False)
        self.reader = QTextBrowser()
        self.reader.setOpenExternalLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.documents)
        splitter.addWidget(self.reader)
        splitter.setSizes([520, 840])
        self.setCentralWidget(splitter)
        self.statusBar().showMessage(f"内容版本 {service.content_version}")
        for doc in service.documents():
            item = QTreeWidgetItem([doc["title"], doc["doc_number"] or "", doc["region"], doc["status"]])
            item.setData(0, Qt.ItemDataRole.UserRole, doc["id"])
            item.setToolTip(0, doc["title"])
            self.documents.addTopLevelItem(item)
        self.documents.setColumnWidth(0, 300)
        self.documents.currentItemChanged.connect(self._show_current)
        if self.documents.topLevelItemCount():
            self.documents.setCurrentItem(self.documents.topLevelItem(0))

    def _show_current(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        self.open_document(item.data(0, Qt.ItemDataRole.UserRole))

    def open_document(self, doc_id: str) -> None:
        from html import escape

        doc = self.service.document(doc_id)
        if doc is None:
            return
        parts = [f"<h2>{escape(doc['title'])}</h2>"]
        meta = [doc["doc_number"] or "", "、".join(doc["issuers"]), doc["date"] or "",
                LEVEL_NAMES.get(doc["level"], ""), doc["region"], doc["status"]]
        parts.append(f"<p style='color:#666'>{escape(' · '.join(m for m in meta if m))}</p>")

        def emit(nodes, depth):
            for node in nodes:
                for para in node.text.split("\n"):
                    parts.append(f"<p style='margin-left:{depth * 1.2}em'>{escape(para)}</p>")
                emit(node.children, depth + 1)

        emit(self.service.clause_tree(doc_id), 0)
        self.reader.setHtml("".join(parts))
