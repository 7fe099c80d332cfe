"""Item 7: hostile import files (deep nesting, lone surrogates, odd versions, wrong encoding)
give one Chinese sentence in the CLI and a dialog in the window; nothing is changed."""

from __future__ import annotations

import json
import shutil

import pytest

from handbook.bookmarks import FORMAT, Bookmarks
from handbook.errors import ImportFormatError
from handbook.store import Store
from handbook.userdb import UserDB
from tests.reliability.conftest import cli


def _valid(key: str, note: str = "备注") -> dict:
    return {"format": FORMAT, "version": 1, "bookmarks": [
        {"uid": "u1", "clause_key": key, "doc_id": key.split(":")[0], "doc_title": "标题", "clause_text": "正文",
         "note": note, "created_at": "2026-01-01T00:00:00", "updated_at": "2026-01-01T00:00:00", "folders": []}]}


@pytest.fixture
def key(small_db) -> str:
    return Store(small_db).clause_rows()[0]["key"]


CASES = {
    "deep_nesting": ("[" * 100_000, "嵌套层数过多"),
    "deep_inside_a_bookmark": (None, "嵌套层数过多"),
    "lone_surrogate_note": (None, "含有损坏的文字"),
    "version_string": (None, "版本号无效（1）"),
    "version_nan": (None, "版本号无效（nan）"),
    "version_true": (None, "版本号无效（True）"),
    "version_zero": (None, "版本号无效（0）"),
}


def _text(case: str, key: str) -> str:
    text, _ = CASES[case]
    if text is not None:
        return text
    data = _valid(key)
    if case == "deep_inside_a_bookmark":
        return json.dumps(data)[:-3] + ', "extra": ' + "[" * 5000 + "]" * 5000 + "}]}"
    if case == "lone_surrogate_note":
        return json.dumps(data).replace('"note": "\\u5907\\u6ce8"', '"note": "\\ud800"')
    if case == "version_nan":
        return json.dumps(data).replace('"version": 1', '"version": NaN')
    data["version"] = {"version_string": "1", "version_true": True, "version_zero": 0}[case]
    return json.dumps(data)


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_import_is_refused_with_a_reason_and_changes_nothing(small_db, tmp_path, key, case):
    path = tmp_path / "in.json"
    path.write_text(_text(case, key), encoding="utf-8")
    code, _out, err = cli("--db", str(small_db), "--data-dir", str(tmp_path), "bookmarks", "import", str(path))
    assert code == 2 and "Traceback" not in err
    assert CASES[case][1] in err, err
    assert "比本程序新" not in err
    marks = Bookmarks(UserDB(tmp_path / "user.sqlite"), Store(small_db))
    assert marks.count() == 0 and marks.folders() == []


def test_the_valid_file_itself_imports(small_db, tmp_path, key):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(_valid(key)), encoding="utf-8")
    code, _out, err = cli("--db", str(small_db), "--data-dir", str(tmp_path), "bookmarks", "import", str(path))
    assert code == 0 and "新增 1 条" in err


def test_a_file_in_another_encoding_is_explained_in_chinese(small_db, tmp_path, key):
    path = tmp_path / "gbk.json"
    path.write_bytes(json.dumps(_valid(key), ensure_ascii=False).encode("gbk"))
    code, _out, err = cli("--db", str(small_db), "--data-dir", str(tmp_path), "bookmarks", "import", str(path))
    assert code == 2 and "不是有效的 UTF-8 文本" in err and "请以 UTF-8 编码保存后重试" in err
    assert "codec" not in err and "byte" not in err


def test_a_newer_file_still_says_newer(small_db, tmp_path, key):
    data = _valid(key)
    data["version"] = 2
    with pytest.raises(ImportFormatError, match="版本比本程序新"):
        Bookmarks(UserDB(tmp_path / "user.sqlite"), Store(small_db)).import_json(json.dumps(data))


@pytest.mark.parametrize("case", ["deep_nesting", "lone_surrogate_note"])
def test_the_window_shows_a_dialog_for_a_hostile_import(qtbot, small_db, tmp_path, key, case, monkeypatch):
    import ui.bookmarks_panel as panel_module
    from tests.reliability.ui_helpers import open_window, visible_messages

    shutil.copy(small_db, tmp_path / "c.sqlite")
    win = open_window(qtbot, tmp_path / "c.sqlite", tmp_path)
    path = tmp_path / "in.json"
    path.write_text(_text(case, key), encoding="utf-8")
    monkeypatch.setattr(panel_module.QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    win.bookmarks_panel._import_dialog()
    texts = visible_messages()
    assert any(CASES[case][1] in t and "书签未作任何改动" in t for t in texts), texts
    assert win.marks.count() == 0
