"""Segmentation finds each document's title block, 文号 and part headers."""

from handbook.ingest.reflow import clean_lines
from handbook.ingest.segment import segment_source
from tests.handbook.excerpts import EJIN_HORO, HULUNBUIR, WUHAI, excerpt


def segments(file, first, last):
    return segment_source(file, clean_lines(excerpt(file, first, last)))


def test_title_wrapped_over_three_lines_after_a_page_number():
    result = segments(WUHAI, 2538, 2560)
    doc = result.segments[-1]
    assert doc.title == "工业和信息化部 中国人民银行 国家金融监督管理总局 中国证监会 财政部关于开展“一链一策一批”中小微企业融资促进行动的通知"
    assert doc.number_text == "（工信部联企业函〔2023〕196号）"


def test_document_without_wen_hao_announcement_number():
    doc = segments(WUHAI, 5059, 5070).segments[-1]
    assert doc.title == "关于进一步提高科技型中小企业研发费用税前加计扣除比例的公告"
    assert "公告" in doc.number_text


def test_transmittal_notice_keeps_its_attachments():
    result = segments(WUHAI, 7808, 8093)
    assert len(result.segments) == 1
    doc = result.segments[0]
    assert doc.number_text == "（内政办发〔2024〕4号）"
    body = "".join(line.text for line in doc.body)
    assert "关于支持设施农业发展的若干措施" in body and "关于支持设施畜牧业发展的若干措施" in body


def test_part_headers_are_navigation_not_documents():
    result = segments(WUHAI, 7423, 7430)
    assert [line.text for line in result.part_headers] == ["内蒙古自治区级优惠政策"]
    assert result.segments[-1].context["part"] == "内蒙古自治区级优惠政策"
    assert result.segments[-1].title.endswith("关于实施“英才兴蒙”工程若干政策的意见")


def test_guide_reproduced_policy_with_inline_announcement_number():
    result = segments(EJIN_HORO, 6386, 6472)
    titles = [s.title for s in result.segments]
    assert "企业兼并重组主要税收优惠政策指引" in titles  # a title-only entry
    last = result.segments[-1]
    assert last.title == "关于延续西部大开发企业所得税政策的公告"
    assert last.number_text.replace(" ", "") == "财政部税务总局国家发展改革委公告2020年第23号"


def test_guide_own_chapters_follow_the_part_numbering():
    result = segments(EJIN_HORO, 1, 295)
    assert [s.title for s in result.segments] == ["伊金霍洛旗简介", "投资要素成本", "周边资源分布概况", "重点产业及招商方向"]
    assert all(s.kind == "own_chapter" for s in result.segments)


def test_rule_attached_to_a_plan_is_its_own_document():
    from tests.conftest import SOURCES

    text = (SOURCES / HULUNBUIR).read_text(encoding="utf-8")
    result = segment_source(HULUNBUIR, clean_lines(text))
    assert [s.title for s in result.segments][1] == "支持呼伦贝尔市“十五五”工业经济高质量发展财政资金使用细则"
    assert result.segments[1].attachment_of == 0


def test_rule_whose_edition_is_printed_after_the_type_word_is_its_own_document():
    # " 内蒙古自治区火电灵活性改造消纳新能源" / "实施细则 2023年修订版（试行）" follows 第十八条 of
    # the 绿色供电 rules on a new page; its edition sits on the type word's line.
    result = segments(WUHAI, 12082, 12230)
    titles = [s.title for s in result.segments]
    assert titles == [
        "内蒙古自治区工业园区绿色供电项目实施细则2023年修订版（试行）",
        "内蒙古自治区火电灵活性改造消纳新能源实施细则 2023年修订版（试行）",
    ]
    first_body = "".join(line.text for line in result.segments[0].body)
    assert first_body.endswith("按照国家政策执行。")
    assert result.segments[1].body[0].text == "第一章 总 则"
