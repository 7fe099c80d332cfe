"""Main window: navigation and search on the left, reader tabs on the right.

It wires the panels together and owns the menus, shortcuts, the status bar (with the
index-build progress bar) and the persisted state (QSettings given by ``main.py``):
window geometry, splitter sizes, font size, theme, and the last document and clause.
It talks to the domain only through the ``Handbook`` service it is given.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QProgressBar, QSplitter, QToolBar, QWidget

from handbook.errors import HandbookError, explain
from ui.bookmarks_panel import BookmarksPanel
from ui.look import apply_theme
from ui.navigation import NavigationPane
from ui.reader_tabs import ReaderTabs
from ui.search_panel import SearchPanel
from ui.tasks import TaskRunner
from ui.text import warn


class MainWindow(QMainWindow):
    def __init__(self, service, settings: QSettings | None = None, runner: TaskRunner | None = None,
                 build_index: bool = True):
        super().__init__()
        self.service = service
        self.settings = settings or QSettings()
        self.runner = runner or TaskRunner(self)
        self.setWindowTitle("政策手册")
        self.theme_choice = str(self.settings.value("view/theme", "system"))
        self.dark = apply_theme(QApplication.instance(), self.theme_choice)
        font_size = int(self.settings.value("reader/font_size", 12))

        self.navigation = NavigationPane(service)
        self.search = SearchPanel(service, self.runner, self.dark)
        self.search.index_retry.connect(self.start_index_build)
        self.navigation.insertTab(0, self.search, "搜索")
        self.navigation.setCurrentWidget(self.navigation.region_page)
        self.marks = None
        notice = ""
        try:
            self.marks = service.bookmarks
            notice = service.user_data_notice()
        except HandbookError as err:
            notice = f"书签不可用：{err}"
        self.bookmarks_panel = BookmarksPanel(self.marks, notice) if self.marks else None
        if self.bookmarks_panel:
            self.navigation.addTab(self.bookmarks_panel, "书签")
            self.bookmarks_panel.clause_chosen.connect(lambda doc_id, key: self.open_document(doc_id, key))
            self.bookmarks_panel.changed.connect(self.refresh_marks)
        self.user_notice = notice
        self.readers = ReaderTabs(service, font_size, self.dark)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.readers)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([430, 936])
        self.setCentralWidget(self.splitter)

        self.navigation.document_chosen.connect(lambda doc_id: self.open_document(doc_id))
        self.search.clause_chosen.connect(lambda doc_id, key: self.open_document(doc_id, key))
        self.search.query_edit.textEdited.connect(lambda _t: self.navigation.setCurrentWidget(self.search))
        self.readers.document_link.connect(lambda doc_id, key: self.open_document(doc_id, key or None))
        self.readers.current_changed.connect(self._update_actions)
        self.readers.bookmark_requested.connect(self.toggle_bookmark)
        self.refresh_marks()

        self._build_toolbar()
        self._build_menus()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.status_text = QLabel()
        self.statusBar().addWidget(self.status_text, 1)
        self.statusBar().addPermanentWidget(self.progress)
        date = f"，内容日期 {service.content_date}" if service.content_date else ""
        self.status_text.setText(f"共 {len(service.documents())} 个文件{date}")
        self._restore()
        notice = "　".join([*getattr(service, "content_notices", list)(), notice]).strip("　")
        if notice:
            self.status_text.setText(notice)
        if build_index and service.index_state() != "ready":
            self.start_index_build()
        self._update_actions()

    # -- building --------------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, menu=None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        self.addAction(action)
        if menu is not None:
            menu.addAction(action)
        return action

    def _build_toolbar(self) -> None:
        bar = QToolBar("导航")
        bar.setMovable(False)
        bar.setObjectName("mainToolbar")
        self.back_action = self._action("◀ 后退", self.back, "Alt+Left")
        self.forward_action = self._action("前进 ▶", self.forward, "Alt+Right")
        bar.addAction(self.back_action)
        bar.addAction(self.forward_action)
        spacer = QWidget()
        spacer.setFixedWidth(12)
        bar.addWidget(spacer)
        self.search.query_row.removeWidget(self.search.query_edit)
        self.search.query_edit.setMinimumWidth(360)
        bar.addWidget(self.search.query_edit)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("文件(&F)")
        self._action("在新标签页打开当前选择", self.open_in_new_tab, "Ctrl+T", menu)
        self._action("关闭标签页", lambda: self.readers.close_tab(self.readers.currentIndex()), "Ctrl+W", menu)
        menu.addSeparator()
        self._action("生成投资指南…", self.open_guide_wizard, "Ctrl+G", menu)
        self._action("导入政策文件…", self.open_import_dialog, None, menu)
        self._action("更新政策库…", self.open_update_dialog, None, menu)
        self._action("打印…", self.print_document, QKeySequence.StandardKey.Print, menu)
        menu.addSeparator()
        self._action("退出", self.close, QKeySequence.StandardKey.Quit, menu)

        menu = self.menuBar().addMenu("编辑(&E)")
        self._action("复制本条（含出处）", lambda: self._copy_clause(), "Ctrl+Shift+C", menu)
        self._action("在本文件中查找…", lambda: self.readers.current().open_find(), QKeySequence.StandardKey.Find, menu)
        self._action("搜索全部条款", self.focus_search, ["Ctrl+K", "Ctrl+L"], menu)
        menu.addSeparator()
        self._action("加入书签 / 取消书签", lambda: self.toggle_bookmark(), "Ctrl+D", menu)

        menu = self.menuBar().addMenu("视图(&V)")
        self._action("放大字体", lambda: self._zoom(1), [QKeySequence.StandardKey.ZoomIn, "Ctrl+="], menu)
        self._action("缩小字体", lambda: self._zoom(-1), QKeySequence.StandardKey.ZoomOut, menu)
        self._action("默认字体大小", lambda: self._set_font_size(12), "Ctrl+0", menu)
        menu.addSeparator()
        themes = menu.addMenu("主题")
        group = QActionGroup(self)
        for key, label in (("system", "跟随系统"), ("light", "浅色"), ("dark", "深色")):
            action = QAction(label, self, checkable=True)
            action.setChecked(key == self.theme_choice)
            action.triggered.connect(lambda _c=False, k=key: self.set_theme(k))
            group.addAction(action)
            themes.addAction(action)

        menu = self.menuBar().addMenu("前往(&G)")
        menu.addAction(self.back_action)
        menu.addAction(self.forward_action)
        menu.addSeparator()
        self._action("地区", lambda: self.navigation.setCurrentWidget(self.navigation.region_page), "Ctrl+1", menu)
        self._action("主题", lambda: self.navigation.setCurrentWidget(self.navigation.theme_page), "Ctrl+2", menu)
        self._action("文件", lambda: self.navigation.setCurrentWidget(self.navigation.documents), "Ctrl+3", menu)
        if self.bookmarks_panel:
            self._action("书签", lambda: self.navigation.setCurrentWidget(self.bookmarks_panel), "Ctrl+4", menu)

        menu = self.menuBar().addMenu("帮助(&H)")
        self._action("关于政策手册", self.about, None, menu)

    # -- actions ---------------------------------------------------------------------------

    def open_document(self, doc_id: str, clause_key: str | None = None, new_tab: bool = False) -> bool:
        opened = self.readers.open(doc_id, clause_key, new_tab=new_tab)
        if not opened:
            self.statusBar().showMessage("该文件不在本手册中。", 5000)
        self._update_actions()
        return opened

    def open_in_new_tab(self) -> None:
        doc_id = self.navigation.documents.current_document()
        if doc_id:
            self.open_document(doc_id, new_tab=True)

    def back(self) -> None:
        self.readers.current().back()
        self._update_actions()

    def forward(self) -> None:
        self.readers.current().forward()
        self._update_actions()

    def focus_search(self) -> None:
        self.navigation.setCurrentWidget(self.search)
        self.search.query_edit.setFocus()
        self.search.query_edit.selectAll()

    def toggle_bookmark(self, key: str | None = None) -> None:
        """Ctrl+D: bookmark the clause (highlighted, under the cursor, or at the top), or remove it."""
        if self.marks is None:
            self.statusBar().showMessage(self.user_notice or "书签不可用。", 6000)
            return
        reader = self.readers.current()
        key = key or reader.highlighted_clause() or reader.current_clause()
        if not key:
            self.statusBar().showMessage("请先打开文件并点选一个条款。", 4000)
            return
        try:
            existing = self.marks.for_clause(key)
            if existing:
                self.bookmarks_panel.select_bookmark(existing.id)
                self.bookmarks_panel.delete_current()
                self.statusBar().showMessage("已取消书签（书签页可撤销）。", 5000)
            else:
                folder = self.bookmarks_panel.current_folder()
                added = self.marks.add(key, folders=[folder] if folder else [])
                self.bookmarks_panel.select_bookmark(added.id)
                self.statusBar().showMessage(f"已加入书签：{added.citation}（可在书签页写备注）", 6000)
        except HandbookError as err:
            warn(self, "书签", str(err))
        self.refresh_marks()

    def refresh_marks(self) -> None:
        if self.marks is not None and hasattr(self, "readers"):
            self.readers.update_marks(self.marks.marked_keys())

    def _copy_clause(self) -> None:
        text = self.readers.current().copy_clause()
        self.statusBar().showMessage("已复制本条及出处。" if text else "请先在正文中点选一个条款。", 4000)

    def _zoom(self, step: int) -> None:
        self._set_font_size(self.readers.font_size + step)

    def _set_font_size(self, size: int) -> None:
        self.readers.set_font_size(size)
        self.settings.setValue("reader/font_size", self.readers.font_size)

    def set_theme(self, choice: str) -> None:
        self.theme_choice = choice
        self.settings.setValue("view/theme", choice)
        self.dark = apply_theme(QApplication.instance(), choice)
        self.readers.set_dark(self.dark)
        self.search.dark = self.dark
        if self.search.last_result is not None:
            self.search.show_result(self.search.last_result)

    def open_guide_wizard(self):
        from ui.guide_wizard import GuideWizard

        wizard = GuideWizard(self.service, self.runner, self.settings, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.show()
        return wizard

    def print_document(self) -> None:
        reader = self.readers.current()
        if reader.doc is None:
            self.statusBar().showMessage("没有打开的文件可打印。", 4000)
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印文件")
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            reader.print_to(printer)

    def about(self) -> None:
        QMessageBox.about(self, "关于政策手册", (
            "<h3>政策手册</h3><p>招商引资政策离线手册：国家、自治区、盟市、旗县政策全文，条款检索、书签与投资指南。</p>"
            f"<p>内容版本：{html.escape(self.service.content_version[:12])}<br>"
            f"内容日期：{html.escape(self.service.content_date or '—')}<br>"
            f"文件数：{len(self.service.documents())}</p><p>字体：文泉驿微米黑（Apache-2.0）</p>"))

    def _update_actions(self) -> None:
        reader = self.readers.current()
        self.back_action.setEnabled(reader.can_go_back())
        self.forward_action.setEnabled(reader.can_go_forward())
        doc_id, key = reader.location()
        if doc_id:
            self.navigation.documents.select(doc_id, emit=False)
            self.settings.setValue("reader/last_document", doc_id)
            self.settings.setValue("reader/last_clause", key or "")
            self.setWindowTitle(f"{reader.title()} — 政策手册")

    # -- new content: update packs and imported policies -------------------------------------

    def open_update_dialog(self):
        from ui.update_dialog import UpdateDialog

        dialog = UpdateDialog(self.service, self.runner, self)
        dialog.content_changed.connect(self.content_changed)
        dialog.show()
        return dialog

    def open_import_dialog(self):
        from ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.service, self.runner, self)
        dialog.imported.connect(self._imported)
        dialog.show()
        return dialog

    def _imported(self, ids: list) -> None:
        self.content_changed()
        if ids:
            self.open_document(ids[0])
        self.statusBar().showMessage(f"已导入 {len(ids)} 个文件（自行导入）。", 6000)

    def content_changed(self) -> None:
        """The service reads other content now: reload the lists, bookmarks and the index."""
        self.navigation.documents.refresh()
        for region in self.service.region_tree():  # counts beside the region and theme trees
            item = self.navigation.region_item(region["name"])
            if item:
                item.setText(1, str(region["count"]))
        counts = {t["name"]: t["count"] for t in self.service.theme_list()}
        for i in range(self.navigation.themes.topLevelItemCount()):
            item = self.navigation.themes.topLevelItem(i)
            item.setText(1, str(counts.get(item.text(0), 0)))
        if self.bookmarks_panel:
            self.bookmarks_panel.refresh()
        self.refresh_marks()
        date = f"，内容日期 {self.service.content_date}" if self.service.content_date else ""
        self.status_text.setText(f"共 {len(self.service.documents())} 个文件{date}")
        if self.service.index_state() != "ready":
            self.start_index_build()

    # -- search index ----------------------------------------------------------------------

    def start_index_build(self) -> None:
        self.search.set_index_ready(False)
        self.progress.setValue(0)
        self.progress.show()
        self.status_text.setText("正在建立搜索索引（首次使用只需一次）…")

        def progress(message: str, fraction: float) -> None:
            self.progress.setValue(int(fraction * 100))
            self.progress.setFormat(f"{message} %p%")

        self.runner.run(lambda report: self.service.ensure_index(report), on_done=self._index_built,
                        on_error=self._index_failed, on_progress=progress)

    def _index_built(self, _stats) -> None:
        self.progress.hide()
        self.status_text.setText("搜索索引已就绪。")
        self.search.set_index_ready(True)

    def _index_failed(self, err: BaseException) -> None:
        self.progress.hide()
        reason = explain(err)
        self.status_text.setText(f"搜索索引未能建立：{html.escape(reason)}")
        self.search.set_index_failed(reason)
        warn(self, "搜索索引", f"搜索索引未能建立：{reason}\n阅读和书签不受影响。可在“搜索”页点“重试”。")

    # -- state -----------------------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry", QByteArray())
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.value("window/splitter", QByteArray())
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)
        reader_split = self.settings.value("reader/splitter", QByteArray())
        if isinstance(reader_split, QByteArray) and not reader_split.isEmpty():
            self.readers.current().splitter.restoreState(reader_split)
        last = self.settings.value("reader/last_document", "")
        if last:
            self.open_document(str(last), str(self.settings.value("reader/last_clause", "")) or None)

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("reader/splitter", self.readers.current().splitter.saveState())
        self.settings.setValue("reader/font_size", self.readers.font_size)
        self.settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.bookmarks_panel:
            self.bookmarks_panel.save_current()
            if self.bookmarks_panel.dirty:  # the save failed: the typed note would be lost
                answer = QMessageBox.question(self, "书签", "备注未能保存（原因见上一条提示）。仍要退出吗？退出后刚才输入的备注将丢失。")
                if answer != QMessageBox.StandardButton.Yes:
                    event.ignore()
                    return
        self.save_state()
        self.runner.wait(5000)
        super().closeEvent(event)
