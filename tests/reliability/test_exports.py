"""Items 5 and 10 (and two export items of issue 13): CSV cells never become formulas,
CSV names 发文机关/地区/层级, JSON has real Chinese characters, exported files keep the
mode of the file they replace (or get the umask default), never mkstemp's 0600."""

from __future__ import annotations

import csv
import io
import json
import os
import stat

import pytest

from handbook.bookmarks import Bookmarks, csv_cell
from handbook.store import Store
from handbook.userdb import UserDB
from tests.reliability.conftest import cli

DANGEROUS = ["=HYPERLINK(\"http://x\",\"点我\")", "+1+2", "-3+4", "@SUM(A1)", "\tTAB", "\r回车", "＝全角等号"]


@pytest.fixture
def marks(small_db, tmp_path):
    return Bookmarks(UserDB(tmp_path / "data" / "user.sqlite"), Store(small_db))


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


@pytest.mark.parametrize("value", DANGEROUS)
def test_a_cell_that_could_start_a_formula_is_kept_as_text(value):
    assert csv_cell(value) == "'" + value
    assert csv_cell("正常文字 =1") == "正常文字 =1" and csv_cell(None) == ""


def test_csv_export_neutralises_formulas_in_notes_and_folders(marks, small_db):
    keys = [r["key"] for r in Store(small_db).clause_rows()][:len(DANGEROUS)]
    for key, value in zip(keys, DANGEROUS, strict=True):
        marks.add(key, note=value, folders=[value.strip() or "x"])
    rows = _rows(marks.export_csv())
    assert len(rows) == len(DANGEROUS)
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
    assert sorted(r["备注"] for r in rows) == sorted("'" + v for v in DANGEROUS)


def test_csv_names_issuer_region_and_level(built_db, tmp_path):
    store = Store(built_db)
    marks = Bookmarks(UserDB(tmp_path / "user.sqlite"), store)
    doc = next(d for d in store.documents() if d["issuers"] and not d["doc_number"] and d["level"] == "league_city")
    marks.add(store.clause_rows(doc["id"])[0]["key"])  # a clause without 文号: identified by issuer, region, level
    row = _rows(marks.export_csv())[0]
    assert row["文号"] == "" and row["发文机关"] == "、".join(doc["issuers"]) and row["发文机关"]
    assert row["地区"] == doc["region"] and row["地区"].endswith("市")
    assert row["层级"] == "盟市级"


def test_json_export_has_real_chinese_characters(marks, small_db, tmp_path):
    key = Store(small_db).clause_rows()[0]["key"]
    marks.add(key, note="问绿电指标")
    marks.db.close()
    out = tmp_path / "书签.json"
    code, _o, err = cli("--db", str(small_db), "--data-dir", str(tmp_path / "data"), "bookmarks", "export",
                        "--format", "json", "-o", str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "问绿电指标" in text and "\\u" not in text
    assert json.loads(text)["bookmarks"][0]["note"] == "问绿电指标"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("fmt", ["json", "csv", "pdf"])
@pytest.mark.parametrize("existing", [0o644, 0o640, None])
def test_an_export_keeps_the_mode_of_the_file_it_replaces(marks, small_db, tmp_path, fmt, existing):
    marks.add(Store(small_db).clause_rows()[0]["key"])
    marks.db.close()
    out = tmp_path / f"export.{fmt}"
    if existing is not None:
        out.write_text("old", encoding="utf-8")
        out.chmod(existing)
    code, _o, err = cli("--db", str(small_db), "--data-dir", str(tmp_path / "data"), "bookmarks", "export",
                        "--format", fmt, "-o", str(out))
    assert code == 0, err
    want = existing if existing is not None else 0o666 & ~_umask()
    assert stat.S_IMODE(out.stat().st_mode) == want
    assert out.read_bytes() != b"old"


def test_a_guide_pdf_keeps_the_mode_too(tmp_path):
    from handbook.fileio import atomic_write

    out = tmp_path / "指南.pdf"
    out.write_bytes(b"old")
    out.chmod(0o664)
    atomic_write(out, lambda tmp: tmp.write_bytes(b"%PDF-new"))
    assert stat.S_IMODE(out.stat().st_mode) == 0o664 and out.read_bytes() == b"%PDF-new"


def test_a_full_disk_during_export_leaves_the_old_file(tmp_path, monkeypatch):
    from handbook.errors import GuideError
    from handbook.fileio import atomic_write

    out = tmp_path / "书签.csv"
    out.write_text("old", encoding="utf-8")

    def write(tmp):
        tmp.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")  # injected ENOSPC

    with pytest.raises(GuideError, match="无法保存 书签.csv：磁盘空间不足。原有文件未受影响。"):
        atomic_write(out, write)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["书签.csv"]
