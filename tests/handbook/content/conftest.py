"""Fixtures for content packs and imports: a rebuilt database with one document changed, its pack."""

from __future__ import annotations

import shutil

import pytest

from handbook.content.pack import write_pack
from handbook.ingest.build import build, update_manifest
from tests.conftest import SOURCES

CHANGED_SOURCE = "001_d6d39994a278070f.txt"
OLD, NEW = "10万亩以上的一次性奖补500万元", "10万亩以上的一次性奖补800万元"


@pytest.fixture(scope="session")
def changed_db(tmp_path_factory):
    """The bundled sources rebuilt with one document's clause reworded."""
    root = tmp_path_factory.mktemp("changed")
    sources = root / "sources"
    shutil.copytree(SOURCES, sources)
    path = sources / CHANGED_SOURCE
    text = path.read_text(encoding="utf-8")
    assert text.count(OLD) == 1
    path.write_text(text.replace(OLD, NEW), encoding="utf-8")
    update_manifest(sources)
    db = root / "handbook.sqlite"
    build(db, sources)
    return db


@pytest.fixture(scope="session")
def pack(changed_db, built_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("pack") / "handbook-20261201.hbpack"
    write_pack(changed_db, out, previous=built_db)
    return out
