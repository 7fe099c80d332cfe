"""Clause trees, metadata and relations on the built database."""

from handbook import docnumber
from handbook.ingest.reflow import Paragraph
from handbook.ingest.structure import build_tree


def para(text, n=1):
    return Paragraph(text, n, n)


def test_clause_tree_nests_by_label_and_keys_follow_labels():
    tree = build_tree([
        para("为深入贯彻落实……，提出以下措施。"), para("一、加快能源绿色低碳转型"),
        para("（一）以更大力度发展新能源。"), para("1.规划建设大型风电光伏基地。"), para("（1）沙漠。"),
        para("二、构建绿色低碳现代产业体系"), para("（一）加快产业结构转型升级。"),
        para("内蒙古自治区人民政府"), para("2023年 6月 1日"),
    ])
    assert [c.key for c in tree] == ["intro", "s1", "s2", "sign", "sign~2"]
    assert tree[1].children[0].key == "s1.p1"
    assert tree[1].children[0].children[0].children[0].key == "s1.p1.i1.n1"
    assert tree[2].children[0].label == "（一）"


def test_responsible_unit_is_split_out():
    tree = build_tree([para("4.安排1.4亿元支持自治区种业高质量发展。〔责任单位：自治区农牧厅（乡村振兴局）、科技厅、财政厅〕")])
    assert tree[0].responsible == "自治区农牧厅（乡村振兴局）、科技厅、财政厅"
    assert tree[0].text.endswith("财政厅〕")  # the printed text is kept whole


def test_doc_number_forms_normalise_to_one():
    forms = ["国发〔2023〕16号", "国发[2023]16号", "国发〔2023〕16 号", "国发2023年16号", "国发（2023）16号"]
    assert {docnumber.normalise(f) for f in forms} == {"国发〔2023〕16号"}


def test_split_wen_hao_in_a_citation_is_found(handbook):
    doc = next(d for d in handbook.documents() if d["doc_number"] == "内党发〔2022〕24号")
    cited = {c["cited_number"] for c in handbook.store.citations(doc["id"])}
    assert {"内党发〔2018〕23号", "内党发〔2020〕16号"} <= cited


def test_known_documents_have_the_right_metadata(handbook):
    docs = {d["doc_number"]: d for d in handbook.documents(include_duplicates=True) if d["doc_number"]}
    d = docs["国发〔2023〕16号"]
    assert d["title"] == "国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见"
    assert (d["level"], d["region"], d["issuers"]) == ("national", "全国", ["国务院"])
    d = docs["内政办发〔2022〕15号"]
    assert (d["level"], d["region"]) == ("autonomous_region", "内蒙古自治区")
    assert "氢能" in d["themes"]
    d = docs["乌海政办发〔2024〕10号"]
    assert (d["level"], d["region"], d["date"]) == ("league_city", "乌海市", "2024-02-04")
    assert docs["财政部 税务总局 科技部公告2022年第16号"]["issuers"] == ["财政部", "税务总局", "科技部"]


def test_regions_and_levels_cover_every_level(handbook):
    docs = handbook.documents(include_duplicates=True)
    assert {d["region"] for d in docs} == {"全国", "内蒙古自治区", "乌海市", "鄂尔多斯市", "呼伦贝尔市", "伊金霍洛旗"}
    assert 90 <= len(docs) <= 130


def test_duplicates_are_linked_not_listed_twice(handbook):
    every = handbook.documents(include_duplicates=True)
    listed = handbook.documents()
    list_2024 = next(d for d in every if d["source"]["file"].startswith("001"))
    assert list_2024["duplicate_of"] is not None
    assert list_2024["id"] not in {d["id"] for d in listed}


def test_repealed_list_is_marked_replaced_by_the_next_year(handbook):
    old = next(d for d in handbook.documents(include_duplicates=True) if d["doc_number"] == "内政发〔2023〕3号")
    assert old["status"] == "已被替代"
    newer = handbook.document(old["repealed_by"])
    assert "2024年" in newer["title"]


def test_clause_keys_are_stable_across_rebuilds(built_db, tmp_path):
    import sqlite3

    from handbook.ingest.build import build

    again = tmp_path / "again.sqlite"
    build(again)
    keys = lambda p: [r[0] for r in sqlite3.connect(p).execute("select key from clauses order by key")]  # noqa: E731
    assert keys(built_db) == keys(again)


def test_item_label_followed_by_a_year_is_a_label():
    from handbook.ingest.reflow import clean_lines, paragraphs
    from tests.handbook.excerpts import LIST_2024, excerpt

    tree = build_tree(paragraphs(clean_lines(excerpt(LIST_2024, 110, 112)), None))
    assert [c.label for c in tree] == ["86.", "87.", "88."]
    assert tree[1].text.startswith("87.2024年安排自治区重点产业发展引导基金")


def test_the_2024_list_items_match_between_its_two_copies(handbook):
    every = handbook.documents(include_duplicates=True)
    one_per_line = next(d for d in every if d["source"]["file"].startswith("001"))
    wrapped = next(d for d in every if d["source"]["file"].startswith("000") and "2024年坚持稳中求进" in d["title"])

    def items(doc):
        rows = handbook.store.clause_rows(doc["id"])
        return {r["label"]: r["text"].replace(" ", "") for r in rows if r["label"].endswith(".")}

    a, b = items(wrapped), items(one_per_line)
    assert list(a) == list(b) == [f"{n}." for n in range(1, 111)]
    assert a["11."].endswith("市人民政府〕") and a["12."].startswith("12.支持乳制品加工企业发展精深加工")
    assert [k for k in a if a[k] != b[k]] == ["110."]  # 001 adds the 抄送 lines after its last item


def test_every_factor_cost_row_is_its_own_line(handbook):
    doc = next(d for d in handbook.documents() if d["title"] == "投资要素成本")
    rows = handbook.store.clause_rows(doc["id"])
    lines = [ln for r in rows for ln in r["text"].split("\n")[1:]]
    priced = [ln for ln in lines if any(ch.isdigit() for ch in ln)]
    assert len(priced) == 18
    assert "——工商业用气 3.06 元/立方米" in lines
    assert "第三档价格：3.09 元/立方米" in lines


def test_each_item_of_the_2023_list_is_a_clause_with_its_responsible_units(handbook):
    doc = next(d for d in handbook.documents(include_duplicates=True) if d["doc_number"] == "内政发〔2023〕3号")
    items = [r for r in handbook.store.clause_rows(doc["id"]) if r["label"].endswith(".")]
    assert [r["label"] for r in items] == [f"{n}." for n in range(1, 121)]
    assert all(r["responsible"] for r in items)
