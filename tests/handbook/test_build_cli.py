"""Build, manifest, bad input and the command line."""

import hashlib
import json
import shutil
import subprocess
import sys

import pytest

from handbook.errors import SourceError
from handbook.ingest.build import build
from tests.conftest import ROOT, SOURCES


def run_cli(*args, db=None, input=None):
    cmd = [sys.executable, "-m", "handbook"] + (["--db", str(db)] if db else []) + list(args)
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, input=input, timeout=120)


def test_manifest_hashes_match_the_bundled_sources():
    manifest = json.loads((SOURCES / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["files"]) == 4
    for entry in manifest["files"]:
        assert hashlib.sha256((SOURCES / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]


def test_sources_are_the_seeds_unchanged():
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.exists():
        pytest.skip("shared/seeds is not beside this checkout")
    for path in seeds.glob("*.txt"):
        assert (SOURCES / path.name).read_bytes() == path.read_bytes()


def test_committed_database_is_current(built_db):
    import sqlite3

    version = lambda p: sqlite3.connect(p).execute("select value from meta where key='content_version'").fetchone()[0]  # noqa: E731
    assert version(ROOT / "db" / "handbook.sqlite") == version(built_db), "run `make db` and commit db/handbook.sqlite"


def copy_sources(tmp_path):
    target = tmp_path / "sources"
    shutil.copytree(SOURCES, target)
    return target


@pytest.mark.parametrize("content, message", [
    (b"\xe5\x9b\xbd\xe5\xae\xb6\n\xff\xfe broken\n", "UTF-8"),
    (b"   \n\n", "为空"),
    ("第一行没有标题，也没有文号。\n只是一些文字。\n".encode(), "没有识别出"),
])
def test_bad_source_gives_a_clear_error_and_keeps_the_old_database(tmp_path, content, message):
    sources = copy_sources(tmp_path)
    db = tmp_path / "handbook.sqlite"
    build(db, sources)
    before = db.read_bytes()
    bad = sources / "001_d6d39994a278070f.txt"
    bad.write_bytes(content)
    manifest = json.loads((sources / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        if entry["file"] == bad.name:
            entry["sha256"] = hashlib.sha256(content).hexdigest()
    (sources / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(SourceError) as err:
        build(db, sources)
    assert message in str(err.value) and bad.name in str(err.value)
    assert db.read_bytes() == before


def test_utf8_error_names_the_line(tmp_path):
    from handbook.ingest.reflow import read_source

    path = tmp_path / "x.txt"
    path.write_bytes("第一行\n第二行\n".encode() + b"\xff")
    with pytest.raises(SourceError, match="第 3 行"):
        read_source(path)


def test_changed_source_without_manifest_update_is_refused(tmp_path):
    sources = copy_sources(tmp_path)
    with open(sources / "004_4402b51cc72893bb.txt", "a", encoding="utf-8") as f:
        f.write("追加一行。\n")
    with pytest.raises(SourceError, match="SHA-256"):
        build(tmp_path / "db.sqlite", sources)


def test_cli_docs_json_lists_documents_with_required_fields(built_db):
    out = run_cli("docs", "--json", db=built_db)
    assert out.returncode == 0, out.stderr
    docs = json.loads(out.stdout)
    assert 90 <= len(docs) <= 130
    required = {"id", "title", "doc_number", "issuers", "date", "level", "region", "themes", "status",
                "repealed_by", "duplicate_of", "source", "clause_count"}
    for d in docs:
        assert required <= d.keys()
        assert set(d["source"]) == {"file", "start_line", "end_line"}


def test_cli_show_prints_clause_tree_text_as_stored(built_db):
    docs = json.loads(run_cli("docs", "--json", db=built_db).stdout)
    target = next(d for d in docs if d["doc_number"] == "内政办发〔2022〕15号")
    out = run_cli("show", target["id"], "--json", db=built_db)
    shown = json.loads(out.stdout)[0]
    assert shown["title"] == target["title"]
    first = shown["clauses"][0]
    assert {"key", "label", "text", "children"} <= first.keys()
    texts = []

    def walk(nodes):
        for n in nodes:
            texts.append(n["text"])
            walk(n["children"])

    walk(shown["clauses"])
    assert any("氢能" in t for t in texts)


def test_cli_unknown_id_is_a_clear_error_not_a_traceback(built_db):
    out = run_cli("show", "no-such-id", "--json", db=built_db)
    assert out.returncode == 2
    assert "没有编号为 no-such-id 的文件" in out.stderr and "Traceback" not in out.stderr


def test_cli_missing_database_is_a_clear_error(tmp_path):
    out = run_cli("docs", db=tmp_path / "missing.sqlite")
    assert out.returncode == 2 and "找不到内容数据库" in out.stderr


def test_corrupt_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database" * 100)
    out = run_cli("docs", db=bad)
    assert out.returncode == 2 and "损坏" in out.stderr
