"""Reflow keeps every character and removes only page numbers, page marks and hard wraps."""

import re

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


def texts(file, first, last, width):
    return [p.text for p in paragraphs(clean_lines(excerpt(file, first, last)), width)]


def test_item_after_a_closed_responsibility_bracket_starts_a_new_paragraph():
    # 2024 list, 000's copy: "…市人民政府〕" fills its line and "12." follows on the next.
    paras = texts(WUHAI, 9787, 9805, 56)
    assert paras[0].startswith("11.支持乳制品加工企业扩大加工量")
    assert paras[0].endswith("财政厅，各盟行政公署、市人民政府〕")
    assert paras[1].startswith("12.支持乳制品加工企业发展精深加工")


def test_heading_after_a_duty_bracket_starts_a_new_paragraph():
    # "…国网蒙东电力公司按职责分工负责〕" / "（六）实施充电基础设施消纳新能源试点…"
    paras = texts(WUHAI, 8605, 8620, 56)
    assert paras[0].endswith("按职责分工负责〕")
    assert paras[1].startswith("（六）实施充电基础设施消纳新能源试点")


def test_list_items_printed_on_one_run_are_split_at_their_labels():
    # 2023 list: "（一）增强粮食综合生产能力。1.实施…", "…（责任单位：…）2.实施…" run on.
    lines = clean_lines(excerpt(WUHAI, 12875, 12925))
    paras = paragraphs(lines, 56)
    labels = [re.match(r"^(（.）|\d+\.)", p.text).group(1) for p in paras]
    assert labels[:10] == ["（一）", "1.", "2.", "3.", "（二）", "4.", "5.", "6.", "（三）", "7."]
    assert paras[0].text == "（一）增强粮食综合生产能力。"
    assert paras[1].text.endswith("（责任单位：自治区农牧厅、财政厅）")
    assert paras[4].text == "（二）实施种业振兴行动。"
    assert paras[4].first_line == paras[5].first_line  # both printed on one line, cited as such
    assert "".join(p.text for p in paras) == "".join(line.text for line in lines)


def test_a_sentence_with_an_inline_enumeration_is_not_split():
    paras = paragraphs([clean_lines("注：1.乳制品高端化转型补贴针对乳脂类产品；2.同一项目不重复享受补助。")[0]], None)
    assert len(paras) == 1


def test_table_row_numbers_start_new_rows():
    # The 物流 task table: "…物流企业。 市发展和改革委员会" is full, row "3" follows; row "12 …" follows
    # "…成本。 各区人民政府，市商务局"; row 11 is repeated at the top of the next page.
    paras = texts(WUHAI, 24860, 24875, 56)
    assert "2025年底前培育超过 4家 3A级以上物流企业。 市发展和改革委员会" in paras and "3" in paras
    paras = texts(WUHAI, 24780, 25540, 56)
    assert "12 完善 BDO物流服务功能" in paras
    assert paras.count("11 引导电商物流做大做强") == 2


def test_numbered_sub_rows_of_a_target_table_stay_apart():
    paras = texts(WUHAI, 11500, 11506, 56)
    assert paras[-3:] == ["6.1 新能源及相关产业投资（亿元） 5000 9500 15000", "6.2 新能源产业对 GDP贡献率 7% 10% 15%", "三、重点举措"]
