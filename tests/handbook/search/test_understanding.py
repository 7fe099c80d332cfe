"""Search finds what the officer means: sloppy 文号, officer words, run-together words, clause knowledge."""

from __future__ import annotations

import pytest

from handbook.search.analysis import fold
from handbook.search.normalise import DocNumberRewriter
from handbook.search.query import parse_query
from handbook.search.relevance import asked, intents


@pytest.mark.parametrize("typed, number", [
    ("国发2023 16", "国发〔2023〕16号"),
    ("内政办发[2022]19", "内政办发〔2022〕19号"),
    ("内政办发 2023 70号", "内政办发〔2023〕70号"),
    ("内政办发（2022）15", "内政办发〔2022〕15号"),
    ("乌海政办发2024-26", "乌海政办发〔2024〕26号"),
    ("科技部公告2022年16号", "财政部 税务总局 科技部公告2022年第16号"),
])
def test_sloppy_doc_number_lists_its_document_first(searchable, typed, number):
    result = searchable.search(typed)
    assert result.mode == "doc_number"
    assert result.entries[0].doc_number == number and result.entries[0].match == "doc_number"


def test_numbers_that_name_no_document_stay_words():
    rewriter = DocNumberRewriter(["国发〔2023〕16号", "内政办发〔2024〕16号"])
    assert rewriter.rewrite("2024年16个项目") == "2024年16个项目"
    assert rewriter.rewrite("自治区2024年16个") == "自治区2024年16个"  # no document's code ends 自治区
    assert rewriter.rewrite("国发2023 17") == "国发2023 17"  # no such number in the handbook
    assert rewriter.rewrite("氢能国发2023 16 补贴").split() == ["氢能", "国发〔2023〕16号", "补贴"]


def test_officer_words_find_what_the_texts_print(searchable):
    # The texts say 充电基础设施 / 充（换）电; officers say 充电桩.
    top = [e.doc_number for e in searchable.search("充电桩", limit=10).entries]
    assert {"国办发〔2023〕19号", "发改综合〔2023〕545号", "乌海政办发〔2022〕24号"} <= set(top)
    # 元/千瓦时 finds the cost sheet that prints 元/度, and 元/度 stays one word.
    assert [t.text for t in parse_query("工业电价 元/度").terms] == ["工业电价", "元/度"]
    assert searchable.search("元/千瓦时", limit=5).entries[0].title == "投资要素成本"
    # Officers 申请 what the texts have them 申报: 申请条件 finds the 申报条件 of the fund rules.
    entries = searchable.search("申请条件", limit=10).entries
    assert any("申报条件" in (t := searchable.clause(e.clauses[0].clause_key)["text"]) and "申请" not in t for e in entries)


def test_run_together_word_matches_its_parts_in_one_clause(searchable):
    # The title says 研发费用税前加计扣除比例: 研发费用加计扣除 is not printed as typed.
    number = "财政部 税务总局 科技部公告2022年第16号"
    entries = searchable.search("研发费用加计扣除 比例", limit=5).entries
    assert any(e.doc_number == number and e.match not in ("across", "partial") for e in entries)  # one clause


def test_benefit_words_ask_for_the_clauses_that_grant_that_benefit(searchable):
    assert asked(["氢能补贴"], intents()["kinds"]) == {"资金奖补"}
    assert asked(["贷款"], intents()["kinds"]) == {"金融支持"}
    assert "电价用能" in asked(["工业电价"], intents()["kinds"])
    granting = {f["clause_key"] for f in searchable.store.incentives(kind="金融支持")}
    entries = searchable.search("氢能 贷款", limit=5).entries
    assert entries[0].clauses[0].clause_key in granting


def test_a_list_mention_does_not_outrank_documents_on_the_topic(searchable):
    entries = searchable.search("氢能 补贴", limit=10).entries
    assert entries[0].title.endswith("关于促进氢能产业高质量发展的意见")
    for rank, entry in enumerate(entries):
        text = fold(searchable.clause(entry.clauses[0].clause_key)["text"])
        at = text.find("氢能")
        if entry.match == "text" and at >= 0 and "、" in text[max(0, at - 4):at + 6]:
            assert any(e.match == "across" for e in entries[:rank]), entry.title  # mention only: not on top


