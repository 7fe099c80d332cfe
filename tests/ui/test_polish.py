"""Small things a new user noticed on screen: focus, order, sizes, labels, remembered folders."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from handbook.service import Handbook
from tests.ui.fakes import FakeService, show_active
from ui.document_list import DocumentList
from ui.file_dialogs import save_file
from ui.main_window import MainWindow
from ui.reader import ReaderView
from ui.reader_tabs import ReaderTabs
from ui.search_panel import SearchPanel
from ui.tasks import TaskRunner

KEY = "34467a7acf:s3.p2"


@pytest.fixture
def window(qtbot, searchable, tmp_path):
    service = Handbook(searchable.store, cache_root=searchable.index_folder.root, user_db_path=tmp_path / "user.sqlite")
    win = MainWindow(service, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    return win


def test_search_region_filter_lists_each_banner_under_its_city(qtbot, searchable):
    panel = SearchPanel(searchable, TaskRunner())
    qtbot.addWidget(panel)
    names = [panel.region.itemText(i).strip("　") for i in range(panel.region.count())]
    ordos = names.index("鄂尔多斯市")
    assert names[ordos + 1] == "伊金霍洛旗"
    assert panel.region.itemText(ordos + 1).startswith("　" * 3)  # indented one step deeper than its city


def test_ctrl_1_puts_the_keyboard_in_the_region_tree_and_enter_in_the_list(qtbot, window):
    show_active(qtbot, window)
    window.focus_search()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    nav = window.navigation
    assert nav.currentWidget() is nav.region_page and nav.regions.hasFocus()
    nav.regions.setCurrentItem(nav.region_item("伊金霍洛旗"))
    qtbot.keyClick(nav.regions, Qt.Key.Key_Return)
    assert nav.currentWidget() is nav.documents
    assert nav.documents.tree.hasFocus() and not nav.documents.status_filter.hasFocus()
    status = nav.documents.status_filter.currentIndex()
    qtbot.keyClick(nav.documents.tree, Qt.Key.Key_Down)
    assert nav.documents.status_filter.currentIndex() == status


def test_first_launch_window_fills_most_of_the_screen_and_has_the_icon(qtbot, window):
    from ui.look import app_icon

    screen = window.screen().availableGeometry()
    assert window.width() >= 0.75 * screen.width() and window.height() >= 0.75 * screen.height()
    icon = app_icon()
    assert not icon.isNull() and len(icon.availableSizes()) >= 5


def test_file_dialogs_start_in_the_last_folder(qtbot, tmp_path, monkeypatch):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    (tmp_path / "trip").mkdir()
    seen = []

    def fake_dialog(_parent, _title, start, _filter):
        seen.append(start)
        return str(tmp_path / "trip" / "书签.csv"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    save_file(None, settings, "导出书签", "书签.csv", "CSV (*.csv)")
    save_file(None, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), "导出书签", "书签.pdf", "PDF (*.pdf)")
    assert seen[1] == str(tmp_path / "trip" / "书签.pdf")


def test_undo_button_names_the_clause_once(qtbot, window):
    window.open_document("34467a7acf", KEY)
    window.toggle_bookmark()
    window.toggle_bookmark()  # removed: the undo button offers it back
    text = window.bookmarks_panel.undo_button.text()
    assert text.startswith("撤销删除（") and "（（" not in text and "））" not in text


def test_undated_documents_sort_last_in_both_directions(qtbot):
    docs = DocumentList(FakeService())
    qtbot.addWidget(docs)
    undated = {d["id"] for d in FakeService().docs if not d["date"]}
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        docs.tree.sortByColumn(3, order)
        ids = docs.document_ids()
        dated = [i for i in ids if i not in undated]
        assert ids[:len(dated)] == dated, order


def test_undated_document_shows_its_year_marked_as_from_the_doc_number(qtbot):
    service = FakeService()
    service.docs[2].update(year=2023, year_source="doc_number")  # 内政发〔2023〕3号, no date
    docs = DocumentList(service)
    qtbot.addWidget(docs)
    item = next(docs.tree.topLevelItem(i) for i in range(docs.tree.topLevelItemCount())
                if docs.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "d3")
    assert item.text(3) == "2023年（据文号）"


def test_tab_labels_differ_when_titles_share_a_prefix(qtbot):
    service = FakeService()
    for i, topic in enumerate(("氢能", "储能")):
        service.docs.append({**service.docs[0], "id": f"long{i}", "title": f"内蒙古自治区人民政府办公厅关于促进{topic}产业高质量发展的若干政策措施"})
    tabs = ReaderTabs(service)
    qtbot.addWidget(tabs)
    tabs.open("long0")
    tabs.open("long1", new_tab=True)
    labels = [tabs.tabText(i) for i in range(tabs.count())]
    assert len(set(labels)) == len(labels)
    assert any("氢能" in t for t in labels) and any("储能" in t for t in labels)


def test_switching_theme_keeps_the_reading_position(qtbot):
    reader = ReaderView(FakeService())
    qtbot.addWidget(reader)
    reader.resize(700, 300)
    reader.show()
    reader.open("d1")
    bar = reader.text.verticalScrollBar()
    assert bar.maximum() > 200
    bar.setValue(bar.maximum() // 2)
    before = bar.value()
    reader.set_dark(True)
    assert bar.value() == before


def test_help_lists_every_shortcut_and_the_usage(qtbot, window):
    dialog = window.show_help("shortcuts")
    rows = dict((keys, what) for what, keys in dialog.shortcut_texts())
    for keys in ("Ctrl+K / Ctrl+L", "Ctrl+1", "Ctrl+D", "Ctrl+P", "Alt+Home"):
        assert keys in rows, keys
    assert "使用说明" in dialog.usage.toPlainText() and "地区对比" in dialog.usage.toPlainText()
    dialog.close()


def test_print_preview_shows_the_document_pages(qtbot, window):
    window.open_document("34467a7acf")
    dialog = window.print_document(modal=False)
    from ui.printing import preview_widget

    qtbot.waitUntil(lambda: preview_widget(dialog).pageCount() > 1, timeout=10000)
    assert "打印预览" in dialog.windowTitle()
    dialog.close()
    QApplication.processEvents()


def test_bookmark_list_and_guide_print_previews(qtbot, window):
    from ui.printing import preview_widget

    window.marks.add(KEY, folders=["考察"])
    window.bookmarks_panel.refresh()
    window.bookmarks_panel.select_folder("考察")
    dialog = window.bookmarks_panel.print_preview(modal=False)
    qtbot.waitUntil(lambda: preview_widget(dialog).pageCount() >= 1, timeout=10000)
    assert "书签：考察" in dialog.windowTitle()
    dialog.close()


def test_printing_a_bookmark_list_leaves_no_file_behind(qtbot, window, tmp_path, monkeypatch):
    import tempfile

    from ui.printing import preview_widget

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    window.marks.add(KEY, folders=["考察"])
    window.bookmarks_panel.refresh()
    dialog = window.bookmarks_panel.print_preview(modal=False)
    qtbot.waitUntil(lambda: preview_widget(dialog).pageCount() >= 1, timeout=10000)
    assert [p.name for p in temp.glob("*/*.pdf")]  # the pages are there while the preview is open
    dialog.reject()
    assert not list(temp.iterdir())


def test_guide_print_preview_shows_the_generated_pages(qtbot, window, tmp_path):
    from tests.ui.fakes import FakeService
    from ui.printing import preview_widget

    fake = FakeService()
    pdf = fake.export_comparison(fake.compare(["乌海市", "伊金霍洛旗"], industry="氢能"), tmp_path / "g.pdf", "pdf")
    wizard = window.open_guide_wizard()
    wizard.generated = pdf  # as if generated: the preview prints the PDF's pages
    dialog = wizard._print_dialog(modal=False)
    qtbot.waitUntil(lambda: preview_widget(dialog).pageCount() >= 1, timeout=10000)
    dialog.close()
    wizard.close()
