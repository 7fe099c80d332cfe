"""Clause-knowledge rules made general while reading text the rules had never seen (dev5/dev6 round),
on real excerpts of the sources (quoted verbatim, PDF spaces kept)."""

from __future__ import annotations

import pytest

from handbook.knowledge.incentives import IncentiveExtractor
from handbook.knowledge.vocabulary import default_vocabulary
from handbook.knowledge.windows import window


@pytest.fixture(scope="module")
def extractor():
    return IncentiveExtractor(default_vocabulary())


def test_a_target_after_a_full_stop_gives_no_window():
    # the date opens the second sentence; the first one grants nothing time-bounded
    assert window("1.光伏装机及发电量。到 2025年，光伏装机 2140万千瓦，年发电量约 360亿千瓦时；"
                  "到 2030年，光伏装机 8900万千瓦，年发电量 1500亿千瓦时。") is None
    assert window("斯启动线上公共服务平台和线下综合园区建设。到 2025 年，各综试区线上综合服务平台和线下产业园区平台功能健全。") is None
    # …but a grant that runs until then keeps it
    assert window("到 2027 年，自治区每年通过外经贸发展专项资金对符合产业政策导向的重点外资项目给予资金支持。") \
        == (None, "2027-12-31")


def test_planned_quantities_and_deadlines_of_tasks_are_no_windows():
    assert window("稳步推进棚户区改造，2023 年计划实施棚户区改造 1万套。") is None
    assert window("引导物流企业、生产企业使用集装箱、托盘等标准化物流器具进行运输，2024年底前全市使用集装箱运输周转箱达 2000箱。") is None
    # a planned budget is a measure of that year
    assert window("2023 年安排自治区重点产业发展引导基金 4 亿元，以市场化方式支持先进制造业集群和产业链重大项目，"
                  "产业基金规模力争达到 13亿元以上。") == ("2023-01-01", "2023-12-31")


def test_a_plan_period_in_a_purpose_or_a_review_of_the_past_is_no_window():
    assert window("为贯彻落实党中央、国务院决策部署，加大“十四五”期间对中医药发展的支持和促进力度，"
                  "着力推动中医药振兴发展，制定本实施方案。") is None
    assert window("“十三五”时期，我国钢铁工业深入推进供给侧结构性改革，化解过剩产能取得显著成效。") is None
    assert window("“十四五”期间，对新认定的企业给予一次性奖励。") == ("2021-01-01", "2025-12-31")


def test_a_clause_that_grants_survives_an_opening_task_or_a_trailing_target(extractor):
    facts = extractor.facts("持续优化入出境政策措施，为外商投资企业的外籍高管、技术人员本人及家属提供入出境、停居留便利。")
    assert [f.kind for f in facts] == ["人才待遇"]
    facts = extractor.facts("实施高新技术企业和科技型中小企业“双倍增”计划，对首次获批认定的高新技术企业给予 30万元科研奖补，"
                            "对连续两年入库的科技型中小企业给予 5万元科研奖补，所需资金由项目所在区从“科技兴蒙”财政预算资金中列支。")
    assert facts[0].amounts == ["30万元", "5万元"]
    assert extractor.facts("2023 年安排自治区重点产业发展引导基金 4 亿元，以市场化方式支持先进制造业集群和产业链重大项目，"
                           "产业基金规模力争达到 13亿元以上。")
    assert extractor.facts("统筹推进“双随机、一公开”监管与信用风险分类管理，对信用风险低的外商投资企业进一步降低抽查比例和频次。")


def test_the_rest_of_a_sentence_for_a_bank_an_agency_or_a_payment_grants_nothing(extractor):
    assert extractor.facts("鼓励金融机构按照风险可控、商业可持续原则，积极向实施兼并重组、布局调整、转型升级的钢铁企业提供综合性金融服务。") == []
    assert extractor.facts("开展入境游旅行商伙伴行动，为国外从事来华旅游业务人员提供课程培训和旅游信息服务。") == []
    assert extractor.facts("给予创新平台或中试平台（含中试基地）建设财政科研经费支持，严格按照《内蒙古自治区本级科技专项资金管理办法》"
                           "（内财科规〔2023〕11 号）等文件精神，坚持“集中财力、注重绩效、公开透明”的原则，经审核认定予以拨付。") == []


@pytest.mark.parametrize("text, kind", [
    ("85.已取得国有建设用地使用权的工业用地，在符合规划、不改变用途的前提下，提高土地利用率和增加容积率的，不再增收土地价款。", "用地"),
    ("第五条 市长质量奖的评选不向评审对象收取任何费用。", "税费减免"),
    ("构建科学、便捷、高效的工程建设项目审批和管理体系，取消建设工程施工图审查收费，逐步推行以政府购买服务方式开展施工图设计文件审查。", "税费减免"),
    ("独立储能电站向电网送电的，其相应充电电量不承担输配电价和政府性基金及附加。", None),
    ("第九条 自然科学奖授予在基础研究和应用基础研究中阐明自然现象、特征和规律，做出重大科学发现的个人。", "资格荣誉"),
    ("对做出特别重大的科学发现、技术发明或者创新性科学技术成果的，可以授予特等奖。", "资格荣誉"),
    ("对重大和重点外资项目，按工作需要为项目相关外方人员签发多次往返商务签证。", "人才待遇"),
])
def test_relief_honours_and_visas_are_granted(extractor, text, kind):
    facts = extractor.facts(text)
    assert len(facts) == 1
    assert kind is None or facts[0].kind == kind


