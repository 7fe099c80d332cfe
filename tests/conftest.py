"""Shared fixtures: the bundled database (built once per session if missing) and paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
