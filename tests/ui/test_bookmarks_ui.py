"""Bookmarks in the window: Ctrl+D, the star, notes that persist, undo, a corrupt user DB."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from handbook.service import Handbook
from tests.ui.fakes import show_active
from ui.main_window import MainWindow

KEY = "34467a7acf:s3.p2"


@pytest.fixture
def make_window(qtbot, searchable, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    def make():
        service = Handbook(searchable.store, cache_root=searchable.index_folder.root, user_db_path=tmp_path / "user.sqlite")
        win = MainWindow(service, settings)
        qtbot.addWidget(win)
        show_active(qtbot, win)
        return win

    return make


def test_ctrl_d_adds_the_clause_and_shows_the_star(qtbot, make_window):
    win = make_window()
    win.open_document("34467a7acf", KEY)
    reader = win.readers.current()
    assert reader.text.star_positions == []
    win.activateWindow()
    reader.text.setFocus()
    qtbot.keyClick(reader.text, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert win.marks.for_clause(KEY) is not None
    start, _ = reader.clause_span(KEY)
    assert reader.text.star_positions == [start]
    panel = win.bookmarks_panel
    assert panel.current_id == win.marks.for_clause(KEY).id
    qtbot.keyClick(reader.text, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # again: removed
    assert win.marks.for_clause(KEY) is None and reader.text.star_positions == []
    panel.undo_delete()
    assert win.marks.for_clause(KEY) is not None and reader.text.star_positions == [start]


def test_note_and_folders_edits_persist_after_the_window_is_recreated(qtbot, make_window):
    win = make_window()
    win.open_document("34467a7acf", KEY)
    win.toggle_bookmark()
    panel = win.bookmarks_panel
    panel.note.setPlainText("ask about 绿电 quota")
    panel.folders_edit.setText("2026-12 鄂尔多斯考察、某某氢能项目")
    panel.folders_edit.textEdited.emit(panel.folders_edit.text())
    panel.folders_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: win.marks.for_clause(KEY).note == "ask about 绿电 quota", timeout=3000)
    win.close()
    again = make_window()
    bookmark = again.marks.for_clause(KEY)
    assert bookmark.note == "ask about 绿电 quota"
    assert bookmark.folders == ["2026-12 鄂尔多斯考察", "某某氢能项目"]
    tops = [again.bookmarks_panel.tree.topLevelItem(i).text(0) for i in range(again.bookmarks_panel.tree.topLevelItemCount())]
    assert tops[:2] == ["2026-12 鄂尔多斯考察（1）", "某某氢能项目（1）"]
    restored = again.readers.readers()[0]  # the last document waits in its tab behind the start page
    assert restored.location()[0] == "34467a7acf"
    again.show()
    again.readers.setCurrentWidget(restored)  # the user switches to it: laid out then, with its star
    assert restored.text.star_positions and restored.text.document().toPlainText()


def test_move_between_folders_and_open_from_the_panel(qtbot, make_window):
    win = make_window()
    b = win.marks.add(KEY, folders=["甲"])
    panel = win.bookmarks_panel
    panel.refresh()
    panel.tree.moved.emit(b.id, "甲", "乙", None)
    assert win.marks.get(b.id).folders == ["乙"]
    panel.select_bookmark(b.id)
    panel._open(panel.tree.currentItem())
    assert win.readers.current().location() == ("34467a7acf", KEY)


def test_a_corrupt_user_database_is_set_aside_and_the_app_starts(qtbot, searchable, tmp_path):
    path = tmp_path / "user.sqlite"
    path.write_bytes(b"garbage" * 500)
    service = Handbook(searchable.store, cache_root=searchable.index_folder.root, user_db_path=path)
    win = MainWindow(service, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    assert "已损坏" in win.user_notice and win.bookmarks_panel.banner.text() == win.user_notice
    assert list(tmp_path.glob("user.sqlite.corrupt-*"))
    win.open_document("34467a7acf", KEY)
    win.toggle_bookmark()
    assert win.marks.count() == 1
