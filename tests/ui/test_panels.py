"""Each panel alone, driven as a user would, over a small fake service."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.ui.fakes import FakeService, type_text
from ui.document_list import DocumentList
from ui.navigation import NavigationPane
from ui.reader import ReaderView
from ui.search_panel import SearchPanel
from ui.tasks import TaskRunner


def test_region_tree_shows_counts_and_filters_the_list(qtbot):
    service = FakeService()
    pane = NavigationPane(service)
    qtbot.addWidget(pane)
    item = pane.region_item("鄂尔多斯市")
    assert item.text(1) == "1"  # its banner's document
    pane.regions.itemClicked.emit(item, 0)
    assert pane.currentWidget() is pane.documents
    assert pane.documents.document_ids() == ["d2"]
    assert "鄂尔多斯市" in pane.documents.scope_label.text()

    pane.documents.with_ancestors.setChecked(True)  # what applies there: also region and national policy
    assert set(pane.documents.document_ids()) == {"d1", "d3", "d4"}

    pane.documents.show_all()
    assert len(pane.documents.document_ids()) == 5


def test_document_list_status_filter_sort_and_choice(qtbot):
    service = FakeService()
    docs = DocumentList(service)
    qtbot.addWidget(docs)
    docs.status_filter.setCurrentIndex(2)  # 已废止 / 已被替代
    assert docs.document_ids() == ["d3"]
    docs.status_filter.setCurrentIndex(1)
    assert "d3" not in docs.document_ids()
    docs.status_filter.setCurrentIndex(0)
    docs.tree.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by 文号, empty last
    assert docs.document_ids()[-1] == "d2"
    with qtbot.waitSignal(docs.document_chosen) as signal:
        docs.select("d4")
    assert signal.args == ["d4"]


def test_reader_shows_header_text_and_escapes_markup(qtbot):
    reader = ReaderView(FakeService())
    qtbot.addWidget(reader)
    reader.open("d1")
    assert "关于促进氢能产业高质量发展的意见" in reader.header.text()
    assert "内政办发〔2022〕15号" in reader.header.text()
    plain = reader.text.toPlainText()
    assert "A<B & C>D 不是标签" in plain  # shown literally, never parsed as HTML
    assert reader.outline.topLevelItemCount() >= 2


def test_reader_status_badge_names_what_replaced_it(qtbot):
    reader = ReaderView(FakeService())
    qtbot.addWidget(reader)
    reader.open("d3")
    assert "已被替代" in reader.header.text() and "关于促进氢能产业高质量发展的意见" in reader.header.text()
    with qtbot.waitSignal(reader.document_link) as signal:
        reader.header.linkActivated.emit("doc:d1")
    assert signal.args == ["d1", ""]


def test_reader_scrolls_to_and_highlights_a_clause(qtbot):
    reader = ReaderView(FakeService())
    qtbot.addWidget(reader)
    reader.resize(900, 400)
    reader.show()
    reader.open("d1", "d1:s2.p3")
    assert reader.highlighted_clause() == "d1:s2.p3"
    assert reader.text.verticalScrollBar().value() > 0
    start, _ = reader.clause_span("d1:s2.p3")
    top = reader.text.cursorRect(reader.text.textCursor()).top()
    assert 0 <= top < reader.text.viewport().height()
    assert reader.text.textCursor().position() == start


def test_find_in_document_highlights_all_and_steps(qtbot):
    reader = ReaderView(FakeService())
    qtbot.addWidget(reader)
    reader.show()
    reader.open("d1")
    reader.open_find()
    assert reader.find_bar.isVisible()
    type_text(reader.find_bar.field, "加氢站")
    assert reader.find_matches() == 30  # 29 paragraphs + the subsidy clause
    assert reader.find_bar.count.text() == "1 / 30"
    assert len(reader.text.extraSelections()) == 30
    qtbot.keyClick(reader.find_bar.field, Qt.Key.Key_Return)
    assert reader.find_bar.count.text() == "2 / 30"
    reader.find_bar.find_previous()
    reader.find_bar.find_previous()
    assert reader.find_bar.count.text() == "30 / 30"
    reader.find_bar.close_bar()
    assert reader.text.extraSelections() == []


def test_history_back_and_forward(qtbot):
    reader = ReaderView(FakeService())
    qtbot.addWidget(reader)
    reader.open("d1")
    reader.open("d4")
    reader.open("d2", "d2:s1")
    assert not reader.can_go_forward()
    reader.back()
    assert reader.location() == ("d4", None)
    reader.back()
    assert reader.location()[0] == "d1" and not reader.can_go_back()
    reader.forward()
    reader.forward()
    assert reader.location() == ("d2", "d2:s1")


def test_citation_link_and_copy_with_citation(qtbot):
    reader = ReaderView(FakeService())
    qtbot.addWidget(reader)
    reader.open("d1")
    hrefs = set()
    block = reader.text.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().anchorHref():
                hrefs.add(it.fragment().charFormat().anchorHref())
            it += 1
        block = block.next()
    assert hrefs == {"doc:d4"}
    text = reader.copy_clause("d1:s2.p3")
    assert text.startswith("（三）资金支持") and text.endswith("——《关于促进氢能产业高质量发展的意见》（内政办发〔2022〕15号）（三）")
    assert QGuiApplication.clipboard().text() == text


def test_font_size_changes_and_is_reported(qtbot):
    reader = ReaderView(FakeService(), font_size=12)
    qtbot.addWidget(reader)
    reader.open("d1", "d1:s2.p3")
    with qtbot.waitSignal(reader.font_size_changed) as signal:
        reader.set_font_size(15)
    assert signal.args == [15]
    assert reader.text.document().defaultFont().pointSize() == 15
    assert reader.highlighted_clause() == "d1:s2.p3"


def test_print_writes_a_pdf(qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    reader = ReaderView(FakeService())
    qtbot.addWidget(reader)
    reader.open("d1")
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "doc.pdf"))
    reader.print_to(printer)
    assert (tmp_path / "doc.pdf").read_bytes()[:4] == b"%PDF"


def test_search_panel_results_as_you_type_and_enter_opens(qtbot):
    service = FakeService()
    runner = TaskRunner()
    panel = SearchPanel(service, runner)
    qtbot.addWidget(panel)
    panel.show()
    assert "例如" in panel.message.text()  # empty state explains what to type
    type_text(panel.query_edit, "加氢站")
    qtbot.waitUntil(lambda: panel.hit_count() > 0, timeout=5000)
    assert len(service.searches) == 1  # debounced: one search for the whole word
    assert "共 1 个文件" in panel.count.text() and panel.entry_count() == 1
    with qtbot.waitSignal(panel.clause_chosen) as signal:
        qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    assert signal.args[0] == "d1"


def test_search_panel_no_result_and_filters(qtbot):
    service = FakeService()
    panel = SearchPanel(service, TaskRunner())
    qtbot.addWidget(panel)
    panel.show()
    panel.set_query("火星基地")
    qtbot.waitUntil(lambda: bool(service.searches) and not panel.runner.busy, timeout=5000)
    qtbot.waitUntil(lambda: "没有找到" in panel.message.text(), timeout=5000)
    assert not panel.results.isVisible()
    panel.region.setCurrentIndex(panel.region.findData("伊金霍洛旗"))
    qtbot.waitUntil(lambda: service.searches[-1][1].get("region") == "伊金霍洛旗", timeout=5000)


def test_search_panel_waits_for_the_index(qtbot):
    service = FakeService()
    service.index_ready = False
    panel = SearchPanel(service, TaskRunner())
    qtbot.addWidget(panel)
    panel.show()
    panel.set_query("加氢站")
    panel.run_now()
    assert "正在建立搜索索引" in panel.message.text() and not service.searches
    panel.set_index_ready(True)
    qtbot.waitUntil(lambda: panel.hit_count() == 2, timeout=5000)


def test_task_runner_keeps_only_the_latest_result_per_key(qtbot):
    import threading

    runner = TaskRunner()
    gate = threading.Event()
    seen = []
    runner.run(lambda _p: (gate.wait(5), "old")[1], on_done=seen.append, key="k")
    runner.run(lambda _p: "new", on_done=seen.append, key="k")
    qtbot.waitUntil(lambda: "new" in seen, timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert seen == ["new"]
