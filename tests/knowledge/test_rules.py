"""Each clause-knowledge rule on real sentences of the sources (quoted verbatim)."""

from __future__ import annotations

from datetime import date

import pytest

from handbook.industries import default_catalogue
from handbook.knowledge.duty import responsible_in
from handbook.knowledge.incentives import IncentiveExtractor
from handbook.knowledge.relevance import RelevanceJudge
from handbook.knowledge.roles import role_of
from handbook.knowledge.validity import document_validity, effective_status, window
from handbook.knowledge.vocabulary import default_vocabulary


@pytest.fixture(scope="module")
def extractor():
    return IncentiveExtractor(default_vocabulary())


@pytest.fixture(scope="module")
def judge():
    return RelevanceJudge(default_catalogue().industries)


def test_an_obligation_with_a_percentage_is_not_an_incentive(extractor):
    # 风光制氢一体化项目实施细则 第八条: what the project must build, not what it gets.
    text = ("第八条 风光制氢一体化项目需配置电储能，调峰能力原则上不低于新能源规模的 15%，时长不低于 4小时。"
            "储氢设施容量大于 4小时制氢能力的，可根据需要相应降低电储能配置要求。")
    assert extractor.facts(text, "第八条") == []
    assert role_of(text, "article", "第八条", False, default_vocabulary()) == "obligation"


def test_a_cap_on_the_applicant_is_not_an_incentive(extractor):
    text = "风光制氢一体化项目年净上网电量不超过年新能源总发电量的 20%，上网电价按照国家、自治区出台的电价政策执行。"
    assert not any("20%" in f.amounts for f in extractor.facts(text))


def test_a_target_is_not_an_incentive(extractor):
    text = "到2025年建成光伏装机 450万千瓦，到 2030年达到 1200万千瓦。"
    assert extractor.facts(text) == []
    assert role_of(text, "paragraph", "", False, default_vocabulary()) == "target"


def test_list_item_with_its_responsible_line(extractor):
    text = ("10.推进国产优质苜蓿提质增产，对集中连片标准化种植500亩以上且与养殖场（户）签订饲草购销合同的种植企业"
            "（合作社、种植户）分3年共给予每亩1000元补贴。〔责任单位：自治区农牧厅（乡村振兴局）、财政厅〕")
    units = responsible_in(text)
    facts = extractor.facts(text, "10.", units)
    assert len(facts) == 1
    fact = facts[0]
    assert fact.amounts == ["每亩1000元"]  # 500亩以上 is a condition, not an amount
    assert fact.responsible == ["自治区农牧厅（乡村振兴局）", "财政厅"]
    assert fact.kind == "资金奖补"
    assert "责任单位" not in fact.text


def test_amount_per_person_per_month_and_share(extractor):
    text = ("企业自行接收大学生实习超过3个月的，按照实际支付实习大学生生活补贴的 50%给予用人单位补贴，"
            "每人每月补贴不超过 1500 元，最长补贴 6 个月。")
    (fact,) = extractor.facts(text)
    assert fact.amounts[0] == "按照实际支付实习大学生生活补贴的 50%"
    assert "不超过 1500 元" in fact.amounts
    assert "6 个月" in fact.amounts
    assert "3个月" not in fact.amounts  # the internship length is a condition


def test_duty_line_with_lead_and_partner_units():
    text = "（三）对使用生鲜乳进行喷粉……给予补贴。〔自治区农牧厅（乡村振兴局）牵头负责，自治区农牧业科学院、内蒙古农业大学配合〕"
    assert responsible_in(text) == "自治区农牧厅（乡村振兴局），自治区农牧业科学院、内蒙古农业大学"


def test_non_monetary_benefit_counts(extractor):
    text = "并网型风光制氢一体化项目自发自用电量暂不征收系统备用费和政策性交叉补贴。"
    (fact,) = extractor.facts(text)
    assert fact.kind == "电价用能" and fact.amounts == []


