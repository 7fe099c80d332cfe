"""Shared fixtures: the bundled database (built once per session if missing) and paths."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never touch the real user-data or cache folders from a test run.
os.environ["HANDBOOK_DATA_DIR"] = tempfile.mkdtemp(prefix="handbook-tests-")

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
