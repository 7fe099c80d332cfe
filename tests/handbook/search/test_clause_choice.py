"""Which clauses a document entry shows, and in what order: what the officer reads under each title."""

from __future__ import annotations

from handbook.search.analysis import fold
from handbook.search.relevance import IndustryRelevance


def entry_titled(searchable, query, title_part, limit=20):
    return next(e for e in searchable.search(query, limit=limit).entries if title_part in e.title)


def shown_texts(searchable, entry):
    return [fold(searchable.clause(c.clause_key)["text"]) for c in entry.clauses]


def test_a_clause_below_a_heading_naming_the_word_is_shown(searchable):
    # Who may apply for a 绿色供电 project is 第四条 of the rules, in 第二章 申报条件: the article
    # itself says neither 绿色供电 nor 条件, the heading right above it and the title do.
    entry = entry_titled(searchable, "绿色供电 条件", "工业园区绿色供电项目实施细则")
    assert any("工业园区应在内蒙古自治区工业园区审核公告目录内" in t for t in shown_texts(searchable, entry))


def test_a_procedure_query_shows_the_clause_spelling_out_the_procedure(searchable):
    # 申请 asks for a procedure; 第十四条 申报自治区备案众创空间的程序： is the one that gives it.
    entry = entry_titled(searchable, "众创空间 备案 申请", "众创空间管理办法")
    assert any(t.startswith("第十四条申报自治区备案众创空间的程序") for t in
               (t.replace(" ", "") for t in shown_texts(searchable, entry)))


def test_the_steps_of_a_procedure_section_rank_above_other_clauses(searchable):
    # In a document with a （三）工作流程 section, a query asking how to apply shows its steps
    # before clauses that only mention the words.
    entry = entry_titled(searchable, "科技人才 申报流程", "人才赋能科技")
    first = searchable.search("科技人才 申报流程", limit=20).entries
    assert entry in first
    assert any("流程" in part for part in entry.clauses[0].heading_path)


def test_material_in_an_industry_name_asks_for_no_application_papers(searchable):
    # 材料 of 申报材料 asks for procedure clauses; 材料 ending 可降解材料 or 硅材料 names an industry.
    store = searchable.store
    roles = {c["key"]: c["role"] for d in store.documents() for c in store.clause_rows(d["id"])}
    relevance = IndustryRelevance(store, roles)
    assert relevance.for_terms(["申报材料"]).wanted_roles == {"procedure"}
    for industry in ("可降解材料", "硅材料"):
        asked = relevance.for_terms([industry])
        assert asked is None or "procedure" not in asked.wanted_roles


def test_a_document_with_one_clause_holding_every_word_shows_its_clauses_holding_most_of_them(searchable):
    # Only the 工作目标 of the 标准地 guideline holds 标准地, 出让 and 流程 together; the clause on the
    # contracts to sign after the transfer (出让合同, 投资建设合同) holds two of them and is shown too.
    entry = entry_titled(searchable, "标准地 出让 流程", "标准地")
    texts = shown_texts(searchable, entry)
    assert len(texts) > 1
    assert any("投资建设合同" in t for t in texts[1:])


def test_a_document_holding_the_words_apart_shows_a_clause_for_each_word(searchable):
    # Plain words (no synonyms, no industry): a shown clause holding each is easy to check.
    for query in ("博士 安家", "存量 盘活 考核"):
        words = query.split()
        apart = [e for e in searchable.search(query, limit=10).entries if e.match in ("across", "partial")]
        assert apart
        for entry in apart:
            every = searchable.more_clauses(query, entry.doc_id)
            held = [w for w in words if any(w in fold(searchable.clause(h.clause_key)["text"]) for h in every)]
            shown = " ".join(shown_texts(searchable, entry) + [fold(p) for c in entry.clauses for p in c.heading_path])
            assert all(w in shown for w in held[:3]), (query, entry.title)


def test_equal_clauses_are_shown_in_the_document_order(searchable):
    for query in ("储能", "氢能 补贴", "绿色供电 条件", "牧家乐"):
        for entry in searchable.search(query, limit=10).entries:
            place = {c["key"]: i for i, c in enumerate(searchable.store.clause_rows(entry.doc_id))}
            for a, b in zip(entry.clauses, entry.clauses[1:], strict=False):
                if abs(a.score - b.score) < 1e-9:
                    assert place[a.clause_key] < place[b.clause_key], (query, entry.title)


def test_a_grant_printing_the_benefit_asked_for_is_shown_as_that_benefit(searchable):
    # 装备制造 贷款: the 2024 policy list files its interest subsidy for industrial-chain projects
    # (按照实际贷款利息的30%给予一次性贴息奖补) under grants; its text prints the loan subsidy, so the
    # officer sees it beside the fund for 装备制造 and the credit-guarantee fund for grain loans.
    entry = entry_titled(searchable, "装备制造 贷款", "2024年坚持稳中求进以进促稳")
    assert any("按照实际贷款利息的30%给予一次性贴息奖补" in t.replace(" ", "") for t in shown_texts(searchable, entry))
