"""Item 11: the CLI marks an estimated hit count with 约, as the window does, and both
show the same figure for the same query and limit."""

from __future__ import annotations

import re

from PySide6.QtCore import QSettings

from handbook.service import Handbook
from tests.reliability.conftest import cli
from ui.main_window import MainWindow

COUNT = r"共 \d+ 个文件、(约 )?\d+ 处匹配"


def _cli_count(built_db, query: str, limit: int) -> str:
    code, out, err = cli("--db", str(built_db), "search", query, "--limit", str(limit))
    assert code == 0, err
    return re.search(COUNT, out).group(0)


def test_an_estimated_count_is_marked_in_the_cli(searchable, built_db, monkeypatch):
    from handbook.search import matching

    monkeypatch.setattr(matching, "VERIFY_CAP", 5)  # more candidates than are confirmed: counted from a sample
    searchable._searcher.matcher._cache.clear()
    searchable._searcher.matcher._terms.clear()
    try:
        result = searchable.search("高质量发展", limit=20)
        assert result.total_is_estimate and "约 " in result.count_text
        assert _cli_count(built_db, "高质量发展", 20) == result.count_text
    finally:
        searchable._searcher.matcher._cache.clear()
        searchable._searcher.matcher._terms.clear()


def test_an_exact_count_is_not_marked(searchable, built_db):
    result = searchable.search("国发〔2023〕16号", limit=20)
    assert not result.total_is_estimate
    assert _cli_count(built_db, "国发〔2023〕16号", 20) == result.count_text


def test_cli_and_window_say_the_same_for_the_same_query(qtbot, searchable, built_db, tmp_path):
    service = Handbook(searchable.store, cache_root=searchable.index_folder.root, user_db_path=tmp_path / "u.sqlite")
    win = MainWindow(service, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.search.index_ready, timeout=60000)
    win.search.set_query("储能")
    win.search.run_now()
    qtbot.waitUntil(lambda: win.search.last_result is not None, timeout=30000)
    shown = re.search(COUNT, win.search.count.text()).group(0)
    assert shown == _cli_count(built_db, "储能", 50)
