"""Shared fixtures: the bundled database (built once per session if missing) and paths."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never touch the real user-data or cache folders from a test run.
os.environ["HANDBOOK_DATA_DIR"] = tempfile.mkdtemp(prefix="handbook-tests-")
atexit.register(shutil.rmtree, os.environ["HANDBOOK_DATA_DIR"], ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "resources" / "sources"


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """A fresh build of the bundled sources (the committed db is checked separately)."""
    from handbook.ingest.build import build

    path = tmp_path_factory.mktemp("content") / "handbook.sqlite"
    build(path)
    return path


@pytest.fixture(scope="session")
def handbook(built_db):
    from handbook.service import Handbook

    return Handbook.open(built_db)


@pytest.fixture(scope="session")
def searchable(handbook):
    """The session handbook with its search index built (once)."""
    handbook.ensure_index()
    return handbook


@pytest.fixture(scope="session")
def small_db(tmp_path_factory) -> Path:
    """A build of the two short sources only (001 and 004): for tests of the index's life cycle
    (built, damaged, rebuilt, shipped), which need real content but not the whole corpus."""
    import json
    import shutil

    from handbook.ingest.build import build

    sources = tmp_path_factory.mktemp("small-sources")
    manifest = json.loads((SOURCES / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"] = [f for f in manifest["files"] if f["file"][:3] in ("001", "004")]
    (sources / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    for entry in manifest["files"]:
        shutil.copy(SOURCES / entry["file"], sources / entry["file"])
    path = tmp_path_factory.mktemp("small-content") / "handbook.sqlite"
    build(path, sources)
    return path


@pytest.fixture(scope="session")
def small_searchable(small_db, tmp_path_factory):
    """A handbook over ``small_db`` with its search index built (once)."""
    from handbook.service import Handbook

    hb = Handbook.open(small_db, data_dir=str(tmp_path_factory.mktemp("small-data")))
    hb.ensure_index()
    return hb
