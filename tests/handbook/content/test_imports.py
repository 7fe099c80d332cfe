"""Importing the officer's own policy files: real .docx / .pdf / .txt files made from a source
document come back with the bundled copy's clauses; bad files get a Chinese message."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from handbook.errors import PolicyImportError
from handbook.service import Handbook
from tests.conftest import ROOT, SOURCES

DOC_ID = "25b3fc67c4"  # 内蒙古自治区高新技术企业奖补实施细则（内科发高字〔2021〕2号）, 17 clauses


@pytest.fixture(scope="module")
def bundled(built_db, tmp_path_factory):
    return Handbook.open(built_db, data_dir=str(tmp_path_factory.mktemp("bundled")))


def source_lines(hb) -> list[str]:
    """The document's lines exactly as the source file prints them (hard wraps, page marks)."""
    doc = hb.document(DOC_ID)
    raw = (SOURCES / doc["source"]["file"]).read_text(encoding="utf-8").split("\n")
    return raw[doc["source"]["start_line"] - 1: doc["source"]["end_line"]]


def clauses(hb, doc_id: str) -> list[tuple[str, str, str]]:
    out = []

    def walk(nodes):
        for n in nodes:
            out.append((n.key.split(":", 1)[1], n.label, n.text))
            walk(n.children)

    walk(hb.clause_tree(doc_id))
    return out


def make_docx(hb, path) -> None:
    """A Word file as an office would send it: one paragraph per title line, 文号 and clause."""
    import docx

    d = docx.Document()
    doc = hb.document(DOC_ID)
    for line in doc["header_text"].split("\n"):
        d.add_paragraph(line)
    for _, _, text in clauses(hb, DOC_ID):
        d.add_paragraph(text)
    d.save(str(path))


