"""The search index shipped inside a packaged build: used read-only, the user cache only as a fallback."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from handbook.service import Handbook


def ship(searchable, tmp_path: Path, name: str | None = None) -> Path:
    """A copy of the built index laid out as the bundle holds it: <bundle>/index/<name>/."""
    root = tmp_path / "bundle" / "index"
    shutil.copytree(searchable.index_folder.path, root / (name or searchable.index_folder.name))
    return root


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def service(searchable, tmp_path: Path, shipped: Path) -> Handbook:
    return Handbook(searchable.store, searchable.taxonomy, cache_root=tmp_path / "cache" / "search", shipped_index_root=shipped)


def test_shipped_index_answers_without_building_and_is_not_written(small_searchable, tmp_path):
    shipped = ship(small_searchable, tmp_path)
    before = snapshot(shipped)
    hb = service(small_searchable, tmp_path, shipped)
    assert hb.index_state() == "ready"
    assert hb.ensure_index() is None  # nothing was built
    hits = hb.search("氢能").hits
    assert hits and hits[0].clause_key == small_searchable.search("氢能").hits[0].clause_key
    assert hb.index_folder.path.is_relative_to(shipped)
    assert not (tmp_path / "cache").exists()
    assert snapshot(shipped) == before


def test_index_shipped_for_other_content_is_not_used(small_searchable, tmp_path):
    shipped = ship(small_searchable, tmp_path, name="0000000000000000-a1")
    before = snapshot(shipped)
    hb = service(small_searchable, tmp_path, shipped)
    assert hb.index_state() == "missing"
    assert hb.ensure_index()["clauses"] > 0  # built into the user cache
    assert hb.index_folder.path.is_relative_to(tmp_path / "cache")
    assert hb.search("储能").hits
    assert snapshot(shipped) == before  # the build never cleans up inside the bundle


def test_damaged_shipped_index_is_left_alone_and_the_cache_takes_over(small_searchable, tmp_path):
    shipped = ship(small_searchable, tmp_path)
    for seg in shipped.rglob("*.seg"):
        seg.write_bytes(b"\x00garbage")
    before = snapshot(shipped)
    hb = service(small_searchable, tmp_path, shipped)
    assert hb.ensure_index()["clauses"] > 0
    assert hb.search("储能").hits
    assert hb.index_folder.path.is_relative_to(tmp_path / "cache")
    assert snapshot(shipped) == before

    later = service(small_searchable, tmp_path, shipped)  # next launch: the cache built last time is used
    assert later.ensure_index() is None and later.search("储能").hits


def test_rebuild_writes_to_the_cache_never_to_the_bundle(small_searchable, tmp_path):
    shipped = ship(small_searchable, tmp_path)
    before = snapshot(shipped)
    hb = service(small_searchable, tmp_path, shipped)
    assert hb.ensure_index(rebuild=True)["clauses"] > 0
    assert hb.index_folder.path.is_relative_to(tmp_path / "cache")
    assert snapshot(shipped) == before


def test_a_checkout_has_no_shipped_index(small_db, tmp_path):
    hb = Handbook.open(small_db, data_dir=str(tmp_path))
    hb.ensure_index()
    assert hb.index_folder.path.is_relative_to(tmp_path)
