"""What the printed booklet looks like to a reader and to a print shop's preflight."""

from __future__ import annotations

import errno
import re
import subprocess
import sys

import pytest

from handbook.errors import GuideError
from handbook.guide import Quote, compose, render
from tests.conftest import ROOT

NO_LINE_START = "，。、；：？！）」』》〉】〕”’"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdftext(path, *args) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def body_text(path) -> str:
    """Page bodies only (header and footer cropped), so a clause split by a page break reads on."""
    return pdftext(path, "-x", "0", "-y", "45", "-W", "595", "-H", "750")


def test_every_font_is_embedded_and_the_metadata_says_who_and_which_language(hydrogen_pdf):
    path, _ = hydrogen_pdf
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(line.split()[-5] == "yes" for line in rows), fonts  # emb
    assert "Helvetica" not in fonts
    assert any("NotoSerif" in r for r in rows) and any("NotoSans" in r and "Bold" in r for r in rows)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Author:\s+伊金霍洛旗招商服务中心$", info, re.M)
    assert b"/Lang (zh-CN)" in path.read_bytes()


def test_pdf_text_gives_back_every_quoted_clause(hydrogen, hydrogen_pdf):
    path, _ = hydrogen_pdf
    text = squash(body_text(path))
    missing = [q.key for q in hydrogen.quotes() if squash(q.text) not in text]
    assert not missing


def test_sections_contents_and_outline(hydrogen_pdf):
    path, result = hydrogen_pdf
    pages = pdftext(path).split("\f")
    toc = dict(re.findall(r"^(\S.*?)[ .]+(\d+)$", pages[1], re.M))
    for title in ("一、地区概况", "二、投资要素成本", "四、扶持政策一览", "五、通用政策", "六、相关政策原文", "七、附录"):
        assert title in toc, toc
    for level, title, page in result["outline"]:
        if level > 0:  # 金融支持 is both a kind (扶持政策一览) and a topic (通用政策)
            continue
        body = pages[page - 1]
        assert title in body.replace(" ", "") or title in body, (title, page)
        if title in toc:
            assert int(toc[title]) == page
    assert len(pages) - 1 == result["pages"]
    assert f"第 {result['pages']} 页 / 共 {result['pages']} 页" in pages[-2]
    cover = squash(pages[0])
    assert "印制日期：2026年11月21日" in cover and "资料更新" in cover and "截至" not in cover


def test_the_appendix_lists_cited_documents_and_full_unit_lists(hydrogen, hydrogen_pdf):
    path, _ = hydrogen_pdf
    text = squash(body_text(path))
    appendix = text[text.rindex("引用文件目录"):]
    assert "内政办发〔2022〕15号" in appendix and "财政部税务总局国家发展改革委公告2020年第23号" in appendix
    assert "责任单位全称" in appendix
    longest = max(hydrogen.long_unit_lists(), key=lambda r: len(r.responsible))
    assert squash("、".join(longest.responsible)) in appendix


def test_source_tables_print_as_tables(hb, tmp_path):
    guide = compose(hb, "乳业", "呼伦贝尔市")
    fund = next(e for entries in guide.policies.values() for e in entries if "财政资金使用细则" in e.doc["title"])
    table = next(q.table for q in fund.clauses if q.table)
    assert table[0] == ["支持类别", "具体事项", "支持依据/理由"] and len(table) >= 5
    path = tmp_path / "dairy.pdf"
    render(guide, path, "A5")
    layout = pdftext(path, "-layout")
    assert re.search(r"支持类别\s{2,}具体事项\s{2,}支持依据/理由", layout)


@pytest.mark.parametrize("industry,region,size", [("乳业", "呼伦贝尔市", "A5"), ("现代煤化工", "乌海市", "A4"),
                                                  ("新型储能", "鄂尔多斯市", "A4")])
def test_line_starts_regions_and_document_numbers(hb, tmp_path, industry, region, size):
    path = tmp_path / f"{industry}.pdf"
    render(compose(hb, industry, region), path, size)
    layout = pdftext(path, "-layout")
    bad = [ln for ln in layout.splitlines() if ln.strip() and ln.strip()[0] in NO_LINE_START]
    assert not bad, bad[:3]
    text = squash(body_text(path))
    assert "一、地区概况" in text and f"行政层级：全国→内蒙古自治区→{region}" in text
    broken = re.findall(r"〔\d{4}〕\d*\n\d*号", pdftext(path))
    assert not broken, broken[:3]
    if size == "A5":
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        assert "419.528 x 595.276 pts" in info


def test_markup_characters_in_a_clause_do_not_break_the_layout(hydrogen, tmp_path):
    entry = next(iter(hydrogen.policies.values()))[0]
    entry.clauses.append(Quote("x:1", "", "若 A<B 且 C>D & E，仍照常显示 <b>不是粗体</b>", None, "测试"))
    try:
        path = tmp_path / "markup.pdf"
        render(hydrogen, path)
        assert "若A<B且C>D&E，仍照常显示<b>不是粗体</b>" in squash(body_text(path))
    finally:
        entry.clauses.pop()


def test_a_failed_save_leaves_the_earlier_file_intact(hydrogen, tmp_path, monkeypatch):
    path = tmp_path / "guide.pdf"
    path.write_bytes(b"%PDF earlier version")
    import handbook.fileio as fileio

    def full_disk(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio.os, "replace", full_disk)
    with pytest.raises(GuideError, match="磁盘空间不足"):
        render(hydrogen, path)
    assert path.read_bytes() == b"%PDF earlier version"
    assert [p.name for p in tmp_path.iterdir()] == ["guide.pdf"]  # no temp file left behind


def test_cli_industries_and_guide(tmp_path):
    out = subprocess.run([sys.executable, "-m", "handbook", "industries", "--json"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0 and len(__import__("json").loads(out.stdout)) >= 15
    pdf = tmp_path / "g.pdf"
    out = subprocess.run([sys.executable, "-m", "handbook", "guide", "--industry", "氢能", "--region", "伊金霍洛旗",
                          "--page-size", "A5", "--levels", "自治区级,旗县级", "-o", str(pdf), "--quiet"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert pdf.read_bytes()[:4] == b"%PDF" and "页" in out.stderr
    bad = subprocess.run([sys.executable, "-m", "handbook", "guide", "--industry", "火箭", "--region", "伊金霍洛旗",
                          "-o", str(tmp_path / "x.pdf")], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.startswith("错误：") and not (tmp_path / "x.pdf").exists()


def test_a_rare_character_typed_by_the_user_is_printed_not_boxed(hb, tmp_path):
    rare = "亍"  # GB2312 level 2: outside the print subsets, inside the WenQuanYi face
    from handbook.guide.fonts import SERIF, covers, register_fonts

    register_fonts()
    assert not covers(SERIF, rare)
    path = tmp_path / "rare.pdf"
    render(compose(hb, "氢能", "伊金霍洛旗", organisation=f"彳{rare}招商中心", sections=("profile",)), path)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYi" in fonts and all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])
    assert f"彳{rare}招商中心" in squash(pdftext(path))