@pytest.mark.parametrize("text", [
    "奖励委员会每届任期五年。",
    "提名专家、学者、组织机构提供虚假数据、材料，协助他人骗取自治区科学技术奖的，由自治区人民政府科学技术行政部门给予通报批评；",
    "2023 年计划筹集建设保障性租赁住房 1 万套。",
    "对 2021 年以来国家和自治区在道路运输领域出台的取消部分行政事业性收费政策落实情况开展核查，杜绝违规收费情况。",
])
def test_committees_penalties_housing_plans_and_checks_grant_nothing(extractor, text):
    assert extractor.facts(text) == []


def test_a_date_inside_one_grant_of_an_item_is_not_every_grant_s_window(extractor):
    from handbook.knowledge.incentives import sentences
    from handbook.knowledge.windows import sentence_window, shared_window

    text = ("（二）完善支持政策。落实峰谷分时电价政策，引导用户广泛参与智能有序充电和车网互动。2030 年前，对实行两部制电价的"
            "集中式充换电设施用电免收需量（容量）电费。鼓励地方各级政府对充电基础设施场地租金实行阶段性减免。")
    facts = extractor.facts(text, "（二）")
    shared = shared_window(sentences(text, "（二）"), {f.text for f in facts})
    windows = {f.text[:4]: sentence_window(f.text, shared) for f in facts}
    assert windows["2030"] == (None, "2030-12-31")
    assert windows["落实峰谷"] is None
    # a period printed at the head of an item holds for every grant in it
    text = ("17. 2022 年 1 月 1 日至 2024 年 12 月 31 日，将增值税小规模纳税人、小型微利企业和个体工商户纳入“六税两费”减免政策适用主体。"
            "对小型微利企业减半征收房产税。")
    facts = extractor.facts(text, "17.")
    shared = shared_window(sentences(text, "17."), {f.text for f in facts})
    assert all(sentence_window(f.text, shared) == ("2022-01-01", "2024-12-31") for f in facts)


def test_a_grant_that_opens_with_its_end_date():
    assert window("至 2025年 12月 31日，对实施两部制电价的污水处理企业、电动汽车集中式充换电设施继续实施用电免收需量（容量）电费。") \
        == (None, "2025-12-31")


@pytest.mark.parametrize("text", [
    "第六条 病残津贴所需资金由基本养老保险基金支付。",
    "经复查鉴定不符合完全丧失劳动能力的，自做出复查鉴定结论的次月起停发病残津贴。",
    "其他产业集聚区、工业功能区等根据实际情况，可参照本意见探索“标准地”改革。",
    "发布公共信息，为园区内企业和相关机构提供指导、咨询和服务。",
    "各地区根据国土空间规划实施情况、各类开发区产业发展需求和土地供应计划，按照《土地储备管理办法》有关规定编制并完善土地储备计划。",
])
def test_funding_sources_stopped_payments_scope_and_land_supply_work_grant_nothing(extractor, text):
    assert extractor.facts(text) == []


@pytest.mark.parametrize("text, amounts", [
    ("对获批国家级制造业创新中心，连续5年每年给予1000万元研发经费奖补。", ["连续5年", "1000万元"]),
    ("实施高新技术企业和科技型中小企业“双倍增”计划，对连续两年入库的科技型中小企业给予 5万元科研奖补。", ["5万元"]),
    ("参保人员累计缴费年限不足 5年的，支付 12 个月的病残津贴；", ["12 个月"]),
    ("选择在部分商业银行和试点城市开展科技企业并购贷款试点，将贷款占并购交易价款比例提高到 80%，贷款期限延长到 10年。",
     ["80%", "10年"]),
    ("37. 将自治区现行新能源汽车购置补贴政策延长至 2022年。", []),
])
def test_how_long_a_benefit_runs_is_an_amount_a_year_is_not(extractor, text, amounts):
    assert extractor.granted_amounts(text) == amounts


@pytest.mark.parametrize("text, kind", [
    ("对技艺高超、业绩突出的一线职工，进一步打破学历、资历、年龄、比例等限制，可直接认定高级工以上职业技能等级。", "资格荣誉"),
    ("参保人员累计缴费年限不足 5年的，支付 12 个月的病残津贴；", "资金奖补"),
])
def test_kinds_of_skill_grades_and_welfare_payments(extractor, text, kind):
    assert [f.kind for f in extractor.facts(text)] == [kind]


def test_customs_is_granted_as_facilitation_not_as_a_topic(extractor):
    assert extractor.facts("根据口岸通关实际情况，优化监管作业模式和作业流程，提升通关作业效率，保障边境供应链畅通。") == []
    assert len(extractor.facts("为邮轮旅游、自驾车旅游及其他涉及入出境的旅游活动提供通关保障。")) == 1


def test_an_urgent_need_binds_nobody(extractor):
    facts = extractor.facts("对未列入中央财政补贴范围、农牧民生产亟需的畜牧业机械，在自治区明确的机具范围内，按照不高于上年度平均销售价格"
                            "30%的比例测算，使用自治区财政资金定额补贴。")
    assert len(facts) == 1
