"""Search v2 as the officer sees it: entries by document, context, paging, vocabulary, counts, cancellation."""

from __future__ import annotations

import pytest

from handbook.errors import SearchCancelled
from handbook.search import matching
from handbook.search.analysis import fold
from handbook.search.vocabulary import harvest_abbreviations, segment, segment_words


def test_results_are_one_entry_per_document_with_its_best_clauses(searchable):
    result = searchable.search("光伏", limit=20)
    ids = [e.doc_id for e in result.entries]
    assert len(ids) == len(set(ids)) == 20
    for entry in result.entries:
        assert 1 <= len(entry.clauses) <= 3 and all(c.doc_id == entry.doc_id for c in entry.clauses)
        assert entry.more >= 0
        rest = searchable.more_clauses("光伏", entry.doc_id)
        assert {c.clause_key for c in entry.clauses} <= {h.clause_key for h in rest}
        assert len(rest) == len(entry.clauses) + entry.more  # "该文件还有 N 处匹配" opens exactly N more


def test_paging_reaches_every_entry_once(searchable):
    first = searchable.search("补贴", limit=7)
    seen, offset = [], 0
    while True:
        page = searchable.search("补贴", limit=7, offset=offset)
        seen += [e.doc_id for e in page.entries]
        if not page.has_more:
            break
        offset += len(page.entries)
    assert len(seen) == len(set(seen)) == first.total > 7
    flat = searchable.search("补贴", limit=15, flat=True)
    assert flat.total > 15 and len(flat.hits) == 15 and flat.has_more


def test_a_clause_matches_through_its_heading_path_and_document_title(searchable):
    # 第四条 of the 绿色供电 rules says who may apply without saying 绿色供电: its title says it.
    entry = next(e for e in searchable.search("绿色供电", limit=10).entries if "工业园区绿色供电项目实施细则" in e.title)
    keys = {h.clause_key: h for h in searchable.more_clauses("绿色供电", entry.doc_id)}
    fourth = next(k for k, h in keys.items() if "审核公告目录" in searchable.clause(k)["text"])
    assert "绿色供电" not in searchable.clause(fourth)["text"]
    ranks = list(keys)
    said = [k for k in ranks if "绿色供电" in searchable.clause(k)["text"]]
    assert ranks.index(fourth) > ranks.index(said[0])  # the word in the clause itself counts more
    # 条件 in the chapter heading 第二章 申报条件 and 绿色供电 in the title: the clause is a complete match.
    hits = searchable.search("绿色供电 条件", limit=50, flat=True).hits
    match = next(h for h in hits if h.clause_key == fourth)
    assert match.match in ("heading", "title") and any("条件" in p for p in match.heading_path)


def test_words_in_different_clauses_follow_and_fill_the_first_page(searchable):
    result = searchable.search("储能 补贴", limit=20)
    tiers = [e.match for e in result.entries]
    assert len(result.entries) == 20  # two clauses hold both words; the page is still full
    assert tiers[0] == "text" and "across" in tiers
    # A clause naming 储能 only in a list of sectors (…、储能装备、…) is no better than two clauses
    # on the topic: such documents rank among the "across" ones, not above them all.
    for entry in result.entries[tiers.index("across"):]:
        if entry.match == "text":
            text = fold(searchable.clause(entry.clauses[0].clause_key)["text"])
            at = text.find("储能")
            assert "、" in text[max(0, at - 4):at + 6], text
    across = next(e for e in result.entries if e.match == "across")
    texts = "".join(fold(searchable.clause(c.clause_key)["text"]) for c in across.clauses)
    assert "储能" in texts  # the shown clauses carry the words (best clause per word first)


def test_headings_rank_below_the_provisions_they_introduce(searchable):
    hits = searchable.search("冷链物流", limit=30, flat=True).hits
    roles = [searchable.clause(h.clause_key).get("role") for h in hits]
    assert roles[0] != "heading"
    first_provision = next(i for i, r in enumerate(roles) if r != "heading")
    assert first_provision == 0


def test_abbreviations_defined_in_the_texts_are_harvested():
    text = "充分发挥自治区高新技术产业开发区（以下简称“高新区”）作用；企业（以下简称企业）；资金（以下简称“专项资金”）"
    assert harvest_abbreviations([text]) == [["高新区", "高新技术产业开发区"]]