def test_a_question_typed_as_one_run_finds_its_topic(searchable):
    result = searchable.search("在伊金霍洛旗建厂电价多少", limit=10)
    assert "投资要素成本" in [e.title for e in result.entries]  # the cost sheet of 伊金霍洛旗 (元/度)
    # 到 joins no word (到伊金霍洛旗 is printed, but rarely): the place's own policies lead
    entries = searchable.search("到伊金霍洛旗投资有什么补贴", limit=5).entries
    assert len([e for e in entries if e.region in ("伊金霍洛旗", "鄂尔多斯市")]) >= 3
    result = searchable.search("招用高校毕业生有补贴吗", limit=10)
    assert result.entries and result.entries[0].title.startswith("鄂尔多斯市关于实施更加积极开放有效人才政策")


def test_a_question_keeps_its_one_topic_word_and_drops_lone_characters(searchable):
    # 招外国专家: 招 joins no word, 外国专家 alone is the topic (not the unsplittable run as typed).
    entries = searchable.search("招外国专家有什么补贴", limit=10).entries
    assert entries and "外国专家" in searchable.clause(entries[0].clauses[0].clause_key)["text"]
    # 钱 of 给多少钱 names nothing the texts print: the documents holding 引进 院士 lead, not a partial match.
    entries = searchable.search("引进院士给多少钱", limit=10).entries
    assert entries and entries[0].match != "partial"
    assert "院士" in searchable.clause(entries[0].clauses[0].clause_key)["text"]
    # 引进院士 is printed as one word in one document only; the documents that print 引进 … 院士
    # in one clause follow it
    assert len([e for e in entries if e.match == "text"]) >= 5
    # 能拿 asks for nothing the texts name: 企业研发投入 stays one topic beside 补助
    top = searchable.search("企业研发投入能拿多少补助", limit=5).entries
    assert top and top[0].match == "text" and "研究开发投入" in top[0].title


def test_a_printed_part_of_a_question_stays_whole_rather_than_lose_a_common_word(searchable):
    # 工业项目 is printed; split, 项目 would be left out as too common and the topic lost
    entries = searchable.search("对工业项目有什么奖励", limit=5).entries
    texts = [searchable.clause(e.clauses[0].clause_key)["text"] for e in entries]
    assert texts and all("工业" in t and "项目" in t for t in texts)


def test_a_place_name_holds_the_policies_of_that_place(searchable):
    # 投资要素成本 never prints 伊金霍洛旗: it is a 伊金霍洛旗 document.
    entries = searchable.search("伊金霍洛旗 天然气价格", limit=5).entries
    assert entries[0].title == "投资要素成本" and entries[0].match != "across"  # both words, one clause
    assert searchable.search("呼伦贝尔 绿氢", limit=5).entries[0].region == "呼伦贝尔市"


def test_an_industry_word_finds_the_clauses_about_that_industry_in_other_words(searchable):
    # 装备制造: the policy lists grant 首台（套） insurance subsidies without printing 装备制造.
    entries = searchable.search("装备制造 补贴", limit=10).entries
    other_words = [e for e in entries if "装备制造" not in e.title and e.match not in ("across", "partial") and any(
        "首台" in (t := fold(searchable.clause(c.clause_key)["text"])) and "装备制造" not in t + "".join(c.heading_path)
        for c in e.clauses)]
    assert len(other_words) >= 2  # one clause holds both words, though nothing around it prints 装备制造
    # a narrower term of the catalogue stays exact: 首台套 is not widened to every 装备 clause
    assert all("首台" in fold(searchable.clause(e.clauses[0].clause_key)["text"]) or "首台" in e.title
               for e in searchable.search("首台套", limit=10).entries)


def test_an_industry_and_land_also_find_the_land_measures_for_every_industry(searchable):
    # No clause joins 稀土 and land; the land measures granted to every industry (a land clause
    # naming no industry, in a document not about one industry) answer, beside the documents
    # that mention rare earths somewhere and land elsewhere.
    general = {f["clause_key"] for f in searchable.store.incentives(kind="用地") if not f["industries"]}
    entries = searchable.search("稀土 用地", limit=10).entries
    shown = [e for e in entries if "稀土" not in e.title and any(c.clause_key in general for c in e.clauses)]
    assert len(shown) >= 5
    assert all(e.match == "partial" for e in shown if not any("稀土" in c.snippet for c in e.clauses))
    # a kind of benefit granted per industry (money) is not widened that way
    assert intents()["general_kinds"] and "资金奖补" not in intents()["general_kinds"]


