"""What a guide selects: primary clauses only, incentives that are offers, 通用政策, regions, validity."""

from __future__ import annotations

import re
from datetime import date

import pytest

from handbook.errors import GuideError
from handbook.guide import compose
from handbook.guide.incentives import to_row
from handbook.industries import default_catalogue
from handbook.knowledge.vocabulary import default_vocabulary


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_catalogue_has_the_industries_of_the_sources():
    names = [i.name for i in default_catalogue().industries]
    assert len(names) >= 15
    for wanted in ("风电", "光伏", "氢能", "新型储能", "乳业", "文化旅游", "低空经济", "可降解材料"):
        assert wanted in names


def test_only_clauses_primary_for_the_industry_are_quoted(hydrogen, hb):
    relevance = hb.store.clause_industries("hydrogen")
    quotes = hydrogen.quotes()
    assert len(quotes) > 20
    assert all(relevance.get(q.key) == "primary" for q in quotes)
    passing = [k for k, r in relevance.items() if r == "passing"]
    assert passing and not set(passing) & {q.key for q in quotes}
    docs = {e.doc["doc_number"] or e.doc["title"] for entries in hydrogen.policies.values() for e in entries}
    assert "内政办发〔2022〕15号" in docs and any("风光制氢一体化项目实施细则" in t for t in docs)
    regions = {e.doc["region"] for entries in hydrogen.policies.values() for e in entries}
    assert regions <= {"伊金霍洛旗", "鄂尔多斯市", "内蒙古自治区", "全国"}
    assert all(e.doc["status"] == "现行有效" for entries in hydrogen.policies.values() for e in entries)


def test_every_quote_is_the_stored_clause(hydrogen, hb):
    for q in hydrogen.quotes() + hydrogen.chain + hydrogen.profile.quotes:
        assert hb.clause(q.key)["text"] == q.text


def test_incentives_table_holds_offers_only(hydrogen, hb):
    vocab = default_vocabulary()
    relevance = hb.store.clause_industries("hydrogen")
    rows = hydrogen.incentives
    assert len(rows) >= 5 and "电价用能" in {r.kind for r in rows}
    for row in rows:
        clause = hb.clause(row.clause_key)
        assert relevance.get(row.clause_key) == "primary", row.measure
        assert squash(row.measure) in squash(clause["text"])  # as printed
        assert clause["role"] not in ("obligation", "target", "procedure"), row.measure
        assert not vocab.target.search(row.measure), row.measure
        capped = vocab.cap.search(row.measure) and not vocab.grant_strong.search(row.measure)
        assert not capped and not row.measure.startswith(("要", "各级")), row.measure
        assert all(squash(a) in squash(row.measure) for a in row.amount.split("；") if a)
        assert row.citation.startswith("《")


def test_every_row_names_the_responsible_units_the_source_prints(hydrogen, hb):
    for row in hydrogen.incentives + [r for g in hydrogen.general for r in g.rows]:
        key, printed = row.clause_key, False
        while key and not printed:
            clause = hb.clause(key)
            printed = bool(clause.get("responsible"))
            key = clause.get("parent_key")
        if printed:
            assert row.responsible, row.measure
    rows = hydrogen.incentives + [r for g in hydrogen.general for r in g.rows]
    long = [r for r in rows if len(r.responsible) > 3]
    assert long and all("等" in r.responsible_text() for r in long)
    assert {r.clause_key for r in long} <= {r.clause_key for r in hydrogen.long_unit_lists()}


def test_general_policies_by_topic_include_the_western_development_tax_rate(hydrogen):
    topics = {g.topic: g for g in hydrogen.general}
    assert {"税收优惠", "人才政策", "金融支持"} <= set(topics)
    tax = topics["税收优惠"]
    west = [r for r in tax.rows if "西部地区的鼓励类产业企业减按" in squash(r.measure)]
    assert west and "15%" in west[0].amount and "2030年12月31日" in west[0].validity
    assert any("税费优惠政策指引" in d["title"] for d in tax.reading)
    for group in hydrogen.general:
        assert len(group.rows) <= 10


def test_ended_measures_are_not_offered_and_ending_ones_are_marked(hb, built_db, tmp_path):
    from handbook.service import Handbook
    from handbook.store import Store

    small_firms = "小型微利企业免征企业所得税地方分享部分"
    now = [r for g in compose(hb, "氢能", "伊金霍洛旗").general for r in g.rows]
    assert not any(small_firms in squash(r.measure) for r in now)  # 至 2025年12月31日: over on 2026-11-21
    earlier = Handbook(Store(built_db), today=date(2025, 6, 1), user_db_path=tmp_path / "u.sqlite")
    facts = [f for f in earlier.incentives(None, "伊金霍洛旗") if small_firms in squash(f["text"])]
    docs = {d["id"]: d for d in earlier.documents()}
    assert facts
    for fact in facts:
        row = to_row(fact, docs, earlier.today, earlier.store.clause)
        assert row and "不足 12 个月" in row.validity
        assert to_row(fact, docs, hb.today, hb.store.clause) is None


@pytest.mark.parametrize("region", ["乌海市", "鄂尔多斯市"])
def test_a_region_without_its_own_profile_still_gets_an_honest_one(hb, region):
    guide = compose(hb, "现代煤化工", region)
    p = guide.profile
    assert p is not None and not p.quotes
    assert [name for _, name in p.path][:3] == ["全国", "内蒙古自治区", region]
    assert sum(p.policy_counts.values()) > 20
    assert "伊金霍洛旗" not in {e.doc["region"] for entries in guide.policies.values() for e in entries}


def test_a_draft_profile_is_called_a_draft(hb):
    guide = compose(hb, "乳业", "呼伦贝尔市")
    assert guide.profile.quotes and "征求意见稿" in guide.profile.source_note
    assert all(e.doc["status"] == "现行有效" for entries in guide.policies.values() for e in entries)


def test_factor_costs_keep_every_price_row_as_printed(hydrogen, hb):
    rows = {(c.category, c.item): c.price for c in hydrogen.costs}
    assert rows[("工业用地价格", "参考价格")] == "20-25 万元/亩"
    assert len(hydrogen.costs) == 18  # every price row, also "——工商业用气 3.06 元/立方米" printed without "："


def test_levels_and_unknown_choices(hb):
    guide = compose(hb, "氢能", "伊金霍洛旗", levels=["国家级"])
    assert set(guide.policies) <= {"national"} and all(r.level == "national" for r in guide.incentives)
    with pytest.raises(GuideError, match="产业"):
        compose(hb, "火箭", "伊金霍洛旗")
    with pytest.raises(GuideError, match="地区"):
        compose(hb, "氢能", "火星")


def test_every_factor_cost_row_of_the_source_is_kept(handbook):
    from handbook.guide.region import factor_costs

    rows = factor_costs(handbook, "投资要素成本")
    assert len(rows) == 18  # 投资要素成本 of 003 prints 18 prices
    assert any(r.item == "工商业用气" and r.price.startswith("3.06") for r in rows)  # a row printed without "："
