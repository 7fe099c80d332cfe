"""Content-update packs: changelog, install with bookmarks kept, refusals, rollback, fallbacks."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest

from handbook.content.install import ContentFolder
from handbook.content.pack import read_manifest, write_pack
from handbook.errors import PackError
from handbook.service import Handbook
from tests.conftest import ROOT
from tests.handbook.content.conftest import NEW, OLD


def changed_clause(hb) -> str:
    hits = [r for r in hb.store.clause_rows() if OLD in (r["text"] or "")]
    assert len(hits) == 1
    return hits[0]["key"]


def test_pack_changelog_names_the_changed_document_and_clause(pack, built_db):
    info = read_manifest(pack)
    with zipfile.ZipFile(pack) as z:
        log = json.loads(z.read("changelog.json"))
    hb = Handbook.open(built_db, data_dir=str(pack.parent / "probe"))
    key = changed_clause(hb)
    doc_id, local = key.split(":", 1)
    assert [c["id"] for c in log["changed"]] == [doc_id]
    assert log["changed"][0]["clauses_changed"] == [local]
    assert log["added"] == [] and log["removed"] == [] and log["repealed"] == []
    assert info.manifest["parts"]["handbook.sqlite"]["bytes"] > 1_000_000


def test_install_switches_content_and_keeps_the_bookmark_on_the_changed_clause(pack, built_db, tmp_path):
    hb = Handbook.open(built_db, data_dir=str(tmp_path))
    key = changed_clause(hb)
    hb.bookmarks.add(key, note="问奖补标准")
    old_version = hb.content_version
    report = hb.install_update(pack)
    assert hb.content_version != old_version
    assert NEW in hb.clause(key)["text"]
    assert [b["clause_key"] for b in report["bookmarks"]["text_changed"]] == [key]
    assert report["bookmarks"]["changed"] == [] and report["bookmarks"]["moved"] == []
    assert any("修改" in line and "1 条条款文字有改动" in line for line in report["lines"])
    mark = hb.bookmarks.list()[0]
    assert mark.clause_key == key and mark.state == "ok" and mark.note == "问奖补标准"
    # A fresh start opens the installed edition, not the bundled one.
    again = Handbook.open(data_dir=str(tmp_path))
    assert again.content_version == hb.content_version and again.installed_update()["version"] == hb.content_version
    assert again.content_notices() == []


def test_truncated_pack_is_refused_and_nothing_changes(pack, built_db, tmp_path):
    broken = tmp_path / "broken.hbpack"
    data = pack.read_bytes()
    broken.write_bytes(data[: len(data) // 2])
    hb = Handbook.open(built_db, data_dir=str(tmp_path / "data"))
    before = hb.content_version
    with pytest.raises(PackError, match="不完整或已损坏"):
        hb.install_update(broken)
    assert hb.content_version == before
    assert not (tmp_path / "data" / "content" / "current.json").exists()
    result = subprocess.run([sys.executable, "-m", "handbook", "--data-dir", str(tmp_path / "data"), "update", str(broken)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2 and "不完整或已损坏" in result.stderr and "Traceback" not in result.stderr


def test_altered_database_in_pack_is_refused(pack, tmp_path, built_db):
    altered = tmp_path / "altered.hbpack"
    with zipfile.ZipFile(pack) as src, zipfile.ZipFile(altered, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "handbook.sqlite":
                data = data[:5000] + b"X" + data[5001:]
            out.writestr(item, data)
    hb = Handbook.open(built_db, data_dir=str(tmp_path))
    with pytest.raises(PackError, match="SHA-256"):
        hb.install_update(altered)
    assert not (tmp_path / "content" / "current.json").exists()
    assert [p.name for p in (tmp_path / "content").iterdir()] == []


def test_older_or_same_pack_is_refused(pack, built_db, changed_db, tmp_path):
    same = tmp_path / "same.hbpack"
    write_pack(built_db, same)
    hb = Handbook.open(built_db, data_dir=str(tmp_path))
    with pytest.raises(PackError, match="相同"):
        hb.install_update(same)
    older = tmp_path / "older.hbpack"
    with zipfile.ZipFile(pack) as src, zipfile.ZipFile(older, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["content_date"] = "2001-01-01"
                data = json.dumps(manifest).encode()
            out.writestr(item, data)
    with pytest.raises(PackError, match="旧"):
        hb.install_update(older)


def test_interrupted_install_leaves_previous_content_in_use(pack, built_db, tmp_path, monkeypatch):
    hb = Handbook.open(built_db, data_dir=str(tmp_path))
    before = hb.content_version

    def killed(self, pointer):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ContentFolder, "_write_pointer", killed)
    with pytest.raises(Exception, match="原有内容仍在使用"):
        hb.install_update(pack)
    monkeypatch.undo()
    assert hb.content_version == before
    assert Handbook.open(data_dir=str(tmp_path)).installed_update() is None
    assert not [p for p in (tmp_path / "content").iterdir() if p.name.startswith(".install")]


def test_damaged_installed_pack_falls_back_to_bundled_content_with_notice(pack, built_db, tmp_path):
    hb = Handbook.open(built_db, data_dir=str(tmp_path))
    hb.install_update(pack)
    db = tmp_path / "content" / hb.installed_update()["version"] / "handbook.sqlite"
    with open(db, "r+b") as f:
        f.seek(4096)
        f.write(b"\0" * 64)
    again = Handbook.open(data_dir=str(tmp_path))
    assert again.installed_update() is None
    assert any("已损坏" in n and "随程序安装的内容" in n for n in again.content_notices())
    assert db.exists()  # never deleted: the officer may reinstall


def test_rollback_returns_to_bundled_content(pack, built_db, tmp_path):
    from handbook.paths import bundled_db_path
    from handbook.store import Store

    hb = Handbook.open(data_dir=str(tmp_path))
    bundled = Store(bundled_db_path()).content_version
    hb.install_update(pack)
    assert hb.content_version != bundled
    report = hb.rollback_update()
    assert report is not None and hb.content_version == bundled
    assert hb.rollback_update() is None
    assert Handbook.open(data_dir=str(tmp_path)).content_version == bundled