def test_a_document_holding_the_words_apart_shows_the_clause_joining_them_through_its_industry(searchable):
    # The hydrogen opinion prints 制氢 in some clauses and 贷款 in another; that clause is about
    # hydrogen (the knowledge stage marks it primary) and is what the officer asks for.
    about = searchable.store.clause_industries("hydrogen")
    entry = next(e for e in searchable.search("制氢 贷款", limit=10).entries if e.title.endswith("关于促进氢能产业高质量发展的意见"))
    text = fold(searchable.clause(entry.clauses[0].clause_key)["text"])
    assert "贷款" in text and "制氢" not in text and about.get(entry.clauses[0].clause_key) == "primary"


def test_a_word_found_nowhere_falls_back_to_the_known_words_inside_it(searchable):
    # 渔家乐 is printed nowhere; 农家乐 is: the documents holding 家乐 are shown as near matches
    result = searchable.search("渔家乐", limit=10)
    assert result.mode == "bigram" and result.entries
    assert "家乐" in fold(searchable.clause(result.entries[0].clauses[0].clause_key)["text"])
    # a word and an amount typed together: the clauses holding 奖励 (or a word it stands for, 奖补) … 200万元
    # follow the one printing them together
    reward = ("奖励", *parse_query("奖励").terms[0].variants)
    entries = searchable.search("奖励200万元", limit=10).entries
    both = [e for e in entries if "200万元" in (t := fold(searchable.clause(e.clauses[0].clause_key)["text"]).replace(" ", ""))
            and any(w in t for w in reward)]
    assert len(both) >= 5


def test_a_word_naming_a_kind_of_benefit_finds_the_clauses_granting_it_in_other_words(searchable):
    # The strategic-industry trading rules raise the new-energy share for 单晶硅/多晶硅 users (a
    # lower power price) without printing 电价; 电价 names that kind of benefit as a whole.
    granting = {f["clause_key"] for f in searchable.store.incentives(kind="电价用能")}
    entry = searchable.search("硅材料 电价", limit=5).entries[0]
    assert entry.doc_number == "内工信经运字〔2022〕405号" and entry.match != "across"
    assert entry.clauses[0].clause_key in granting and "电价" not in fold(searchable.clause(entry.clauses[0].clause_key)["text"])
    # a narrower word of that kind stays exact
    assert intents()["kind_names"].get("绿电") is None


def test_an_amount_per_unit_matches_either_order_and_a_printed_price_range(searchable):
    # The unit before or after the amount, and the price unit's synonym, are other spellings.
    assert "5000元/人" in parse_query("每人5000元").terms[0].variants
    assert "每人5000元" in parse_query("5000元/人").terms[0].variants
    variants = parse_query("0.32元/千瓦时").terms[0].variants
    assert "0.32元/度" in variants and not any("度电" in v for v in variants)
    # 每人5000元 finds a clause that prints 5000 元/人.
    entries = searchable.search("每人5000元", limit=5).entries
    assert any("5000 元/人" in searchable.clause(c.clause_key)["text"] for e in entries for c in e.clauses)
    # A value inside a printed range (0.29—0.33 元/度) finds the range, highlighted.
    result = searchable.search("0.32元/千瓦时", limit=5)
    assert result.entries and result.entries[0].title == "投资要素成本"
    clause = result.entries[0].clauses[0]
    assert any(clause.snippet[a:b].startswith("0.29") for a, b in clause.highlights)
    # A value outside every printed range finds no range.
    assert "投资要素成本" not in [e.title for e in searchable.search("9.5元/千瓦时", limit=10).entries]


def test_a_document_lacking_a_long_word_shows_its_clauses_nearest_to_it(searchable):
    # The 众创空间 rules never print 考核周期长短: of their many clauses holding 众创空间, those
    # about 考核 / 考核周期 are shown, not the first articles of the document.
    entries = searchable.search("众创空间 考核周期长短", limit=10).entries
    entry = next(e for e in entries if "众创空间管理办法" in e.title)
    assert entry.match == "partial"
    assert all("考核" in searchable.clause(c.clause_key)["text"] for c in entry.clauses)


def test_a_rare_run_of_two_words_in_a_question_splits_into_the_words(searchable):
    # 企业吸纳就业困难 is printed once, by chance: the question's words are 吸纳 and 就业困难人员,
    # and the clause granting the subsidy for hiring them leads.
    entries = searchable.search("企业吸纳就业困难人员有什么补贴", limit=10).entries
    first = searchable.clause(entries[0].clauses[0].clause_key)["text"]
    assert "就业困难人员" in first and "吸纳" in first
    assert any("就业困难人员社保补贴" in searchable.clause(c.clause_key)["text"] for e in entries for c in e.clauses)


