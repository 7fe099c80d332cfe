"""Officers' own words (resources/search/synonyms.json, questions.json) find what the texts print."""

from __future__ import annotations

import pytest

from handbook.search.analysis import fold
from handbook.search.query import parse_query


def clause_texts(searchable, query, limit=10):
    entries = searchable.search(query, limit=limit).entries
    return [fold(searchable.clause(c.clause_key)["text"]) for e in entries for c in e.clauses]


@pytest.mark.parametrize("typed, printed", [
    ("拿地", ("供地", "土地供应", "土地出让")),  # colloquial: the texts say 供地 / 土地出让
    ("海归", ("海外人才", "留学归国")),  # the texts say 海外人才 / 留学归国人员
    ("大棚", ("设施农业",)),  # the texts say 设施农业 / 日光温室
    ("土豆", ("马铃薯",)),
    ("网货", ("网络货运",)),
    ("综保区", ("综合保税区",)),
    ("三免三减半", ("第一年至第三年免征", "第1年至第3年免征")),  # the texts spell the years out
    ("过网费", ("输配电价",)),
    ("先租后供", ("先租后让",)),
    ("科特派", ("科技特派员",)),
    ("丁二醇", ("BDO",)),  # the texts print only the abbreviation
    ("需量电费", ("需量（容量）电费", "基本电费")),
    ("倒贷", ("续贷",)),
    ("钕铁硼", ("稀土永磁",)),
])
def test_a_colloquial_word_finds_clauses_that_print_the_texts_word(searchable, typed, printed):
    texts = clause_texts(searchable, typed)
    assert texts, typed
    assert any(any(fold(p) in t for p in printed) and fold(typed) not in t for t in texts), typed


def test_a_one_way_word_widens_only_where_it_should():
    # 五险一金 is social insurance plus the housing fund, but 社会保险 typed alone is not the housing fund.
    assert {"社会保险", "住房公积金"} <= set(parse_query("五险一金").terms[0].variants)
    assert "住房公积金" not in parse_query("社会保险").terms[0].variants
    # 度电 is the price unit 元/度, not every 亿千瓦时 of output.
    assert "元/度" in parse_query("度电").terms[0].variants
    assert "千瓦时" not in parse_query("度电").terms[0].variants
    # 房土两税 is 房产税 plus 城镇土地使用税, but neither tax typed alone is the other.
    assert {"房产税", "城镇土地使用税"} <= set(parse_query("房土两税").terms[0].variants)
    assert "城镇土地使用税" not in parse_query("房产税").terms[0].variants


def test_a_question_in_officers_words_finds_the_measures(searchable):
    # 请问 / 有啥 carry no topic; 大棚 is what the texts call 设施农业.
    entries = searchable.search("请问大棚有啥补贴", limit=5).entries
    assert entries and "设施农业" in entries[0].title