def test_passing_mention_in_a_list_of_sectors(judge):
    listed = ("聚焦“风光氢储车”、现代煤化工、装备制造、商贸物流、农畜产品、文化旅游等十大产业链引进高端人才，"
              "采取“一事一议”的方式分别给予最高5000 万元、3000 万元、1000 万元平台建设及项目经费支持。")
    about = "优先在包头市、鄂尔多斯市开展“风光储+氢”“源网荷储+氢”等新能源制氢示范，推动新能源制氢规模化发展。"
    assert judge.judge(listed, [], "伊金霍洛旗支持引进新能源新材料产业人才政策", False).get("hydrogen") == "passing"
    assert judge.judge(about, [], "", False)["hydrogen"] == "primary"


def test_a_clause_inherits_its_topic_from_heading_and_title(judge):
    # 第四条 of the green-power rules never says 绿色供电, yet it is about the industry of its title.
    rel = judge.judge("第四条 工业园区应在内蒙古自治区工业园区审核公告目录内。", ["第二章 申报条件"],
                      "内蒙古自治区风光制氢一体化项目实施细则2023年修订版（试行）", False)
    assert rel["hydrogen"] == "primary"


def test_validity_computed_from_on_issue_and_years():
    v = document_validity("内蒙古自治区人民政府办公厅关于推动电子商务加快发展若干措施的通知", "",
                          "（内蒙古税务局负责）\n本措施自印发之日起，有效期 3年，措施涉及奖补条款执行", "内政办发〔2022〕22号", None)
    assert v.effective == "on_issue"
    assert v.valid_until == "2025-12-31" and v.valid_until_source == "upper_bound"
    assert effective_status({"status": "现行有效", "valid_until": v.valid_until}, date(2026, 11, 21)) == "已到期"
    assert effective_status({"status": "现行有效", "valid_until": v.valid_until}, date(2025, 6, 1)) == "现行有效"


def test_effective_date_and_validity_years():
    v = document_validity("某某管理办法", "", "第三十条 本办法自2024年3月1日起施行，有效期5年。", None, None)
    assert (v.effective, v.valid_until, v.valid_until_source) == ("2024-03-01", "2029-02-28", "computed")


def test_draft_and_trial_and_number_year():
    draft = document_validity("高质量发展实施方案（征求意见稿）", "", "", None, None)
    assert draft.draft and draft.year is None
    trial = document_validity("内蒙古自治区风光制氢一体化项目实施细则2023年修订版（试行）", "", "", None, None)
    assert trial.trial and (trial.year, trial.year_source) == (2023, "title")
    numbered = document_validity("关于推动全区风电光伏新能源产业高质量发展的意见", "", "", "内政办发〔2022〕19号", None)
    assert (numbered.year, numbered.year_source) == (2022, "doc_number")


def test_window_of_a_time_bounded_measure():
    assert window("一、自 2021 年 1 月 1 日至 2030 年 12 月 31 日，对设在西部地区的鼓励类产业企业减按 15%的税率征收企业所得税。") \
        == ("2021-01-01", "2030-12-31")
    assert window("阶段性降低失业保险费率至 1%的政策延续实施一年，执行期限至 2025 年 12 月 31 日。") == (None, "2025-12-31")
    # a period inside a cited title belongs to the cited document
    assert window("抓好《内蒙古自治区促进养老托育服务健康发展的实施方案（2021—2025年）》落实工作。") is None


def test_issuers_inferred_from_the_interpretation_clause():
    from handbook.knowledge.issuers import inferred_issuers

    assert inferred_issuers("内蒙古自治区高新技术企业奖补实施细则", "第十四条 本实施细则由自治区科技厅、财政厅负责解释。") \
        == ["自治区科技厅", "财政厅"]
    assert inferred_issuers("支持呼伦贝尔市“十五五”工业经济高质量发展财政资金使用细则",
                            "5.本细则最终解释权归呼伦贝尔市工业和信息化局所有；") == ["呼伦贝尔市工业和信息化局"]
    assert inferred_issuers("乌海市第十届人民代表大会常务委员会公告", "") == ["乌海市第十届人民代表大会常务委员会"]


def test_windows_of_plan_periods_and_year_ends():
    assert window("“十四五”期间，对新认定的企业给予一次性奖励。") == ("2021-01-01", "2025-12-31")
    assert window("将税收优惠政策执行时限延长至2025年底。") == (None, "2025-12-31")
    assert window("补贴政策实施至2024年6月底。") == (None, "2024-06-30")