def test_a_one_character_tax_cue_reads_titles_and_headings(searchable):
    # 税收 is also 税; a document whose title names a tax (出口退（免）税) is about 税收.
    entries = searchable.search("海外仓 税收", limit=10).entries
    assert entries and entries[0].title == "跨境电商出口海外仓出口退（免）税操作指引"
    # a single character typed alone that is no cue stays a probe for the character
    assert all(e.match != "title" for e in searchable.search("仓", limit=20).entries)


def test_words_under_one_heading_rank_above_words_scattered_over_a_document(searchable):
    # Both documents hold 重点实验室 and 奖励 in different clauses; the R&D plan holds them in
    # items of one section, the regulation in unrelated chapters.
    titles = [e.title for e in searchable.search("重点实验室 奖励", limit=20).entries]
    plan, rules = "关于营造更好环境支持科技型中小企业研发的实施方案", "乌海市促进可降解材料产业发展条例"
    assert plan in titles[:10] and (rules not in titles or titles.index(plan) < titles.index(rules))


def test_the_handbooks_own_region_in_a_question_names_no_topic(searchable):
    # every policy here applies in 内蒙古: a national rule on foreign investors answers too
    entries = searchable.search("外国投资者在内蒙古设立企业要什么手续", limit=10).entries
    assert entries and entries[0].title == "国务院关于进一步优化外商投资环境加大吸引外商投资力度的意见"


def test_a_synonym_grant_counts_nearly_as_much_as_the_typed_word(searchable):
    # the 2022 policy list grants listing rewards as 奖补 and 补贴: it stays on the first ten beside the 2024 one
    titles = [e.title for e in searchable.search("上市 奖励", limit=10).entries]
    assert any("2024年坚持稳中求进" in t for t in titles) and any("2022年坚持稳中求进" in t for t in titles)


def test_a_common_word_glued_to_a_character_of_the_question_is_split_off(searchable):
    # 企业建 is printed (企业建立…), but only because 企业 is everywhere: the topic is 研发中心 and 奖励
    entries = searchable.search("企业建研发中心有什么奖励", limit=10).entries
    first = searchable.clause(entries[0].clauses[0].clause_key)["text"]
    assert entries[0].match == "text" and "研发中心" in first and "奖励" in first


def test_a_question_word_printed_in_other_forms_is_kept_as_a_topic(searchable):
    # 招工 is printed once, but its synonyms 招聘 / 招用 often: it is a word of the question, not left out
    entries = searchable.search("招工难有没有招工补贴", limit=10).entries
    assert entries and entries[0].match != "partial"
    texts = [searchable.clause(c.clause_key)["text"] for e in entries[:5] for c in e.clauses]
    assert any(w in t for t in texts for w in ("招工", "招聘", "招用"))


def test_an_industry_split_out_of_a_run_together_word_asks_for_its_general_measures(searchable):
    # 稀土企业 is printed nowhere: 稀土 names an industry, so the tax relief granted to every
    # encouraged industry (西部大开发 15 %) answers it on the first page
    result = searchable.search("稀土企业 所得税优惠", limit=20)
    texts = ["".join(searchable.clause(h.clause_key)["text"].split()) for h in result.hits]
    assert any("对设在西部地区的鼓励类产业企业减按15%的税率征收企业所得税" in t for t in texts)


def test_filler_words_of_a_question_are_no_topic(searchable):
    # 一点 of 快一点 names nothing; 好处 is printed nowhere and holds no printed word: neither is asked for
    entries = searchable.search("项目审批能不能快一点", limit=5).entries
    assert entries and all("项目审批" in searchable.clause(e.clauses[0].clause_key)["text"] for e in entries)
    entries = searchable.search("企业搬进园区有什么好处", limit=5).entries
    assert entries and all(e.match == "text" and "园区" in searchable.clause(e.clauses[0].clause_key)["text"] for e in entries)


def test_a_place_named_in_a_question_is_kept_though_its_policies_are_many(searchable):
    # 乌海 counts every clause of its policies, more than a sixth of the handbook, yet it names
    # where the officer asks about, not a word too common to tell anything: 乌海's policies lead
    entries = searchable.search("企业落户乌海有哪些补贴", limit=10).entries
    assert [e.region for e in entries[:2]] == ["乌海市", "乌海市"]
