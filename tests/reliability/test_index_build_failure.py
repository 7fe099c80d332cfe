"""Item 8: after a failed index build the search panel says why (in Chinese) and offers
重试, instead of 正在建立搜索索引… forever; a retry that succeeds makes search work."""

from __future__ import annotations

import shutil

from tests.reliability.ui_helpers import open_window, seen, visible_messages


def test_a_failed_build_is_reported_and_can_be_retried(qtbot, small_db, tmp_path):
    shutil.copy(small_db, tmp_path / "c.sqlite")
    (tmp_path / "cache").write_text("a file where the cache folder should be", encoding="utf-8")
    win = open_window(qtbot, tmp_path / "c.sqlite", tmp_path, build_index=True)
    panel = win.search
    qtbot.waitUntil(lambda: panel.index_error is not None, timeout=30000)
    shown = seen(panel.message.text())
    assert "搜索索引未能建立：无法写入搜索索引（路径中有一项不是文件夹）" in shown and "重试" in shown
    assert "正在建立搜索索引" not in shown
    assert any("搜索索引未能建立" in t for t in visible_messages())
    panel.set_query("新能源")
    panel.run_now()
    assert "重试" in seen(panel.message.text()) and "正在建立" not in seen(panel.message.text())

    (tmp_path / "cache").unlink()  # the cause is fixed; the user clicks 重试
    panel.message.linkActivated.emit("retry")
    qtbot.waitUntil(lambda: panel.index_ready, timeout=30000)
    qtbot.waitUntil(lambda: panel.hit_count() > 0, timeout=30000)
    assert panel.index_error is None
