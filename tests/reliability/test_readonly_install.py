"""Item 4: a read-only data folder without cache/ and a read-only install: every command
still works (the index goes to a private temp cache) or says clearly why it cannot."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import handbook.ingest.build  # noqa: F401 - imported before the unprivileged child needs it
from tests.conftest import ROOT
from tests.reliability.conftest import NOBODY, cli, unprivileged


def _public_copy(small_db, small_sources, public_dir):
    db = public_dir / "handbook.sqlite"
    shutil.copy(small_db, db)
    db.chmod(0o644)
    sources = public_dir / "sources"
    shutil.copytree(small_sources, sources)
    for p in [sources, *sources.iterdir()]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    return db, sources


def test_search_in_a_read_only_data_folder_uses_a_temp_cache(small_db, small_sources, public_dir, tmp_path):
    db, _sources = _public_copy(small_db, small_sources, public_dir)
    assert cli("--db", str(db), "--data-dir", str(tmp_path), "search", "新能源")[0] == 0  # imports everything first
    data = public_dir / "data"
    data.mkdir(mode=0o555)
    data.chmod(0o555)
    try:
        code, out, err = unprivileged(cli, "--db", str(db), "--data-dir", str(data), "search", "新能源", "--json")
        assert code == 0, err
        assert json.loads(out), "hits expected"
        assert "缓存文件夹" in err and "无法写入，搜索索引暂存于" in err
        assert not (data / "cache").exists()
        code, out, err = unprivileged(cli, "--db", str(db), "--data-dir", str(data), "bookmarks", "list")
        assert code == 0 and "Traceback" not in err, err
    finally:
        for leftover in Path("/tmp").glob(f"PolicyHandbook-cache-{NOBODY}"):
            shutil.rmtree(leftover, ignore_errors=True)


def test_build_into_a_read_only_install_says_why(small_db, small_sources, public_dir):
    _db, sources = _public_copy(small_db, small_sources, public_dir)
    install = public_dir / "install"
    install.mkdir()
    shutil.copy(small_db, install / "handbook.sqlite")
    (install / "handbook.sqlite").chmod(0o644)
    install.chmod(0o555)
    before = (install / "handbook.sqlite").read_bytes()
    code, _out, err = unprivileged(cli, "--db", str(install / "handbook.sqlite"), "build", "--sources", str(sources),
                                   "--quiet")
    assert code == 2 and "Traceback" not in err
    assert "无法写入内容数据库（没有权限）" in err and "原有数据库未改动" in err and "--db" in err
    assert (install / "handbook.sqlite").read_bytes() == before


def test_the_window_starts_from_a_read_only_data_folder(small_db, public_dir):
    """A read-only mount (root is refused too): the GUI starts, and reading works (was: 无法启动)."""
    data = public_dir / "ro"
    data.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "--bind", str(data), str(data)], capture_output=True).returncode:
        pytest.skip("a read-only bind mount needs root and mount permission")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(data)], check=True, capture_output=True)
        shot = public_dir / "shot.png"
        done = subprocess.run([sys.executable, "main.py", "--db", str(small_db), "--data-dir", str(data), "--screenshot",
                               str(shot), "--search", "新能源"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert done.returncode == 0, done.stderr
        assert shot.stat().st_size > 10_000
        assert "Traceback" not in done.stderr
    finally:
        subprocess.run(["umount", "-l", str(data)], capture_output=True)
