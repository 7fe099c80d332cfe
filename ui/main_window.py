"""Main window: navigation and search on the left, reader tabs on the right.

It wires the panels together and owns the menus, shortcuts, the status bar (with the
index-build progress bar) and the persisted state (QSettings given by ``main.py``):
window geometry, splitter sizes, font size, theme, and the last document and clause.
It talks to the domain only through the ``Handbook`` service it is given.
"""

from __future__ import annotations

import html
import json

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QProgressBar, QSplitter, QWidget

from handbook.errors import HandbookError, explain
from ui import menus
from ui.bookmarks_panel import BookmarksPanel
from ui.look import apply_theme
from ui.navigation import NavigationPane
from ui.reader_tabs import ReaderTabs
from ui.search_panel import SearchPanel
from ui.start_page import StartPage
from ui.tasks import TaskRunner
from ui.text import warn

RECENT = 6  # documents kept for 继续阅读


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
        self.search = SearchPanel(service, self.runner, self.dark, index_ready=False)
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
        self.bookmarks_panel = BookmarksPanel(self.marks, notice, self.settings) if self.marks else None
        if self.bookmarks_panel:
            self.navigation.addTab(self.bookmarks_panel, "书签")
            self.bookmarks_panel.clause_chosen.connect(lambda doc_id, key: self.open_document(doc_id, key))
            self.bookmarks_panel.changed.connect(self.refresh_marks)
            self.bookmarks_panel.changed.connect(lambda: setattr(self, "_start_stale", True))
        self.user_notice = notice
        self.recent = self._load_recent()
        self.start_page = StartPage(service, self.dark)
        self.start_page.recent = list(self.recent)
        self.start_page.document_link.connect(lambda doc_id, key: self.open_document(doc_id, key or None))
        self.start_page.folder_chosen.connect(self.show_folder)
        self.start_page.action_requested.connect(self.start_action)
        self._start_stale = True
        self.compare_view = None
        self.expiring_view = None
        self._index_timer = QTimer(self)
        self._index_timer.setSingleShot(True)
        self._index_timer.timeout.connect(self.open_index)
        self.readers = ReaderTabs(service, font_size, self.dark, start_page=self.start_page)
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

        menus.build(self)
        self.progress = QProgressBar()
        self.progress.setFixedWidth(160)  # only the percentage inside; the words go in the status text
        self.progress.setFormat("%p%")
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
        if not build_index:
            self.search.set_index_ready(service.index_state() == "ready")
        elif service.index_present():  # checked and opened off the GUI thread once the window is drawn
            self.search.set_index_opening()
            self._index_timer.start(1000)  # sooner, right after the first paint (paintEvent)
        else:
            self.start_index_build()
        self.readers.show_start()  # the app opens on the start page; a restored document waits in its tab
        self._update_actions()

    # -- building --------------------------------------------------------------------------

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
        self.start_page.set_dark(self.dark)
        for view in (self.compare_view, self.expiring_view):
            if view is not None:
                view.dark = self.dark
                view.refresh()
        self.search.dark = self.dark
        if self.search.last_result is not None:
            self.search.show_result(self.search.last_result)

    def open_guide_wizard(self):
        from ui.guide_wizard import GuideWizard

        wizard = GuideWizard(self.service, self.runner, self.settings, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.show()
        return wizard

    def print_document(self, modal: bool = True):
        """Print preview of the open document or comparison (its 打印 button opens the print dialog)."""
        if self.compare_view is not None and self.readers.currentWidget() is self.compare_view:
            return self.compare_view.print_preview(modal)
        reader = self.readers.current()
        if reader.doc is None:
            self.statusBar().showMessage("没有打开的文件可打印。", 4000)
            return None
        from ui.printing import open_preview

        return open_preview(self, reader.print_to, f"打印预览 — {reader.title()}", modal)

    def show_panel(self, page: QWidget, focus: QWidget) -> None:
        """Ctrl+1…4: show a navigation page and put the keyboard in its list."""
        self.navigation.setCurrentWidget(page)
        focus.setFocus(Qt.FocusReason.ShortcutFocusReason)  # no row is chosen for the user: that could open a document

    def show_help(self, page: str):
        from ui.help_dialog import HelpDialog

        dialog = HelpDialog(menus.shortcut_rows(self), page, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

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
            self._remember(doc_id, key)
        elif not self.readers.on_reader():
            page = self.readers.tabText(self.readers.currentIndex())
            self.setWindowTitle(f"{page} — 政策手册" if page != "开始" else "政策手册")
        if self.readers.currentWidget() is self.start_page and self._start_stale:
            self.refresh_start()

    # -- start page and views ----------------------------------------------------------------

    def _load_recent(self) -> list[tuple[str, str | None]]:
        try:
            rows = json.loads(str(self.settings.value("reader/recent", "[]")))
            return [(str(d), (str(k) if k else None)) for d, k in rows][:RECENT]
        except (ValueError, TypeError):
            return []

    def _remember(self, doc_id: str, key: str | None) -> None:
        entry = (doc_id, key)
        if self.recent and self.recent[0] == entry:
            return
        self.recent = [entry] + [r for r in self.recent if r[0] != doc_id][:RECENT - 1]
        self.settings.setValue("reader/recent", json.dumps(self.recent, ensure_ascii=False))
        self.start_page.recent = list(self.recent)
        self._start_stale = True

    def refresh_start(self) -> None:
        self._start_stale = False
        self.start_page.refresh()

    def show_start(self) -> None:
        self.readers.show_start()
        if self._start_stale:
            self.refresh_start()

    def start_action(self, name: str) -> None:
        actions = {"guide": self.open_guide_wizard, "compare": self.open_compare, "expiring": self.open_expiring,
                   "help": lambda: self.show_help("usage")}
        actions[name]()

    def show_folder(self, name: str) -> None:
        if self.bookmarks_panel:
            self.show_panel(self.bookmarks_panel, self.bookmarks_panel.tree)
            if name:
                self.bookmarks_panel.select_folder(name)

    def open_compare(self, industry: str | None = None, regions: list[str] | None = None, kind: str | None = None):
        from ui.compare_view import CompareView

        if self.compare_view is None:
            self.compare_view = CompareView(self.service, self.settings, self.dark)
            self.compare_view.clause_chosen.connect(lambda doc_id, key: self.open_document(doc_id, key or None))
        if industry or regions:
            self.compare_view.choose(industry, regions or self.compare_view.regions(), kind)
        self.readers.show_page(self.compare_view, "地区对比")
        return self.compare_view

    def open_expiring(self):
        from ui.expiring_view import ExpiringView

        if self.expiring_view is None:
            self.expiring_view = ExpiringView(self.service, self.dark)
            self.expiring_view.clause_chosen.connect(lambda doc_id, key: self.open_document(doc_id, key or None))
        self.readers.show_page(self.expiring_view, "到期提醒")
        return self.expiring_view

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
        self._show_index_building()
        self.runner.run(lambda report: self.service.ensure_index(report), on_done=self._index_built,
                        on_error=self._index_failed, on_progress=self._index_progress)

    def index_pending(self) -> bool:
        """The index is still to be opened (after the first paint): a screenshot waits for it."""
        return self._index_timer.isActive()

    def open_index(self) -> None:
        """Check and open the search index in the background (start-up): no word on screen unless it
        turns out damaged, when the rebuild shows its progress like a first build."""
        self.runner.run(lambda report: self.service.ensure_index(report), on_done=self._index_built,
                        on_error=self._index_failed, on_progress=self._index_progress)

    def _show_index_building(self) -> None:
        self.search.set_index_ready(False)
        self.progress.setValue(0)
        self.progress.show()
        self.status_text.setText("正在建立搜索索引（首次使用只需一次）…")

    def _index_progress(self, message: str, fraction: float) -> None:
        if self.progress.isHidden():  # opening found the index damaged: it is being rebuilt
            self._show_index_building()
        self.progress.setValue(int(fraction * 100))
        self.status_text.setText(f"{message.rstrip('…')}（首次使用只需一次）…")

    def _index_built(self, stats) -> None:
        if not self.progress.isHidden() or stats is not None:
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
        else:
            self.resize_to_screen()
        state = self.settings.value("window/splitter", QByteArray())
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)
        reader_split = self.settings.value("reader/splitter", QByteArray())
        if isinstance(reader_split, QByteArray) and not reader_split.isEmpty():
            self.readers.current().splitter.restoreState(reader_split)
        last = self.settings.value("reader/last_document", "")
        if last:  # waits in its tab behind the start page; laid out when that tab is first shown
            self.readers.open(str(last), str(self.settings.value("reader/last_clause", "")) or None, behind=True)

    def resize_to_screen(self, share: float = 0.8) -> None:
        """First launch: 80 % of the screen's free area, centred (not Qt's small default)."""
        screen = (self.screen() or QApplication.primaryScreen()).availableGeometry()
        width, height = int(screen.width() * share), int(screen.height() * share)
        self.resize(width, height)
        self.move(screen.x() + (screen.width() - width) // 2, screen.y() + (screen.height() - height) // 2)
        self.splitter.setSizes([int(width * 0.28), width - int(width * 0.28)])

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("reader/splitter", self.readers.current().splitter.saveState())
        self.settings.setValue("reader/font_size", self.readers.font_size)
        self.settings.sync()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self._index_timer.isActive() and self._index_timer.interval() > 0:
            # The window is being drawn: open the index once this paint is done, so the background
            # work does not compete with the first paint for the interpreter.
            self._index_timer.start(0)

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
