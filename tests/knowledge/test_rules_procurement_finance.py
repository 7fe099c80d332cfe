"""Clause-knowledge rules of the procurement / finance / aside round, checked on what the service returns
for the real sentences of the bundled sources (a fresh build), with the look-alikes beside them that
must stay out."""

from __future__ import annotations

from datetime import date

import pytest

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def facts(handbook):
    return handbook.incentives(today=TODAY)


def _fact(facts, start):
    found = [f for f in facts if f["text"].replace(" ", "").startswith(start)]
    return found[0] if found else None


@pytest.mark.parametrize("start", [
    "加大对首次投放国内市场、具有核心知识产权但暂不具备市场竞争力的重大创新产品采购力度",
    "建立符合国际规则的创新产品政府首购制度",
    "研究创新合作采购方式，通过首购订购等措施",
    "政府投资项目、使用财政性资金采购类项目、国有企事业单位采购项目",
])
def test_public_procurement_of_innovative_products_is_a_benefit_of_its_own_kind(facts, start):
    fact = _fact(facts, start)
    assert fact is not None, start
    assert fact["kind"] == "其他"


def test_green_procurement_in_general_is_no_preference_for_innovators(facts):
    assert _fact(facts, "完善政府绿色采购标准，加大绿色低碳产品采购力度") is None


def test_a_parenthetical_definition_does_not_turn_a_tax_rate_into_a_definition(facts):
    fact = _fact(facts, "对设在我市的鼓励类产业企业减按15%的税率征收企业所得税")
    assert fact is not None
    assert fact["kind"] == "税费减免"
    assert fact["amounts"] == ["15%"]  # the 60% of the definition is no amount granted


def test_no_more_tax_withheld_in_advance_is_tax_relief_with_its_unit(facts):
    fact = _fact(facts, "对个体工商户、个人独资企业、合伙企业和个人，代开货物运输业增值税发票时，不再预征个人所得税")
    assert fact is not None
    assert fact["kind"] == "税费减免"
    assert fact["responsible"] == ["国家税务总局乌海市税务局"]


def test_guiding_banks_does_not_hide_the_subsidy_or_tax_policy_of_the_sentence(facts):
    fact = _fact(facts, "强化普惠金融服务，引导金融机构加大对中小微企业")
    assert fact is not None and "1000万元" in [a.replace(" ", "") for a in fact["amounts"]]
    assert _fact(facts, "落实好天使投资、创业投资相关税收政策")["kind"] == "税费减免"
    # guiding banks or social capital with nothing granted stays out
    assert _fact(facts, "运用再贷款滚动额度，引导金融机构加大对困难行业") is None
    assert _fact(facts, "充分发挥政府投资引导作用，构建与碳达峰、碳中和相适应的投融资体系") is None


def test_support_to_regions_counts_when_it_names_guarantees_or_capital(facts):
    assert _fact(facts, "支持各地为符合条件的政府性融资担保机构进一步充实资本金")["kind"] == "金融支持"
    # a region asked to build or explore, with no benefit named, stays out
    assert _fact(facts, "支持内蒙古建设国家生态文明试验区") is None


def test_support_given_with_emphasis_is_a_grant(facts):
    assert _fact(facts, "一是对符合国家产业政策、绿色循环发展要求") is not None


def test_a_cap_on_the_reward_of_one_firm_is_the_reward_as_most_judges_read_it(facts):
    fact = _fact(facts, "单个企业主导或参与标准制定每年奖励资金不超过50万元")
    assert fact is not None and [a.replace(" ", "") for a in fact["amounts"]] == ["不超过50万元"]
    fact = _fact(facts, "申报单位同一年度获得后补助资金总额最多不超过500万元")
    assert fact is not None and [a.replace(" ", "") for a in fact["amounts"]] == ["最多不超过500万元"]
    # a cap on how often one may claim stays out
    assert _fact(facts, "每人每年享受补贴次数最多不超过三次") is None


