"""The whole window over the real handbook: search → reader, navigation, history, state."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage

from tests.conftest import ROOT
from tests.ui.fakes import show_active, type_text
from ui.main_window import MainWindow
from ui.search_panel import KIND_ROLE


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, searchable, settings):
    win = MainWindow(searchable, settings)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    return win


def test_type_a_query_pick_a_result_and_see_the_clause(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search.query_edit.hasFocus()
    type_text(window.search.query_edit, "标准地")
    qtbot.waitUntil(lambda: window.search.hit_count() > 0, timeout=10000)
    assert window.navigation.currentWidget() is window.search
    results = window.search.results
    row = next(i for i in range(results.count()) if results.item(i).data(KIND_ROLE)[0] == "clause")
    first = results.item(row)
    _, doc_id, key = first.data(KIND_ROLE)
    results.setCurrentRow(row)
    window.search.results.itemActivated.emit(first)
    reader = window.readers.current()
    assert reader.location() == (doc_id, key)
    assert reader.highlighted_clause() == key
    start, _ = reader.clause_span(key)
    assert "标准地" in reader.text.toPlainText()[start:start + 400]
    cursor_top = reader.text.cursorRect(reader.text.textCursor()).top()
    assert 0 <= cursor_top < reader.text.viewport().height()


def test_pick_a_region_and_see_the_list_filtered(qtbot, window, searchable):
    nav = window.navigation
    item = nav.region_item("伊金霍洛旗")
    nav.regions.itemClicked.emit(item, 0)
    ids = nav.documents.document_ids()
    assert ids and all(searchable.document(i)["region"] == "伊金霍洛旗" for i in ids)
    nav.documents.select(ids[0])
    assert window.readers.current().location()[0] == ids[0]


def test_ctrl_f_finds_and_history_moves_back_and_forward(qtbot, window, searchable):
    docs = [d["id"] for d in searchable.documents()][:3]
    for doc_id in docs:
        window.open_document(doc_id)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    reader = window.readers.current()
    assert reader.find_bar.isVisible()
    type_text(reader.find_bar.field, "的")
    assert reader.find_matches() > 0 and reader.text.extraSelections()
    window.back_action.trigger()
    assert reader.location()[0] == docs[1]
    window.back_action.trigger()
    assert reader.location()[0] == docs[0] and not window.back_action.isEnabled()
    window.forward_action.trigger()
    assert reader.location()[0] == docs[1]


def test_second_launch_restores_document_and_font_size(qtbot, searchable, settings):
    first = MainWindow(searchable, settings)
    qtbot.addWidget(first)
    doc_id = searchable.documents()[5]["id"]
    first.open_document(doc_id)
    first._zoom(2)
    first.close()
    second = MainWindow(searchable, settings)
    qtbot.addWidget(second)
    assert second.readers.currentWidget() is second.start_page  # opens on the start page …
    assert second.readers.readers()[0].location()[0] == doc_id  # … with the last document in the next tab
    assert second.start_page.sections["recent"][0] == searchable.document(doc_id)["title"]
    assert second.readers.font_size == 14


def test_first_run_builds_the_index_in_the_background(qtbot, small_db, tmp_path, settings):
    from handbook.service import Handbook

    service = Handbook.open(small_db, data_dir=str(tmp_path / "fresh"))
    win = MainWindow(service, settings)
    qtbot.addWidget(win)
    assert not win.progress.isHidden()
    assert "正在建立搜索索引" in win.search.message.text()
    qtbot.waitUntil(lambda: service.index_state() == "ready" and not win.runner.busy, timeout=60000)
    type_text(win.search.query_edit, "储能")
    qtbot.waitUntil(lambda: win.search.hit_count() > 0, timeout=10000)


def test_an_existing_index_opens_in_the_background_and_a_waiting_query_runs(qtbot, searchable, settings, tmp_path):
    from handbook.service import Handbook

    service = Handbook(searchable.store, searchable.taxonomy, cache_root=searchable.index_folder.root,
                       user_db_path=tmp_path / "user.sqlite")
    win = MainWindow(service, settings)
    qtbot.addWidget(win)
    assert win.progress.isHidden() and "索引" not in win.status_text.text()  # nothing to build: no progress
    win.search.set_query("储能")
    win.search.run_now()  # typed before the index is open: the query waits for it
    assert "正在打开搜索索引" in win.search.message.text()
    qtbot.waitUntil(lambda: win.search.hit_count() > 0, timeout=30000)
    assert win.progress.isHidden()


def test_the_restored_document_is_laid_out_when_its_tab_is_shown(qtbot, searchable, settings):
    doc_id = searchable.documents()[3]["id"]
    settings.setValue("reader/last_document", doc_id)
    win = MainWindow(searchable, settings)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    assert win.readers.currentWidget() is win.start_page
    reader = win.readers.readers()[0]
    assert win.readers.tabText(win.readers.indexOf(reader)).startswith(searchable.document(doc_id)["title"][:4])
    win.readers.setCurrentWidget(reader)
    assert reader.location()[0] == doc_id
    assert reader.text.toPlainText().strip() and reader.outline.topLevelItemCount() > 0
    assert win.windowTitle().startswith(searchable.document(doc_id)["title"][:6])


def test_screenshot_command_renders_the_window(tmp_path):
    out = tmp_path / "shot.png"
    proc = subprocess.run([sys.executable, "main.py", "--screenshot", str(out), "--search", "光伏治沙", "--theme", "dark"],
                          cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    assert len({image.pixel(x, y) for x in range(0, 1366, 40) for y in range(0, 768, 40)}) > 5  # not blank


def test_every_row_of_a_long_result_page_is_drawn_at_its_full_height(qtbot, window):
    from PySide6.QtGui import QTextDocument

    from ui.search_delegate import HTML_ROLE

    type_text(window.search.query_edit, "补贴")
    qtbot.waitUntil(lambda: window.search.results.count() > 60, timeout=10000)
    results = window.search.results
    width = results.viewport().width() - 12

    def needed(row: int) -> int:  # the height the row's text takes when laid out
        doc = QTextDocument()
        doc.setDefaultFont(results.font())
        doc.setHtml(results.item(row).data(HTML_ROLE))
        doc.setTextWidth(width)
        return int(doc.size().height()) + 8

    rows = [0, 1, 2, results.count() // 2, results.count() - 2, results.count() - 1]
    qtbot.waitUntil(lambda: all(results.visualItemRect(results.item(r)).height() == needed(r) for r in rows), timeout=5000)
    results.scrollToBottom()
    last = results.visualItemRect(results.item(results.count() - 1))
    assert 0 <= last.top() and last.bottom() <= results.viewport().height() + 1  # the last row is reachable, whole
