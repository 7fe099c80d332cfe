"""The 书签 panel: bookmarks grouped by folder, with search, notes, drag and drop, undo.

Folders are the top rows (plus 未分组); a bookmark can sit in several. Selecting one shows
its note and folders below for editing (saved as you type, after a short pause). Drag a
bookmark to reorder it or into another folder; Delete removes it and 撤销 (Ctrl+Z) brings
it back. Double-click or Enter opens the clause. Export (JSON, CSV, PDF) and import
(JSON, merged) work on the chosen folder or on all bookmarks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from handbook.errors import HandbookError
from ui.file_dialogs import open_file, save_file
from ui.text import rich, tip, warn

UNFILED = "未分组"
ROLE = Qt.ItemDataRole.UserRole


class BookmarkTree(QTreeWidget):
    """Tree that reports drops as (bookmark id, from folder, to folder, before bookmark id)."""

    moved = Signal(int, object, object, object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        dragged = self.currentItem()
        target = self.itemAt(event.position().toPoint())
        if dragged is None or dragged.data(0, ROLE) is None or target is None:
            event.ignore()
            return
        bookmark_id = dragged.data(0, ROLE)
        source = dragged.parent().data(0, ROLE + 1) if dragged.parent() else None
        if target.parent() is None:  # dropped on a folder row: append to it
            folder, before = target.data(0, ROLE + 1), None
        else:
            folder, before = target.parent().data(0, ROLE + 1), target.data(0, ROLE)
        event.ignore()  # the model moves it; the panel redraws from the model
        self.moved.emit(bookmark_id, None if source == UNFILED else source, None if folder == UNFILED else folder,
                        before if before != bookmark_id else None)


class BookmarksPanel(QWidget):
    clause_chosen = Signal(str, str)
    changed = Signal()

    def __init__(self, bookmarks, notice: str = "", settings=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.bookmarks = bookmarks
        self.settings = settings
        self.undo: list = []
        self.current_id: int | None = None

        self.banner = QLabel(notice)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#fff3cd;color:#7a4b00;padding:6px;border-radius:3px;")
        self.banner.setVisible(bool(notice))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("在书签的备注和原文中查找")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.refresh)
        self.tree = BookmarkTree()
        self.tree.moved.connect(self._moved)
        self.tree.currentItemChanged.connect(self._selected)
        self.tree.itemActivated.connect(self._open)
        self.tree.itemDoubleClicked.connect(self._open)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.empty = QLabel("还没有书签。在正文中选中条款后按 Ctrl+D，或右键选择“加入书签”。")
        self.empty.setWordWrap(True)

        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("备注（自动保存），例如：问绿电指标")
        self.note.setMaximumHeight(90)
        self.folders_edit = QLineEdit()
        self.folders_edit.setPlaceholderText("文件夹，用、分隔，例如：2026-12 鄂尔多斯考察、某某氢能项目")
        self.saved = QLabel()
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(400)
        self.save_timer.timeout.connect(self.save_current)
        self.dirty = False  # only the user's own edits are saved, never what the panel displayed
        self.note.textChanged.connect(self._edited)
        self.folders_edit.textEdited.connect(lambda _t: setattr(self, "dirty", True))
        self.folders_edit.editingFinished.connect(self.save_current)

        self.undo_button = QPushButton("撤销删除")
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_button.hide()
        export = QPushButton("导出…")
        export_menu = QMenu(export)
        export_menu.addAction("JSON（完整，可再导入）", lambda: self._export_dialog("json"))
        export_menu.addAction("CSV（Excel）", lambda: self._export_dialog("csv"))
        export_menu.addAction("PDF（打印清单）", lambda: self._export_dialog("pdf"))
        export.setMenu(export_menu)
        importer = QPushButton("导入…")
        importer.clicked.connect(self._import_dialog)
        printer = QPushButton("打印…")
        printer.setToolTip("打印预览所选文件夹（或全部）的书签清单")
        printer.clicked.connect(lambda: self.print_preview())

        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(importer)
        buttons.addWidget(export)
        buttons.addWidget(printer)
        self.editor = QWidget()
        editor = QVBoxLayout(self.editor)
        editor.setContentsMargins(0, 0, 0, 0)
        editor.addWidget(self.note)
        editor.addWidget(self.folders_edit)
        editor.addWidget(self.saved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.editor)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Delete, self.tree, self.delete_current)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_delete)
        self.refresh()

    # -- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        query = self.filter.text().strip() or None
        keep = self.current_id
        self.tree.blockSignals(True)
        self.tree.clear()
        groups = [(name, self.bookmarks.list(folder=name, query=query)) for name in self.bookmarks.folders()]
        groups.append((UNFILED, self.bookmarks.list(unfiled=True, query=query)))
        select = None
        for name, items in groups:
            if query and not items:
                continue
            folder = QTreeWidgetItem([f"{name}（{len(items)}）"])
            folder.setData(0, ROLE + 1, name)
            folder.setFlags(folder.flags() & ~Qt.ItemFlag.ItemIsDragEnabled)
            font = folder.font(0)
            font.setBold(True)
            folder.setFont(0, font)
            self.tree.addTopLevelItem(folder)
            for b in items:
                mark = f"［{b.state_label}］" if b.state == "changed" else ""
                first = b.clause_text.split("\n")[0]
                gist = first if len(first) <= 22 else first[:21] + "…"
                title = b.doc_title if len(b.doc_title) <= 16 else b.doc_title[:15] + "…"
                item = QTreeWidgetItem([("✎ " if b.note else "") + f"{mark}{gist}　《{title}》"])
                item.setData(0, ROLE, b.id)
                item.setToolTip(0, tip(f"{b.citation}\n\n{b.clause_text[:300]}" + (f"\n\n备注：{b.note}" if b.note else "")))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
                if b.state == "changed":
                    item.setForeground(0, QBrush(QColor("#c62828")))
                folder.addChild(item)
                if b.id == keep and select is None:
                    select = item
            folder.setExpanded(True)
        self.tree.blockSignals(False)
        has_any = self.bookmarks.count() > 0
        self.empty.setVisible(not has_any)
        if select is not None:
            self.tree.setCurrentItem(select)
        else:
            self._show_editor(None)

    def _edited(self) -> None:
        self.dirty = True
        self.save_timer.start()

    def _show_editor(self, bookmark) -> None:
        self.dirty = False
        self.current_id = bookmark.id if bookmark else None
        self.editor.setEnabled(bookmark is not None)
        self.note.blockSignals(True)
        self.note.setPlainText(bookmark.note if bookmark else "")
        self.note.blockSignals(False)
        self.folders_edit.setText("、".join(bookmark.folders) if bookmark else "")
        self.saved.setText(f"<small>{rich(bookmark.citation)}</small>" if bookmark else "")

    def _selected(self, item, _previous=None) -> None:
        bookmark_id = item.data(0, ROLE) if item else None
        self.save_current()
        self._show_editor(self.bookmarks.get(bookmark_id) if bookmark_id else None)

    # -- editing ---------------------------------------------------------------------------

    def save_current(self) -> None:
        self.save_timer.stop()
        if self.current_id is None or not self.dirty:
            return
        self.dirty = False
        bookmark = self.bookmarks.get(self.current_id)
        if bookmark is None:
            return
        try:
            if self.note.toPlainText() != bookmark.note:
                self.bookmarks.set_note(bookmark.id, self.note.toPlainText())
            folders = [f.strip() for f in self.folders_edit.text().replace("，", "、").replace(",", "、").split("、") if f.strip()]
            if folders != bookmark.folders:
                self.bookmarks.set_folders(bookmark.id, folders)
                QTimer.singleShot(0, self.refresh)  # not while a selection change is being handled
                self.changed.emit()
        except HandbookError as err:  # the typed text stays in the editor; the next edit tries again
            self.dirty = True
            self.saved.setText(f"<span style='color:#c62828'>未保存：{rich(err)}</span>")
            warn(self, "书签", f"备注或文件夹未能保存：{err}\n您输入的内容仍在编辑框中，可复制保存。")

    def select_bookmark(self, bookmark_id: int) -> None:
        self.current_id = bookmark_id
        self.refresh()

    def delete_current(self) -> None:
        item = self.tree.currentItem()
        if item is None or item.data(0, ROLE) is None:
            return
        removed = self.bookmarks.delete(item.data(0, ROLE))
        if removed:
            self.undo.append(removed)
            label = removed.label.strip("（）()、.．。 ") or removed.doc_title[:8]
            self.undo_button.setText(f"撤销删除（{label}）")
            self.undo_button.show()
        self.current_id = None
        self.refresh()
        self.changed.emit()

    def undo_delete(self) -> None:
        if not self.undo:
            return
        restored = self.bookmarks.restore(self.undo.pop())
        self.undo_button.setVisible(bool(self.undo))
        self.select_bookmark(restored.id)
        self.changed.emit()

    def _moved(self, bookmark_id: int, source, target, before) -> None:
        self.bookmarks.move(bookmark_id, source, target, before)
        self.current_id = bookmark_id
        self.refresh()
        self.changed.emit()

    def _open(self, item, _column=0) -> None:
        bookmark_id = item.data(0, ROLE) if item else None
        if bookmark_id:
            b = self.bookmarks.get(bookmark_id)
            self.clause_chosen.emit(b.doc_id, b.clause_key)

    def select_folder(self, name: str) -> bool:
        """Select a folder row (the start page's folder links)."""
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, ROLE + 1) == name:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                return True
        return False

    def current_folder(self) -> str | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        name = (item.parent() or item).data(0, ROLE + 1)
        return None if name == UNFILED else name

    def _menu(self, point) -> None:
        item = self.tree.itemAt(point)
        menu = QMenu(self)
        if item is not None and item.data(0, ROLE):
            menu.addAction("打开条款", lambda: self._open(item))
            menu.addAction("删除书签", self.delete_current)
        folder = (item.parent() or item).data(0, ROLE + 1) if item else None
        if folder and folder != UNFILED:
            menu.addAction("重命名文件夹…", lambda: self._rename(folder))
            menu.addAction("删除文件夹（保留书签）", lambda: self._drop_folder(folder))
        menu.exec(self.tree.mapToGlobal(point))

    def _rename(self, folder: str) -> None:
        name, ok = QInputDialog.getText(self, "重命名文件夹", "新名称：", text=folder)
        if ok and name.strip():
            try:
                self.bookmarks.rename_folder(folder, name)
            except HandbookError as err:
                warn(self, "书签", str(err))
            self.refresh()

    def _drop_folder(self, folder: str) -> None:
        self.bookmarks.delete_folder(folder)
        self.refresh()

    # -- export / import -------------------------------------------------------------------

    def export_to(self, path: Path, fmt: str, folder: str | None = None) -> None:
        from handbook.bookmarks import write_pdf
        from handbook.fileio import atomic_write

        if fmt == "pdf":
            items = self.bookmarks.list(folder=folder) if folder else self.bookmarks.list()
            write_pdf(items, path, f"书签：{folder}" if folder else "全部书签", f"共 {len(items)} 条")
            return
        text = self.bookmarks.export_json(folder) if fmt == "json" else self.bookmarks.export_csv(folder)
        atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8", newline=""))

    def import_from(self, path: Path) -> dict:
        report = self.bookmarks.import_file(Path(path))
        self.refresh()
        self.changed.emit()
        return report

    def _export_dialog(self, fmt: str) -> None:
        folder = self.current_folder()
        suffix = {"json": "JSON (*.json)", "csv": "CSV (*.csv)", "pdf": "PDF (*.pdf)"}[fmt]
        path = save_file(self, self.settings, "导出书签", f"书签-{folder or '全部'}.{fmt}", suffix)
        if path:
            try:
                self.export_to(path, fmt, folder)
                self.saved.setText(f"已导出：{rich(path)}")
            except HandbookError as err:
                warn(self, "导出书签", str(err))

    def _import_dialog(self) -> None:
        path = open_file(self, self.settings, "导入书签", "JSON (*.json)")
        if path:
            try:
                r = self.import_from(path)
                QMessageBox.information(self, "导入书签", f"新增 {r['added']} 条，跳过已有 {r['skipped']} 条，新建文件夹 {r['folders_created']} 个。")
            except HandbookError as err:
                warn(self, "导入书签", f"{err}\n书签未作任何改动。")

    def print_preview(self, modal: bool = True):
        """Print preview of the bookmark list (the chosen folder, or all) as the PDF export lays it out."""
        from ui.printing import preview_pdf

        folder = self.current_folder()
        try:
            return preview_pdf(self, lambda path: self.export_to(path, "pdf", folder),
                               f"打印预览 — 书签：{folder or '全部'}", modal)
        except HandbookError as err:
            warn(self, "打印书签", str(err))
            return None
