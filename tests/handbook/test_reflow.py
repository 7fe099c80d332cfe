"""Reflow keeps every character and removes only page numbers, page marks and hard wraps."""

from handbook.ingest.reflow import clean_lines, paragraphs, wrap_width
from tests.handbook.excerpts import EJIN_HORO, WUHAI, excerpt


def test_page_number_in_mid_sentence_is_dropped_and_the_sentence_rejoined():
    text = excerpt(WUHAI, 1420, 1436)  # "— 34 —" between 推进“平安北 and 疆、智慧边防”建设。
    lines = clean_lines(text)
    assert all("34" not in line.text for line in lines)
    joined = "".join(p.text for p in paragraphs(lines, 56))
    assert "推进“平安北疆、智慧边防”建设。" in joined


def test_stray_bare_page_number_after_a_gap_is_dropped():
    text = excerpt(EJIN_HORO, 2750, 2770)  # a bare "45" after three blank lines
    assert "45" not in [line.text for line in clean_lines(text)]


def test_table_row_numbers_are_content_not_page_numbers():
    text = excerpt(WUHAI, 24786, 24800)  # 序号 1 of a task table
    assert "1" in [line.text for line in clean_lines(text)]


def test_page_break_mark_sets_page_start_and_is_not_kept():
    lines = clean_lines(excerpt(WUHAI, 36, 44))
    mark = next(line for line in lines if line.text.startswith("量。切实落实"))
    assert mark.page_start and not mark.text.startswith(" ")


def test_hard_wrapped_paragraphs_are_joined_and_headings_start_new_ones():
    text = excerpt(WUHAI, 18, 35)
    paras = paragraphs(clean_lines(text), 56)
    assert paras[0].text == "一、加快能源绿色低碳转型"
    assert paras[1].text.startswith("（一）以更大力度发展新能源。以库布其、乌兰布和、腾格里、巴丹吉林沙漠为重点")
    assert paras[1].text.endswith("联合建设运营风光基地。")
    assert paras[2].text.startswith("（二）大力推进煤炭绿色开采")


def test_one_paragraph_per_line_sources_are_not_reflowed():
    from handbook.ingest.reflow import read_source
    from tests.conftest import SOURCES

    lines = clean_lines(read_source(SOURCES / "001_d6d39994a278070f.txt"))
    assert wrap_width(lines) is None
    assert wrap_width(clean_lines(read_source(SOURCES / WUHAI))) in range(50, 62)


def test_heading_after_a_responsibility_line_opens_a_new_paragraph():
    # "责任单位：…工业和信息化厅" fills the line and has no full stop; "四、保障措施" follows.
    paras = [p.text for p in paragraphs(clean_lines(excerpt(WUHAI, 20075, 20092)), 56)]
    assert "责任单位：自治区能源局、发展改革委、工业和信息化厅" in paras
    assert "四、保障措施" in paras
    assert any(p.startswith("（一）加强组织领导。") for p in paras)


def test_short_numbered_heading_line_after_a_full_line_is_a_heading():
    paras = [p.text for p in paragraphs(clean_lines(excerpt(WUHAI, 11455, 11490)), 56)]
    assert "四、新能源发电量" in [p.split("\n")[0][:8] for p in paras] or any(p.startswith("四、新能源发电量") for p in paras)
