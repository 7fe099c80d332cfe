"""Industry relevance rules on real excerpts (quoted verbatim from the sources)."""

from __future__ import annotations

import pytest

from handbook.industries import default_catalogue
from handbook.knowledge.relevance import RelevanceJudge


@pytest.fixture(scope="module")
def judge():
    return RelevanceJudge(default_catalogue().industries)


def test_a_lead_in_names_what_the_line_is_about_even_in_a_preamble(judge):
    text = ("——风电产业链：以远景、隆基、金风科技等龙头企业为目标，重点围绕叶片、发电机、树脂等风电上下游核心零部件企业"
            "开展全产业链招商。")
    assert judge.judge(text, [], "", True)["wind"] == "primary"


def test_a_cited_title_only_mentions_the_industry(judge):
    text = ("第一条 为落实《内蒙古自治区人民政府办公厅关于推动全区风电光伏新能源产业高质量发展的意见》（内政办发〔2022〕19 号）"
            "有关规定，推动燃煤电厂火电灵活性制造改造，增加新能源消纳能力，制定本细则。")
    assert judge.judge(text, ["第一章 总 则"], "燃煤电厂火电灵活性改造实施细则", False).get("solar") == "passing"


def test_the_last_item_of_a_list_ends_where_the_common_noun_starts(judge):
    text = ("9.加大融资担保力度。按市场化原则对符合条件的交通运输、餐饮、住宿、旅游行业民间投资项目提供融资担保支持，"
            "扩大民营企业融资担保业务规模。")
    assert judge.judge(text, [], "", False).get("tourism") == "passing"
