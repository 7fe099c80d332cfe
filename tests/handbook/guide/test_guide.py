"""Investment guides: what is selected and quoted, and what the PDF looks like to a reader."""

from __future__ import annotations

import errno
import re
import subprocess
import sys

import pytest

from handbook.errors import GuideError
from handbook.guide import Quote, compose, render
from handbook.industries import default_catalogue
from tests.conftest import ROOT

NO_LINE_START = "，。、；：？！）」』》〉】〕”’"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def hydrogen(handbook):
    return compose(handbook, "氢能", "伊金霍洛旗", organisation="伊金霍洛旗招商服务中心", contact="0477-1234567")


@pytest.fixture(scope="module")
def hydrogen_pdf(hydrogen, tmp_path_factory):
    path = tmp_path_factory.mktemp("guide") / "hydrogen.pdf"
    return path, render(hydrogen, path)


def test_catalogue_has_the_industries_of_the_sources():
    names = [i.name for i in default_catalogue().industries]
    assert len(names) >= 15
    for wanted in ("风电", "光伏", "氢能", "新型储能", "乳业", "文化旅游", "低空经济", "可降解材料"):
        assert wanted in names


def test_hydrogen_guide_selects_the_hydrogen_policies(hydrogen, handbook):
    docs = {e.doc["doc_number"] or e.doc["title"]: e for entries in hydrogen.policies.values() for e in entries}
    assert "内政办发〔2022〕15号" in docs and docs["内政办发〔2022〕15号"].whole_document
    assert any("风光制氢一体化项目实施细则" in t for t in docs)
    lists = [e for t, e in docs.items() if "2024年坚持稳中求进" in t]
    assert lists and all("氢" in q.text for q in lists[0].clauses)
    assert "国发〔2023〕16号" in docs and all("氢" in q.text for q in docs["国发〔2023〕16号"].clauses)
    assert any(q.text.startswith("——氢能产业链：") for q in hydrogen.chain)
    regions = {e.doc["region"] for entries in hydrogen.policies.values() for e in entries}
    assert regions <= {"伊金霍洛旗", "鄂尔多斯市", "内蒙古自治区", "全国"}
    assert all(e.doc["status"] == "现行有效" for entries in hydrogen.policies.values() for e in entries)


def test_no_dairy_or_tourism_clause_in_a_hydrogen_guide(hydrogen):
    cat = default_catalogue()
    dairy, tourism, h2 = cat.find("乳业"), cat.find("文化旅游"), cat.find("氢能")
    for q in hydrogen.quotes() + hydrogen.chain:
        if dairy.matches(q.text) or tourism.matches(q.text):
            assert h2.matches(q.text), q.text[:80]


def test_every_quote_is_the_stored_clause_and_every_incentive_is_cited(hydrogen, handbook):
    for q in hydrogen.quotes() + hydrogen.chain + hydrogen.profile:
        assert handbook.clause(q.key)["text"] == q.text
    assert hydrogen.incentives
    quotes = {q.key: q for q in hydrogen.quotes()}
    for row in hydrogen.incentives:
        assert row.citation and row.measure in quotes[row.clause_key].text.replace("\n", "")
        assert all(part.replace(" ", "") in row.measure.replace(" ", "") for part in row.amount.split("；"))


def test_factor_costs_are_taken_as_printed(hydrogen):
    rows = {(c.category, c.item): c.price for c in hydrogen.costs}
    assert rows[("工业用地价格", "参考价格")] == "20-25 万元/亩"
    assert any(cat == "电价" for cat, _ in rows)


def test_a_region_the_sources_do_not_describe_gets_no_profile(handbook):
    guide = compose(handbook, "氢能", "乌海市")
    assert not guide.profile and not guide.costs and not guide.chain
    assert "伊金霍洛旗" not in {e.doc["region"] for entries in guide.policies.values() for e in entries}


def test_levels_and_unknown_choices(handbook):
    guide = compose(handbook, "氢能", "伊金霍洛旗", levels=["国家级"])
    assert set(guide.policies) == {"national"}
    with pytest.raises(GuideError, match="产业"):
        compose(handbook, "火箭", "伊金霍洛旗")
    with pytest.raises(GuideError, match="地区"):
        compose(handbook, "氢能", "火星")


def pdftext(path, *args) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def body_text(path) -> str:
    """Page bodies only (header and footer cropped), so a clause split by a page break reads on."""
    return pdftext(path, "-x", "0", "-y", "45", "-W", "595", "-H", "750")


def test_pdf_embeds_the_cjk_font(hydrogen_pdf):
    path, _ = hydrogen_pdf
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "WenQuanYiMicroHei" in line]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk)  # emb


def test_pdf_text_gives_back_every_quoted_clause(hydrogen, hydrogen_pdf):
    path, _ = hydrogen_pdf
    text = squash(body_text(path))
    missing = [q.key for q in hydrogen.quotes() if squash(q.text) not in text]
    assert not missing


def test_toc_and_outline_point_to_the_real_pages(hydrogen_pdf):
    path, result = hydrogen_pdf
    pages = pdftext(path).split("\f")
    toc = dict(re.findall(r"^(\S.*?)[ .]+(\d+)$", pages[1], re.M))
    assert "一、地区概况" in toc and "五、相关政策条款" in toc
    for level, title, page in result["outline"]:
        if level > 1:
            continue
        body = pages[page - 1]
        assert title in body.replace(" ", "") or title in body, (title, page)
        if title in toc:
            assert int(toc[title]) == page
    assert len(pages) - 1 == result["pages"]
    assert f"第 {result['pages']} 页 / 共 {result['pages']} 页" in pages[-2]


def test_no_line_starts_with_closing_punctuation(handbook, tmp_path, hydrogen_pdf):
    paths = [hydrogen_pdf[0]]
    for industry, region, size in (("乳业", "呼伦贝尔市", "A5"), ("文化旅游", "乌海市", "A4")):
        path = tmp_path / f"{industry}.pdf"
        render(compose(handbook, industry, region), path, size)
        paths.append(path)
    for path in paths:
        bad = [ln for ln in pdftext(path, "-layout").splitlines() if ln.strip() and ln.strip()[0] in NO_LINE_START]
        assert not bad, (path.name, bad[:3])
    info = subprocess.run(["pdfinfo", str(paths[1])], capture_output=True, text=True).stdout
    assert "419.528 x 595.276 pts" in info  # A5


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
    import handbook.fileio as pdfkit

    def full_disk(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pdfkit.os, "replace", full_disk)
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