def test_the_index_uses_harvested_abbreviations_below_the_typed_word(searchable):
    searcher = searchable._searcher
    assert ["高新区", "高新技术产业开发区"] in searcher.index.abbreviations
    hits = searchable.search("高新区", limit=50, flat=True).hits
    texts = [fold(searchable.clause(h.clause_key)["text"]) for h in hits]
    assert any("高新技术产业开发区" in t and "高新区" not in t for t in texts)  # found through the long name
    assert "高新区" in texts[0]


def test_run_together_words_are_split_into_common_pieces():
    counts = {"研发费用": 50, "加计扣除": 20, "比例": 80, "研发费": 50, "用加计": 2, "扣除比例": 1, "氢能": 9, "补贴": 30}
    assert segment("研发费用加计扣除比例", lambda p: counts.get(p, 0), longest=4) == ["研发费用", "加计扣除", "比例"]
    assert segment("氢能补贴", lambda p: counts.get(p, 0)) == ["氢能", "补贴"]
    assert segment("火星移民", lambda p: counts.get(p, 0)) == []
    assert segment("招外国专家", lambda p: {"外国专家": 3}.get(p, 0), skip=True) == ["外国专家"]


def test_a_question_is_split_into_likely_words_not_chance_strings():
    counts = {"企业": 2000, "申请": 300, "专利": 60, "奖励": 400, "企业申请": 6, "专利有": 1, "营业执照": 12,
              "营业": 15, "执照": 12, "煤矿": 20, "光伏": 150, "搞光伏": 1}
    freq = lambda p: counts.get(p, 0)  # noqa: E731
    assert segment_words("企业申请专利有奖励", freq, 4000, skip=4.0) == ["企业", "申请", "专利", "奖励"]
    assert segment_words("营业执照", freq, 4000, skip=4.0) == ["营业执照"]  # a word the texts print stays whole
    assert segment_words("煤矿搞光伏", freq, 4000, skip=4.0) == ["煤矿", "光伏"]
    assert segment_words("火星移民", freq, 4000) == []


def test_single_characters_and_common_words_are_answered_with_counts(searchable):
    for word in ("的", "政", "发展"):
        result = searchable.search(word, limit=20)
        assert len(result.entries) == 20 and result.total > 20 and result.clause_total >= result.total
        assert all(e.clauses for e in result.entries)


def test_counts_from_a_sample_are_marked_as_estimates(searchable, monkeypatch):
    monkeypatch.setattr(matching, "VERIFY_CAP", 5)
    searchable._searcher.matcher._cache.clear()
    searchable._searcher.matcher._terms.clear()
    try:
        result = searchable.search("高质量发展", limit=5)
        assert result.total_is_estimate and "约 " in result.count_text
    finally:
        searchable._searcher.matcher._cache.clear()
        searchable._searcher.matcher._terms.clear()


def test_a_replaced_search_stops(searchable):
    with pytest.raises(SearchCancelled):
        searchable.search("储能 补贴", cancelled=lambda: True)
    assert searchable.search("储能 补贴").entries  # the next one runs normally


def test_snippet_shows_words_far_apart_as_two_pieces():
    from handbook.search.analysis import term_pattern
    from handbook.search.snippets import make_snippet

    text = "前言" * 30 + "发展储能设施" + "中间内容" * 30 + "给予补贴支持" + "结尾" * 20
    snippet, spans = make_snippet(text, [term_pattern("储能"), term_pattern("补贴")])
    assert len(snippet) <= 92 and snippet.count("…") >= 2
    assert [snippet[s:e] for s, e in spans] == ["储能", "补贴"]


@pytest.mark.parametrize("word, industry", [("乳业", "dairy"), ("数据中心", "computing"), ("风电", "wind")])
def test_clauses_about_the_industry_come_before_passing_mentions(searchable, word, industry):
    relevance = searchable.store.clause_industries(industry)
    for entry in searchable.search(word, limit=10).entries:
        marks = [relevance.get(k) for k in [c.clause_key for c in entry.clauses]
                 + [h.clause_key for h in searchable.more_clauses(word, entry.doc_id)][len(entry.clauses):]]
        if "primary" in marks and "passing" in marks:
            assert marks.index("primary") < marks.index("passing"), (entry.title, marks)
