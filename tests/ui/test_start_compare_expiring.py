"""Start page, region comparison, expiry list and term notices, each alone over the fake service."""

from __future__ import annotations

import csv
import io
from datetime import date

from tests.ui.fakes import FakeService
from ui.compare_view import CompareView
from ui.expiring_view import ExpiringView
from ui.reader import ReaderView
from ui.start_page import StartPage


def test_start_page_sections_and_links(qtbot):
    service = FakeService()
    page = StartPage(service)
    qtbot.addWidget(page)
    page.set_recent([("d5", "d5:s1"), ("gone", None)])
    assert page.sections["recent"] == ["乌海市招商引资意见"]  # a document no longer bundled is skipped
    assert page.sections["folders"] == ["2026-12 鄂尔多斯考察", "某某氢能项目"]
    assert page.sections["ending"] == ["关于促进氢能产业高质量发展的意见（三）"]  # 2026-06-30, within 6 months of 2026-03-01
    assert page.sections["ended"] == ["国务院关于推动内蒙古高质量发展的意见一、"]  # 2025-12-31
    assert page.sections["newest"][0] == "关于促进氢能产业高质量发展的意见"
    text = page.text()
    assert "继续阅读" in text and "6 个月内到期" in text and "近 6 个月已到期" in text and "最新政策" in text
    assert "内容日期 2025-05-13" in page.title.text()
    with qtbot.waitSignal(page.document_link) as opened:
        page._link("doc:d5#d5:s1")
    assert opened.args == ["d5", "d5:s1"]
    with qtbot.waitSignal(page.folder_chosen) as folder:
        page._link("folder:1")
    assert folder.args == ["某某氢能项目"]
    with qtbot.waitSignal(page.action_requested) as action:
        page.buttons["compare"].click()
    assert action.args == ["compare"]


def test_start_page_without_history_or_bookmarks_says_what_to_do(qtbot):
    service = FakeService()
    service.bookmarks.by_folder = {}
    service.today = date(2030, 1, 1)  # nothing ends near then
    page = StartPage(service)
    qtbot.addWidget(page)
    page.refresh()
    text = page.text()
    assert "还没有阅读记录" in text and "还没有书签" in text and "未来 6 个月内没有到期的措施" in text


def test_compare_columns_hold_own_and_parent_measures(qtbot):
    service = FakeService()
    view = CompareView(service)
    qtbot.addWidget(view)
    view.choose("氢能", ["乌海市", "伊金霍洛旗"])
    own = [[(m.region, m.own) for m in view.column_measures(i)] for i in range(2)]
    assert own[0] == [("乌海市", True), ("内蒙古自治区", False), ("全国", False)]
    assert own[1] == [("伊金霍洛旗", True), ("内蒙古自治区", False), ("全国", False)]
    html = view.view.toHtml()
    assert "［上级：内蒙古自治区·自治区级］" in view.view.toPlainText()
    assert "0.26元/千瓦时" in view.view.toPlainText() and "A&lt;B &amp; 购房补贴" in html  # escaped, shown literally
    with qtbot.waitSignal(view.clause_chosen) as chosen:  # the citation under 乌海's 电价 measure
        view._link(f"clause:{view._links.index(('d5', 'd5:s1'))}")
    assert chosen.args == ["d5", "d5:s1"]
    view.hide_shared.setChecked(True)  # what both inherit alike drops out
    assert [m.region for m in view.column_measures(0)] == ["乌海市"]
    assert "已隐藏共有的上级措施 2 项" in view.status.text()


def test_compare_needs_two_regions_and_exports_csv_and_pdf(qtbot, tmp_path):
    view = CompareView(FakeService())
    qtbot.addWidget(view)
    view.choose("氢能", ["乌海市", "乌海市"])
    assert "请选择 2–4 个不同的地区" in view.status.text() and not view.export_pdf.isEnabled()
    view.choose("氢能", ["乌海市", "伊金霍洛旗", "内蒙古自治区"])
    rows = list(csv.reader(io.StringIO(view.export_to(tmp_path / "c.csv", "csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][:5] == ["对比地区", "政策所属地区", "层级", "本级/上级", "扶持方式"]
    assert ["伊金霍洛旗", "伊金霍洛旗", "旗县级", "本级", "人才待遇"] == rows[4][:5]
    pdf = view.export_to(tmp_path / "c.pdf", "pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 5000


def test_expiring_view_lists_ending_and_ended_against_today(qtbot):
    service = FakeService()
    view = ExpiringView(service)
    qtbot.addWidget(view)
    assert view.rows(0) == [("2026年6月30日", "关于促进氢能产业高质量发展的意见")]
    assert view.rows(1) == [("2025年12月31日", "国务院关于推动内蒙古高质量发展的意见")]
    view.span.setCurrentIndex(0)  # 3 months: 2026-06-30 is 121 days away, 2025-12-31 60 days ago
    assert view.rows(0) == [] and len(view.rows(1)) == 1
    with qtbot.waitSignal(view.clause_chosen) as chosen:
        view._open(view.tree.topLevelItem(1).child(0))
    assert chosen.args == ["d4", "d4:s1"]


def test_reader_marks_clauses_whose_term_ended_or_ends_soon(qtbot):
    service = FakeService()
    reader = ReaderView(service)
    qtbot.addWidget(reader)
    reader.open("d1")
    assert reader.notices["d1:s2.p3"].startswith("【即将到期】本条措施的期限至 2026年6月30日，还有 121 天")
    reader.open("d4")
    assert reader.notices["d4:s1"].startswith("【已到期】本条措施的期限至 2025年12月31日")
    start, end = reader.clause_span("d4:s1")
    assert "【已到期】" in reader.text.toPlainText()[start:end]


def test_compare_print_preview_is_landscape(qtbot):
    from PySide6.QtGui import QPageLayout

    from ui.printing import preview_widget

    view = CompareView(FakeService())
    qtbot.addWidget(view)
    dialog = view.print_preview(modal=False)
    qtbot.waitUntil(lambda: preview_widget(dialog).pageCount() >= 1, timeout=10000)
    assert dialog.printer().pageLayout().orientation() == QPageLayout.Orientation.Landscape
    dialog.close()


def test_printing_a_comparison_leaves_no_file_behind(qtbot, tmp_path, monkeypatch):
    import tempfile

    from ui.printing import preview_widget

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    view = CompareView(FakeService())
    qtbot.addWidget(view)
    dialog = view.print_preview(modal=False)
    qtbot.waitUntil(lambda: preview_widget(dialog).pageCount() >= 1, timeout=10000)
    dialog.reject()
    assert not list(temp.iterdir())


def test_compare_names_an_unknown_industry(qtbot):
    view = CompareView(FakeService())
    qtbot.addWidget(view)
    view.choose("火箭", ["乌海市", "伊金霍洛旗"])
    assert view.comparison is None and view.error.startswith("没有“火箭”这个产业。可选：风电")
    assert not view.export_csv.isEnabled()
