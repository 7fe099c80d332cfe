"""Clause-knowledge rules of the strategy-document round (意见 / 方案 / 规划: long lists of tasks), checked on
what the service returns for real sentences of the bundled sources (a fresh build): the benefit written
inside a task sentence is found, the tasks, comparative promises and internal management around it stay out."""

from __future__ import annotations

from datetime import date

import pytest

TODAY = date(2026, 11, 22)
SERVICE_PLAN = "乌海市优化政务服务提升行政效能"  # a plan of service reforms for every applicant: no benefit in it


@pytest.fixture(scope="module")
def facts(handbook):
    return handbook.incentives(today=TODAY)


def _facts(facts, words):
    return [f for f in facts if words in f["text"].replace(" ", "")]


def test_pay_kept_during_a_training_period_is_talent_treatment(facts):
    found = _facts(facts, "保证培养对象培训期间的工资及福利待遇")
    assert found and all(f["kind"] == "人才待遇" for f in found)
    # national treatment of foreign firms is a principle, not pay kept for a person
    assert not _facts(facts, "保障外商投资企业国民待遇")


def test_comparative_promises_of_more_flexible_policy_are_no_benefit(facts):
    assert not _facts(facts, "薪酬分配等方面给予更灵活的政策支持")
    assert not _facts(facts, "可按照有关规定和程序采取更加灵活便利的采购方式")
    # the same plan still grants its concrete priority
    assert _facts(facts, "在重大项目建设、评选表彰等方面予以优先支持")


def test_a_task_set_for_a_named_institution_grants_nothing_unless_it_names_the_grant(facts):
    assert not _facts(facts, "中国中医科学院要深化体制机制改革")
    assert not _facts(facts, "市区政府要安排一定前期费用")
    assert _facts(facts, "地方各级政府要进一步加强充电基础设施发展要素保障")  # …因地制宜研究给予资金支持


def test_exploring_to_introduce_a_facility_is_no_grant_of_it(facts):
    assert not _facts(facts, "在冷链物流领域探索推行“一照多址”")
    assert _facts(facts, "探索建立海外人才直接认定机制")  # …经综合评估可认定为市级高层次人才


def test_budget_management_and_guided_social_capital_grant_nothing(facts):
    assert not _facts(facts, "加强项目统筹规划和预算申报管理，避免资金安排分散重复，优先保障重大专项和重点项目")
    assert not _facts(facts, "指导和鼓励社会资本设立中医药“一带一路”发展基金")
    # directing the leagues to pay a subsidy out of their share still grants it
    assert _facts(facts, "指导各盟市运用中央下达自治区出租车、农村客运行业油价补助资金")


def test_service_reforms_and_staff_awards_of_a_service_plan_are_no_benefit(handbook, facts):
    plan = [d for d in handbook.documents() if SERVICE_PLAN in d["title"]]
    assert plan and plan[0]["status"] == "现行有效"  # the plan is live: its sentences would show if taken
    assert not _facts(facts, "完善窗口人员激励机制，建立健全窗口人员培养使用、绩效考核、表彰奖励等制度")
    assert not _facts(facts, "提供“绿色通道、预约上门、双语”等人性化服务")
    assert not _facts(facts, "脱贫享受政策人员、脱贫不享受政策人员信息")
    # a green channel granted by a policy of its own stays a benefit
    assert _facts(facts, "严格落实鲜活农产品运输“绿色通道”政策")


def test_the_power_to_evaluate_titles_granted_to_a_body_is_a_qualification(facts):
    found = _facts(facts, "支持国家中医药传承创新中心按照有关规定自主开展职称评审")
    assert found and found[0]["kind"] == "资格荣誉"
    # a fast lane for persons applying for a title stays talent treatment
    person = _facts(facts, "开辟高层次人才和特殊人才职称评审“绿色通道”")
    assert person and person[0]["kind"] == "人才待遇"
