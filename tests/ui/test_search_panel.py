"""The search panel as the officer sees it: entries by document, more clauses, paging, flat list, cancellation."""

from __future__ import annotations

import time

from handbook.errors import SearchCancelled
from handbook.store import ClauseNode
from tests.ui.fakes import FakeService, type_text
from ui.search_panel import KIND_ROLE, SearchPanel
from ui.tasks import TaskRunner


def rows(panel, kind):
    return [panel.results.item(i) for i in range(panel.results.count()) if panel.results.item(i).data(KIND_ROLE)[0] == kind]


def make_panel(qtbot, service=None):
    service = service or FakeService()
    panel = SearchPanel(service, TaskRunner())
    qtbot.addWidget(panel)
    panel.resize(420, 700)
    panel.show()
    return service, panel


def test_results_are_grouped_by_document_with_more_clauses_on_demand(qtbot):
    service = FakeService()
    service.trees["d2"] = [ClauseNode(f"d2:p{i}", f"{i}.", "level1", "", f"{i}.人才公寓补贴第{i}项。", None, 0) for i in range(1, 7)]
    service, panel = make_panel(qtbot, service)
    panel.set_query("人才公寓")
    panel.run_now()
    qtbot.waitUntil(lambda: panel.entry_count() == 1, timeout=5000)
    assert panel.hit_count() == 3  # the best three clauses under their document
    more = rows(panel, "more")
    assert len(more) == 1 and "该文件还有 3 处匹配" in more[0].data(KIND_ROLE + 1)
    assert "伊金霍洛旗人才政策" in rows(panel, "doc")[0].data(KIND_ROLE + 1)
    panel._activate(more[0])
    qtbot.waitUntil(lambda: panel.hit_count() == 6, timeout=5000)
    assert not rows(panel, "more")
    keys = [item.data(KIND_ROLE)[2] for item in rows(panel, "clause")]
    assert keys == [f"d2:p{i}" for i in range(1, 7)]  # no clause twice, in place under the document


def test_every_result_is_reachable_by_paging_and_flat_list(qtbot):
    service, panel = make_panel(qtbot)
    panel.page_size = 2
    panel.set_query("正文")
    panel.run_now()
    qtbot.waitUntil(lambda: panel.entry_count() == 2, timeout=5000)
    page = rows(panel, "page")
    assert len(page) == 1 and "还有 2 个文件" in page[0].data(KIND_ROLE + 1)
    panel._activate(page[0])
    qtbot.waitUntil(lambda: panel.entry_count() == 4, timeout=5000)
    assert not rows(panel, "page") and "已显示 4 个文件" in panel.count.text()

    panel.flat.setChecked(True)
    qtbot.waitUntil(lambda: panel.last_result is not None and panel.last_result.flat, timeout=5000)
    assert panel.entry_count() == 0 and panel.hit_count() == 2 and rows(panel, "page")
    assert "条" in panel.count.text()


def test_estimated_counts_say_about(qtbot):
    service, panel = make_panel(qtbot)
    original = service.search

    def estimated(*args, **kwargs):
        result = original(*args, **kwargs)
        result.total_is_estimate = True
        return result

    service.search = estimated
    panel.set_query("正文")
    panel.run_now()
    qtbot.waitUntil(lambda: panel.entry_count() > 0, timeout=5000)
    assert "约 " in panel.count.text()


def test_typing_on_cancels_the_outdated_search_and_only_the_newest_is_shown(qtbot):
    service, panel = make_panel(qtbot)
    stopped = []

    def slow(text, cancelled):
        if text != "政":
            return
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if cancelled and cancelled():
                stopped.append(text)
                raise SearchCancelled("已被更新的搜索取代。")
            time.sleep(0.01)

    service.slow_search = slow
    type_text(panel.query_edit, "政")
    qtbot.waitUntil(lambda: [t for t, _ in service.searches] == ["政"], timeout=5000)  # 政 is running
    type_text(panel.query_edit, "策")
    started = time.monotonic()
    qtbot.waitUntil(lambda: panel.last_result is not None and not panel.runner.busy, timeout=5000)
    assert time.monotonic() - started < 5  # the slow 政 did not hold 政策 up
    assert [t for t, _ in service.searches] == ["政", "政策"]
    assert stopped == ["政"] and panel.cancelled_searches == 1
    assert panel.searches_run == 1 and panel.last_result.query.raw == "政策"  # only the newest result was shown
    assert all("政策" in service.clause(item.data(KIND_ROLE)[2])["text"] for item in rows(panel, "clause"))