def test_leagues_and_banners_rewarded_as_model_regions_are_beneficiaries_like_a_model_county(facts):
    for start in ("对新命名的全国“四好农村路”示范盟市和旗县（市、区），分别给予1000万元一次性激励资金",
                  "对新命名的全国“四好农村路”示范县，给予1000万元一次性激励资金"):
        fact = _fact(facts, start)
        assert fact is not None and fact["kind"] == "资金奖补", start


def test_premises_provided_to_firms_are_land_and_premises(facts):
    fact = _fact(facts, "对入驻各类孵化基地、创业园区的小微企业，提供低成本场地支持")
    assert fact is not None and fact["kind"] == "用地"
    assert fact["beneficiary"] == "小微企业"


def test_loan_relief_for_firms_named_by_the_sentence_is_finance(facts):
    fact = _fact(facts, "对受新冠肺炎疫情影响还贷困难的企业，通过续贷、展期、适当下调贷款利率等方式帮助其渡过难关")
    assert fact is not None and fact["kind"] == "金融支持"
    # banks told to keep renewing loans, with no firm granted anything, stay out
    assert _fact(facts, "指导辖内银行业金融机构继续保持小微企业信贷投放定力") is None


@pytest.mark.parametrize("start, kind", [
    ("在继续执行高速公路差异化收费政策基础上，逐步扩大试点范围", "税费减免"),
    ("实现全区范围内用电容量160千瓦及以下的小微企业用电报装“零投资”", "电价用能"),
    ("推动各类科技成果转化项目库、数据库向中小企业免费开放", "其他"),
    ("对标高新技术企业认定标准，将科技型中小企业及有研发活动的规模以上工业企业择优纳入高新技术企业培育库", "资格荣誉"),
    ("对已配置储氢罐的风光制氢项目原则上不再配置电储能", "电价用能"),
    ("风光制氢一体化项目内部输变电工程可由制氢企业建设，制氢站至主网的线路由电网公司建设", "其他"),
    ("通过后，电网企业按已验收的火电灵活性改造规模，安排对应规模的新能源并网", "指标配额"),
    ("对入选国家颠覆性技术库并实现产业化的项目给予支持", "资金奖补"),  # a table cell without a full stop
])
def test_toll_discounts_free_grid_connection_open_data_pools_and_grid_built_lines(facts, start, kind):
    fact = _fact(facts, start)
    assert fact is not None, start
    assert fact["kind"] == kind


def test_differential_tolls_only_explored_and_pools_only_set_up_stay_out(facts):
    assert _fact(facts, "继续推行高速公路差异化收费试点，在不削弱高速公路偿债能力的基础上") is None
    assert _fact(facts, "抓好小升规梯度培育，健全工业企业培育库") is None
    # a table heading without a grant is still a title
    assert _fact(facts, "边疆4G/5G基站配套补助") is None


def test_certified_operator_cultivation_and_a_kept_customs_grade_are_customs_facilitation(facts):
    for start in ("对边（跨）境经济合作区内专精特新、外贸综合服务等企业针对性开展“经认证的经营者”（AEO）培育",
                  "对在中国境内进行整体性梯度转移的外商投资企业，按照原所在地区已取得的海关信用等级实施监督"):
        fact = _fact(facts, start)
        assert fact is not None and fact["kind"] == "通关便利", start
    # helping firms improve their own management is no facilitation granted
    assert _fact(facts, "承接外商投资企业整体性梯度转移，主动帮扶企业按照海关信用管理要求健全管理机制") is None


def test_same_day_enrolment_and_permits_on_a_promise_are_talent_treatment(facts):
    for start in ("符合引进人才层次、资质的，经公示无异议后，即时办理入职手续和列编手续",
                  "对于外资研发中心聘用的海外高端人才，符合条件的可以采取告知承诺、容缺受理等方式办理工作许可"):
        fact = _fact(facts, start)
        assert fact is not None and fact["kind"] == "人才待遇", start
    # a reform that only rolls out the promise-based procedure grants nothing
    assert _fact(facts, "全面推行“证照联办”“并联审批”，落实容缺受理与告知承诺制") is None
