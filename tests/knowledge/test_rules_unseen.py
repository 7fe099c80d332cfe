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
