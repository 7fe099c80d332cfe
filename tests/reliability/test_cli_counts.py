"""Item 11: the CLI marks an estimated hit count with 约, as the window does, and both
show the same figure for the same query and limit."""

from __future__ import annotations

import re

from PySide6.QtCore import QSettings

from handbook.service import Handbook
from tests.reliability.conftest import cli
from ui.main_window import MainWindow


def _cli_count(built_db, query: str, limit: int) -> str:
    code, out, err = cli("--db", str(built_db), "search", query, "--limit", str(limit))
    assert code == 0, err
    return re.search(r"共 (约 )?\d+ 条", out).group(0)


def test_an_estimated_count_is_marked_in_the_cli(searchable, built_db):
    result = searchable.search("储能", limit=20)
    assert result.total_is_estimate  # the audit's query: more hits than are scored, so counted approximately
    assert _cli_count(built_db, "储能", 20) == f"共 约 {result.total} 条"


def test_an_exact_count_is_not_marked(searchable, built_db):
    result = searchable.search("国发〔2023〕16号", limit=20)
    assert not result.total_is_estimate
    assert _cli_count(built_db, "国发〔2023〕16号", 20) == f"共 {result.total} 条"


def test_cli_and_window_say_the_same_for_the_same_query(qtbot, searchable, built_db, tmp_path):
    service = Handbook(searchable.store, cache_root=searchable.index_folder.root, user_db_path=tmp_path / "u.sqlite")
    win = MainWindow(service, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.search.index_ready, timeout=60000)
    win.search.set_query("储能")
    win.search.run_now()
    qtbot.waitUntil(lambda: win.search.last_result is not None, timeout=30000)
    shown = re.search(r"共 (约 )?\d+ 条", win.search.count.text()).group(0)
    assert shown == _cli_count(built_db, "储能", 50)
