"""Item 9: inputs far too big are refused at once with a clear message (a 200 MB source,
a 40 MB import file); codec errors are explained in Chinese."""

from __future__ import annotations

import shutil
import time

import pytest

from tests.reliability.conftest import SMALL_SOURCE, cli


@pytest.fixture
def sources(small_sources, tmp_path):
    folder = tmp_path / "sources"
    shutil.copytree(small_sources, folder)
    return folder


def test_a_200_mb_source_is_refused_at_once(sources, tmp_path):
    with open(sources / SMALL_SOURCE, "r+b") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: costs no disk, but is 200 MB to the program
    started = time.monotonic()
    code, _out, err = cli("--db", str(tmp_path / "out.sqlite"), "build", "--sources", str(sources), "--quiet")
    assert code == 2 and "Traceback" not in err
    assert f"来源文本 {SMALL_SOURCE} 过大（200.0 MB，上限 32.0 MB），未读取" in err
    assert time.monotonic() - started < 10  # refused before reading (was: minutes and 1.4 GB)
    assert not (tmp_path / "out.sqlite").exists()


def test_a_manifest_in_another_encoding_is_explained_in_chinese(sources, tmp_path):
    text = (sources / "manifest.json").read_text(encoding="utf-8")
    (sources / "manifest.json").write_bytes(text.encode("gbk"))
    code, _out, err = cli("--db", str(tmp_path / "out.sqlite"), "build", "--sources", str(sources), "--quiet")
    assert code == 2 and "来源清单无法读取（不是有效的 UTF-8 文本" in err
    assert "codec" not in err and "byte" not in err


def test_a_source_in_another_encoding_names_file_and_line(sources, tmp_path):
    raw = (sources / SMALL_SOURCE).read_bytes()
    (sources / SMALL_SOURCE).write_bytes(raw.decode("utf-8").encode("gb18030"))
    code, _out, err = cli("--db", str(tmp_path / "o.sqlite"), "build", "--sources", str(sources), "--update-manifest",
                          "--quiet")
    assert code == 2 and f"{SMALL_SOURCE} 第" in err and "不是有效的 UTF-8 文本" in err
    assert "codec" not in err and not (tmp_path / "o.sqlite").exists()


def test_a_40_mb_import_file_is_refused_at_once(small_db, tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as f:
        f.truncate(40 * 1024 * 1024)
    code, _out, err = cli("--db", str(small_db), "--data-dir", str(tmp_path), "bookmarks", "import", str(path))
    assert code == 2 and "书签文件 huge.json 过大（40.0 MB，上限 32.0 MB），未读取" in err


def test_os_and_codec_errors_have_chinese_reasons():
    from handbook.errors import QueryError, explain

    assert explain(OSError(28, "No space left on device")) == "磁盘空间不足"
    assert explain(PermissionError(13, "Permission denied")) == "没有权限"
    assert explain(OSError(30, "Read-only file system")) == "所在磁盘或文件夹只读"
    assert explain(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")).startswith("不是有效的 UTF-8 文本")
    assert explain(QueryError("原样")) == "原样"