def make_pdf(lines: list[str], path, per_page: int = 32) -> None:
    """A text PDF laid out line by line as printed, with "— n —" page numbers (reportlab)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from handbook.guide.fonts import FALLBACK, register_fonts

    register_fonts()
    font = FALLBACK  # WenQuanYi: all of GB2312
    c = canvas.Canvas(str(path), pagesize=A4)
    printed = [line for line in lines if line.strip()]
    for start in range(0, len(printed), per_page):
        y = 780
        for line in printed[start:start + per_page]:
            c.setFont(font, 11)
            c.drawString(60 + (11 if line.startswith(" ") else 0), y, line.strip())
            y -= 22
        c.setFont(font, 9)
        c.drawCentredString(297, 40, f"— {start // per_page + 1} —")
        c.showPage()
    c.save()


def test_docx_comes_back_with_the_bundled_clauses(bundled, tmp_path):
    path = tmp_path / "高新技术企业奖补实施细则.docx"
    make_docx(bundled, path)
    hb = Handbook.open(data_dir=str(tmp_path / "data"))
    draft = hb.draft_import(path)
    assert [p["doc_number"] for p in draft.proposals()] == ["内科发高字〔2021〕2号"]
    [doc_id] = hb.save_import(draft)
    assert doc_id.startswith("u") and clauses(hb, doc_id) == clauses(bundled, DOC_ID)
    doc = hb.document(doc_id)
    assert doc["imported"] and doc["origin"] == "自行导入" and doc["title"] == bundled.document(DOC_ID)["title"]


def test_pdf_comes_back_with_the_bundled_clauses(bundled, tmp_path):
    path = tmp_path / "细则.pdf"
    make_pdf(source_lines(bundled), path)
    hb = Handbook.open(data_dir=str(tmp_path / "data"))
    [doc_id] = hb.save_import(hb.draft_import(path))
    assert clauses(hb, doc_id) == clauses(bundled, DOC_ID)
    assert hb.document(doc_id)["region"] == "内蒙古自治区"


def test_gbk_text_file_with_corrections_is_listed_searchable_and_bookmarkable(bundled, tmp_path):
    path = tmp_path / "细则.txt"
    path.write_bytes("\n".join(source_lines(bundled)).encode("gb18030"))
    data = tmp_path / "data"
    run = lambda *a: subprocess.run([sys.executable, "-m", "handbook", "--data-dir", str(data), *a],  # noqa: E731
                                    capture_output=True, text=True, cwd=ROOT, timeout=300)
    result = run("import", str(path), "--region", "鄂尔多斯", "--date", "2021-03-01")
    assert result.returncode == 0, result.stderr
    docs = json.loads(run("docs", "--json").stdout)
    mine = [d for d in docs if d.get("origin") == "自行导入"]
    assert len(mine) == 1 and mine[0]["region"] == "鄂尔多斯市" and mine[0]["level"] == "league_city"
    assert mine[0]["date"] == "2021-03-01"
    hits = json.loads(run("search", "高新技术企业 奖补", "--region", "伊金霍洛旗", "--json").stdout)
    assert any(h["doc_id"] == mine[0]["id"] for h in hits)
    hits = json.loads(run("search", "高新技术企业 奖补", "--region", "乌海市", "--json").stdout)
    assert not any(h["doc_id"] == mine[0]["id"] for h in hits)  # 鄂尔多斯市 is not above 乌海市
    hb = Handbook.open(data_dir=str(data))
    key = clauses(hb, mine[0]["id"])[2][0]
    mark = hb.bookmarks.add(f"{mine[0]['id']}:{key}", note="自己的文件")
    assert mark.doc_title == mine[0]["title"]
    # The same text again is recognised as already imported.
    assert "已经导入过" in run("import", str(path)).stderr


def test_imports_survive_a_content_update_and_removal(bundled, tmp_path, built_db, pack):
    path = tmp_path / "细则.docx"
    make_docx(bundled, path)
    hb = Handbook.open(built_db, data_dir=str(tmp_path))
    [doc_id] = hb.save_import(hb.draft_import(path))
    key = f"{doc_id}:{clauses(hb, doc_id)[3][0]}"
    hb.bookmarks.add(key, note="自己的文件")
    report = hb.install_update(pack)
    assert report["bookmarks"] == {"moved": [], "text_changed": [], "changed": []}
    assert hb.document(doc_id)["origin"] == "自行导入" and hb.clause(key) is not None
    assert Handbook.open(data_dir=str(tmp_path)).document(doc_id)["origin"] == "自行导入"
    assert hb.bookmarks.list()[0].clause_key == key and hb.bookmarks.list()[0].state == "ok"
    hb.remove_import(doc_id)  # the bookmark finds the same text in the bundled copy
    assert hb.document(doc_id) is None
    assert hb.bookmarks.list()[0].clause_key.startswith(DOC_ID + ":")


def scanned_pdf(path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(50, 50, 400, 600, fill=1)  # an image-only page: no text layer
    c.showPage()
    c.save()


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "空文件"),
    ("binary.txt", bytes(range(256)) * 20, "不是文本文件"),
    ("notes.txt", "明天上午九点开会，请准时参加，地点在三楼会议室，带上材料。".encode() * 3, "没有在文件中识别出政策文件"),
    ("fake.pdf", b"%PDF-1.4 not really" + bytes(range(256)), "PDF"),
    ("fake.docx", b"PK\x03\x04 broken zip", "Word"),
    ("policy.doc", b"\xd0\xcf\x11\xe0", "不支持"),
    ("scan.pdf", None, "扫描件"),
])
def test_files_that_are_not_policy_texts_get_a_clear_message(tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:
        scanned_pdf(path)
    else:
        path.write_bytes(content)
    hb = Handbook.open(data_dir=str(tmp_path / "data"))
    with pytest.raises(PolicyImportError, match=message):
        hb.draft_import(path)
    result = subprocess.run([sys.executable, "-m", "handbook", "--data-dir", str(tmp_path / "data"), "import", str(path)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "data" / "imports").exists() or not list((tmp_path / "data" / "imports").iterdir())


def test_an_import_reaches_the_search_index(bundled, tmp_path, small_db):
    hb = Handbook.open(small_db, data_dir=str(tmp_path))  # the two short sources: the index is rebuilt three times
    hb.ensure_index()
    path = tmp_path / "细则.docx"
    make_docx(bundled, path)
    [doc_id] = hb.save_import(hb.draft_import(path), [{"region": "乌海市"}])
    assert hb.ensure_index()["clauses"] > 0  # the index of the new content (bundled + imported) was built
    found = lambda region: {e.doc_id for e in hb.search("高新技术企业 奖补", region=region, limit=50).entries}  # noqa: E731
    assert doc_id in found("乌海市") and doc_id not in found("鄂尔多斯市")
    hb.remove_import(doc_id)
    assert hb.ensure_index() is not None and doc_id not in found("乌海市")


def test_the_union_store_answers_everything_the_content_store_answers():
    """The service reads bundled and imported content through UnionStore: it must offer every
    read the Store offers, or a view added for the Store fails once an import exists."""
    from handbook.content.union import UnionStore
    from handbook.store import Store

    public = {name for name in vars(Store) if not name.startswith("_") and callable(getattr(Store, name))}
    missing = {name for name in public if not hasattr(UnionStore, name)}
    assert not missing
