"""Item 1: a damaged search index (cut, overwritten, garbage) is noticed, rebuilt, and never
stops the app or the CLI; queries after the repair give the same hits as before."""

from __future__ import annotations

import json
import random

import pytest

from handbook.errors import IndexError_
from handbook.service import Handbook
from handbook.store import Store
from tests.reliability.conftest import cli

QUERY = "新能源"


@pytest.fixture
def indexed(small_db, tmp_path):
    """A data folder whose index is built; returns (data dir, index folder, reference hits)."""
    code, out, err = cli("--db", str(small_db), "--data-dir", str(tmp_path), "search", QUERY, "--json")
    assert code == 0, err
    reference = [h["clause_key"] for h in json.loads(out)]
    assert reference, "the small content must have hits for the query"
    folder = Handbook(Store(small_db), cache_root=tmp_path / "cache" / "search").index_folder
    assert folder.state() == "ready"
    return tmp_path, folder, reference


def _search(small_db, data) -> tuple[int, list[str], str]:
    code, out, err = cli("--db", str(small_db), "--data-dir", str(data), "search", QUERY)
    keys = [line.rsplit("[", 1)[1].rstrip("]") for line in out.splitlines() if line.rstrip().endswith("]") and "[" in line]
    return code, keys, err


def _segment(folder):
    return max((p for p in folder.path.iterdir() if p.suffix == ".seg"), key=lambda p: p.stat().st_size)


def test_a_toc_cut_to_half_is_rebuilt_by_the_cli(small_db, indexed):
    data, folder, reference = indexed
    toc = next(folder.path.glob("_MAIN_*.toc"))
    toc.write_bytes(toc.read_bytes()[: toc.stat().st_size // 2])
    assert folder.state() == "corrupt"  # was: EOFError out of state()
    code, keys, err = _search(small_db, data)
    assert code == 0 and "Traceback" not in err
    assert "索引不完整或已损坏，正在建立搜索索引" in err
    assert keys == reference[: len(keys)] and keys
    assert folder.state() == "ready"


@pytest.mark.parametrize("trial", range(4))
def test_random_bytes_inside_a_segment_are_noticed_and_repaired(small_db, indexed, trial):
    data, folder, reference = indexed
    segment = _segment(folder)
    raw = bytearray(segment.read_bytes())
    rng = random.Random(trial)
    start = rng.randrange(64, len(raw) - 64)
    raw[start:start + 16] = bytes(rng.randrange(256) for _ in range(16))  # same size: only a checksum sees it
    segment.write_bytes(bytes(raw))
    assert folder.state() == "corrupt"
    with pytest.raises(IndexError_, match="搜索索引已损坏"):
        folder.open()
    code, keys, err = _search(small_db, data)
    assert code == 0 and "索引不完整或已损坏" in err
    assert keys and keys == reference[: len(keys)]


def test_any_read_error_while_opening_counts_as_damage(small_db, indexed):
    _data, folder, _reference = indexed
    toc = next(folder.path.glob("_MAIN_*.toc"))
    toc.write_bytes(b"\x00garbage" * 10)
    marker = json.loads((folder.path / "READY").read_text(encoding="utf-8"))
    marker["files"][toc.name] = [toc.stat().st_size, "0" * 32]  # even with a marker that agrees in size
    (folder.path / "READY").write_text(json.dumps(marker), encoding="utf-8")
    assert folder.state() == "corrupt"
    with pytest.raises(IndexError_):
        folder.open()


def test_the_service_heals_a_damaged_index_and_searches(small_db, indexed):
    data, folder, reference = indexed
    toc = next(folder.path.glob("_MAIN_*.toc"))
    toc.write_bytes(toc.read_bytes()[:10])
    service = Handbook(Store(small_db), cache_root=folder.root, user_db_path=data / "user.sqlite")
    assert service.index_state() == "corrupt"
    result = service.search(QUERY)
    assert [h.clause_key for h in result.hits][:5] == reference[:5]


def test_the_window_starts_with_a_damaged_index(qtbot, small_db, indexed):
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow

    data, folder, _reference = indexed
    toc = next(folder.path.glob("_MAIN_*.toc"))
    toc.write_bytes(toc.read_bytes()[: toc.stat().st_size // 2])
    service = Handbook(Store(small_db), cache_root=folder.root, user_db_path=data / "user.sqlite")
    win = MainWindow(service, QSettings(str(data / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.search.index_ready, timeout=30000)
    assert folder.state() == "ready"
