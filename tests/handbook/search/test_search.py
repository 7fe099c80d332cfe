"""Search as the officer uses it: relevance, 文号, Chinese words, highlights, filters, odd input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from handbook.errors import QueryError
from handbook.search.analysis import fold
from handbook.service import Handbook
from tests.conftest import ROOT

RELEVANCE = json.loads((ROOT / "tests" / "handbook" / "relevance_queries.json").read_text(encoding="utf-8"))["queries"]


def docs_named(handbook, fragment):
    return {d["id"] for d in handbook.documents() if fragment in (d["doc_number"] or "") or fragment in d["title"]}


def test_relevance_set_recall_at_10(searchable):
    assert len(RELEVANCE) >= 40
    found, total, misses = 0, 0, []
    for case in RELEVANCE:
        filters = {k: v for k, v in (case.get("filters") or {}).items() if v}
        top10 = {e.doc_id for e in searchable.search(case["query"], limit=10, **filters).entries}
        for fragment in case["expect"]:
            wanted = docs_named(searchable, fragment)
            assert wanted, f"relevance set names a document that does not exist: {fragment}"
            total += 1
            if wanted & top10:
                found += 1
            else:
                misses.append((case["query"], fragment))
    assert found / total >= 0.9, misses


@pytest.mark.parametrize("typed", ["国发〔2023〕16号", "国发[2023]16号", "国发〔2023〕16 号", "国发2023年16号", "国发（2023）16号"])
def test_doc_number_in_any_form_puts_its_document_first(searchable, typed):
    result = searchable.search(typed)
    assert result.entries[0].doc_number == "国发〔2023〕16号"
    assert result.entries[0].match == "doc_number"
    assert sum(e.doc_number == "国发〔2023〕16号" for e in result.entries) == 1  # the document is one entry


def test_doc_number_then_every_document_citing_it_with_the_citing_clause(searchable):
    result = searchable.search("内政办发〔2022〕19号", limit=10)
    first, *rest = result.entries
    assert first.doc_number == "内政办发〔2022〕19号" and len(first.clauses) == 1
    citing = [e for e in rest if e.match == "citation"]
    assert len(citing) >= 3 and rest[:len(citing)] == citing  # right below the document itself
    expected = {c["doc_id"] for c in searchable.cited_by(first.doc_id)}
    assert expected <= {e.doc_id for e in citing}
    for entry in citing:
        assert entry.clauses and entry.doc_id != first.doc_id
    every = searchable.search("内政办发〔2022〕19号", limit=500)
    assert every.total == len(every.entries)  # the whole list is reachable


def test_unknown_doc_number_says_so(searchable):
    result = searchable.search("国发〔2099〕99号")
    assert "没有文号为" in result.message and not result.hits


@pytest.mark.parametrize("word", ["储能", "奶酪", "稀土", "绿电", "标准地", "专精特新"])
def test_short_words_and_compounds_are_found_and_highlighted_exactly(searchable, word):
    hits = searchable.search(f'"{word}"', limit=50, flat=True).hits
    assert hits
    for hit in hits:
        assert word in context(searchable, hit)
        for start, end in hit.highlights:
            assert fold(hit.snippet[start:end]) == word


def test_two_char_word_is_not_matched_across_its_characters(searchable):
    # 标准地 must not match 标准 … 地 apart.
    for hit in searchable.search("标准地", limit=100, flat=True).hits:
        assert "标准地" in context(searchable, hit)


def test_compound_word_found_inside_a_longer_word(searchable):
    hits = searchable.search('"专精特新"', limit=100, flat=True).hits
    assert any("专精特新贷" in searchable.clause(h.clause_key)["text"] for h in hits) or not any(
        "专精特新贷" in c["text"] for c in searchable.store.clause_rows())


def context(handbook, hit) -> str:
    """What a clause is matched against: its text, its heading path and its document title."""
    return fold(handbook.clause(hit.clause_key)["text"] + "".join(hit.heading_path) + hit.title).replace(" ", "")


def test_several_words_mean_all_of_them_in_the_clause_or_its_context(searchable):
    result = searchable.search("光伏 治沙 绿电", limit=50)
    assert result.mode == "and"
    matches = [e.match for e in result.entries]
    whole = [e for e in result.entries if e.match in ("text", "heading", "title")]
    assert whole and matches[:len(whole)] == [e.match for e in whole]  # complete matches come first
    for entry in whole:
        for hit in entry.clauses:
            text = context(searchable, hit)
            assert all(w in text for w in ("光伏", "治沙")) and ("绿电" in text or "绿色电力" in text)


def test_and_falls_back_to_ranked_or_with_a_notice(searchable):
    result = searchable.search("氢能 火星移民")
    assert result.mode == "or" and result.hits and "部分词语" in result.message


def test_synonyms_widen_but_rank_the_typed_word_first(searchable):
    hits = searchable.search("太阳能", limit=50, flat=True).hits
    texts = [searchable.clause(h.clause_key)["text"] for h in hits]
    assert any("光伏" in t and "太阳能" not in t for t in texts)  # found through the synonym
    assert "太阳能" in texts[0]


def test_quoted_phrase_is_exact_and_not_widened(searchable):
    for hit in searchable.search('"扶持资金"', limit=50, flat=True).hits:
        assert "扶持资金" in context(searchable, hit)


def test_excluded_word(searchable):
    hits = searchable.search("氢能 -重卡", limit=50, flat=True).hits
    assert hits and all("重卡" not in searchable.clause(h.clause_key)["text"] for h in hits)


def test_region_filter_includes_the_regions_above(searchable):
    hits = searchable.search("人才", region="伊金霍洛旗", limit=100).hits
    regions = {h.region for h in hits}
    assert regions <= {"伊金霍洛旗", "鄂尔多斯市", "内蒙古自治区", "全国"}
    assert {"伊金霍洛旗", "全国"} <= regions
    assert not {h.region for h in searchable.search("人才", region="乌海市", limit=100).hits} & {"伊金霍洛旗"}


def test_level_theme_and_status_filters(searchable):
    assert {h.level for h in searchable.search("补贴", level="旗县级", limit=50).hits} == {"banner_county"}
    assert {h.status for h in searchable.search("专精特新", status="已被替代", limit=50).hits} == {"已被替代"}
    theme = searchable.taxonomy.themes[0].name
    for hit in searchable.search("企业", theme=theme, limit=20).hits:
        assert theme in searchable.document(hit.doc_id)["themes"]
    with pytest.raises(QueryError, match="地区"):
        searchable.search("氢能", region="火星")


def test_documents_no_longer_in_force_rank_below_and_are_marked(searchable):
    hits = searchable.search('"小巨人"', limit=40, flat=True).hits
    repealed = [i for i, h in enumerate(hits) if h.repealed]
    assert repealed, "the 2022 and 2023 lists are superseded and mention 小巨人"
    assert all(not h.repealed for h in hits[:5])
    assert all(hits[i].status in ("已废止", "已被替代", "征求意见稿") for i in repealed)


def test_an_edition_replaced_by_a_newer_one_ranks_below_it_yet_on_the_first_page(searchable):
    entries = searchable.search("小巨人", limit=10).entries
    rank = {e.title: i for i, e in enumerate(entries)}
    current = next(i for t, i in rank.items() if "2024年坚持稳中求进" in t)
    replaced = [i for t, i in rank.items() if "2023年坚持稳中快进" in t or "2022年坚持稳中求进" in t]
    assert len(replaced) == 2 and all(entries[i].status == "已被替代" for i in replaced)  # both on the first page
    assert current < min(replaced)  # the edition in force first


@pytest.mark.parametrize("odd", ['"氢能 补贴', "”光伏“", "，。、；！", "", "   ", "国" * 500, "<script>&amp;", "\x00氢能",
                                 "*?~^", "AND OR NOT", "-", "-氢能", "((氢能", "🙂", "ｈｅｌｌｏ"])
def test_odd_queries_never_raise(searchable, odd):
    result = searchable.search(odd)
    assert isinstance(result.hits, list)
    if not result.hits:
        assert result.message


def test_overlong_query_is_cut_with_a_notice(searchable):
    result = searchable.search("氢能" * 300)
    assert "过长" in result.message


def test_snippet_is_sized_in_characters_and_highlights_point_into_it(searchable):
    for hit in searchable.search("电价", limit=30, flat=True).hits:
        assert len(hit.snippet) <= 92
        forms = ("电价", "电费", "用电价格")  # the word and its synonyms
        if not any(w in fold(searchable.clause(hit.clause_key)["text"]) for w in forms):
            continue  # matched through its heading path or title
        assert hit.highlights and all(fold(hit.snippet[s:e]) in forms for s, e in hit.highlights)


def test_snippet_html_escapes_clause_text():
    from handbook.search import Hit

    hit = Hit("d", "t", None, "全国", "national", "现行有效", "d:s1", "一、", "a<b & 氢能", [(6, 8)], 1.0)
    assert hit.snippet_html() == "a&lt;b &amp; <b>氢能</b>"


def test_index_is_rebuilt_when_missing_or_corrupt(small_db, tmp_path):
    hb = Handbook.open(small_db, data_dir=str(tmp_path))
    assert hb.index_state() == "missing"
    assert hb.search("储能").hits  # built on first use
    folder = hb.index_folder.path
    assert folder.is_relative_to(tmp_path)

    biggest = max((p for p in folder.iterdir() if p.suffix == ".seg"), key=lambda p: p.stat().st_size)
    biggest.write_bytes(b"\x00garbage")  # damage the index's segment file
    again = Handbook.open(small_db, data_dir=str(tmp_path))
    assert again.search("储能").hits

    shutil.rmtree(folder)
    (folder).mkdir()  # a half-written folder without READY marker
    third = Handbook.open(small_db, data_dir=str(tmp_path))
    assert third.index_state() == "corrupt"
    assert third.search("储能").hits and third.index_state() == "ready"


def test_index_for_another_content_version_is_not_used(small_db, tmp_path):
    hb = Handbook.open(small_db, data_dir=str(tmp_path))
    hb.ensure_index()
    old = tmp_path / "cache" / "search" / "0000000000000000-a1"
    shutil.copytree(hb.index_folder.path, old)
    hb2 = Handbook.open(small_db, data_dir=str(tmp_path))
    hb2.ensure_index(rebuild=True)
    assert not old.exists()  # older editions are cleaned away after a successful build
    assert hb2.index_folder.path.exists()


def run_search(*args, input=None, data_dir):
    cmd = [sys.executable, "-m", "handbook", "--data-dir", str(data_dir), "search", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, input=input, timeout=180)


def test_cli_search_json_and_stdin_batch(tmp_path):
    out = run_search("西部大开发 企业所得税", "--json", "--limit", "3", data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    entries = json.loads(out.stdout)
    assert len(entries) == 3  # --limit counts entries (documents)
    assert set(entries[0]) == {"doc_id", "title", "doc_number", "level", "region", "status", "score", "match", "clauses", "more"}
    assert entries[0]["doc_number"] == "财政部 税务总局 国家发展改革委公告2020年第23号"
    clause = entries[0]["clauses"][0]
    assert set(clause) == {"clause_key", "label", "heading_path", "snippet", "highlights"}
    assert isinstance(clause["heading_path"], list) and 1 <= len(entries[0]["clauses"]) <= 3

    flat = json.loads(run_search("西部大开发 企业所得税", "--json", "--flat", "--limit", "4", data_dir=tmp_path).stdout)
    assert len(flat) == 4 and {"clause_key", "label", "snippet", "score", "doc_id"} <= set(flat[0])

    out = run_search("-", "--json", "--limit", "2", "--region", "伊金霍洛旗", input="储能\n，，\n标准地\n", data_dir=tmp_path)
    lines = out.stdout.splitlines()
    assert out.returncode == 0 and len(lines) == 3
    assert json.loads(lines[1]) == [] and len(json.loads(lines[0])) == 2

    text = run_search("储能", "--limit", "2", data_dir=tmp_path).stdout
    assert "共 " in text and "个文件" in text and "--offset 2" in text

    bad = run_search("氢能", "--region", "火星", data_dir=tmp_path)
    assert bad.returncode == 2 and bad.stderr.startswith("错误：") and "Traceback" not in bad.stderr


def test_full_disk_during_index_build_gives_a_clear_message(built_db, tmp_path, monkeypatch):
    import errno

    from handbook.errors import IndexError_

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    from whoosh.writing import SegmentWriter

    monkeypatch.setattr(SegmentWriter, "commit", no_space)  # the disk fills while Whoosh writes the segment
    hb = Handbook.open(built_db, data_dir=str(tmp_path))
    with pytest.raises(IndexError_, match="磁盘空间"):
        hb.ensure_index()
    assert not any(p.name.startswith(".") for p in (tmp_path / "cache" / "search").iterdir())  # no temp folder left


def test_run_together_phrase_finds_the_document_it_describes(searchable):
    # Typed without spaces, as Chinese users do; the title says 研发费用税前加计扣除比例.
    hits = searchable.search("研发费用加计扣除比例", limit=10).hits
    assert any(h.doc_number == "财政部 税务总局 科技部公告2022年第16号" for h in hits[:3])
    result = searchable.search("小微企业税费优惠")
    assert result.mode == "bigram" and "相近" in result.message
    assert "小微企业和个体工商户发展税费优惠政策指引" in result.hits[0].title
