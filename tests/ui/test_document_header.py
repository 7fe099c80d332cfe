"""The reader header: year when undated, validity badges, 被引用 links that open the citing clause."""

from __future__ import annotations

from tests.ui.fakes import FakeService
from ui.reader import ReaderView


def _reader(qtbot, service):
    reader = ReaderView(service)
    qtbot.addWidget(reader)
    return reader


def test_cited_by_lists_the_citing_document_and_opens_its_clause(qtbot):
    reader = _reader(qtbot, FakeService())
    reader.open("d4")
    assert "被引用" in reader.header.text() and "关于促进氢能产业高质量发展的意见" in reader.header.text()
    with qtbot.waitSignal(reader.document_link) as signal:
        reader.header.linkActivated.emit("cite:0")
    assert signal.args == ["d1", "d1:intro"]
    reader.open("d5")
    assert "被引用" not in reader.header.text()


def test_undated_document_shows_the_year_marked(qtbot):
    service = FakeService()
    service.docs[1].update(year=2021, year_source="doc_number")
    reader = _reader(qtbot, service)
    reader.open("d2")
    assert "2021年（年份据文号）" in reader.header.text()


def test_trial_draft_and_valid_until_badges(qtbot):
    service = FakeService()
    service.docs[0].update(trial=1, draft=1, valid_until="2027-12-31")
    reader = _reader(qtbot, service)
    reader.open("d1")
    assert reader.header.badges == ["征求意见稿", "试行"]
    assert "有效期至 2027年12月31日" in reader.header.text()
    reader.open("d3")
    assert reader.header.badges == ["已被替代"] and "替代" in reader.header.text()
