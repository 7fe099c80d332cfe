"""Items 2 and 3: user-database faults are told apart (damaged / not permitted / full / busy),
each with its own Chinese message; only damage moves the file aside; nothing is lost."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from handbook.bookmarks import Bookmarks
from handbook.errors import UserDataError
from handbook.store import Store
from handbook.userdb import UserDB
from tests.reliability.conftest import cli, fill, unprivileged


def _keys(db_path, n=25) -> list[str]:
    return [row["key"] for row in Store(db_path).clause_rows()][:n]


@pytest.fixture
def setup(small_db, public_dir):
    """A content db and a data folder anyone may enter, holding 25 bookmarks."""
    db = public_dir / "handbook.sqlite"
    shutil.copy(small_db, db)
    db.chmod(0o644)
    data = public_dir / "data"
    data.mkdir()
    data.chmod(0o777)
    marks = Bookmarks(UserDB(data / "user.sqlite"), Store(db))
    for i, key in enumerate(_keys(db)):
        marks.add(key, note=f"备注{i}")
    marks.db.close()
    (data / "user.sqlite").chmod(0o666)
    assert cli("--db", str(db), "--data-dir", str(data), "bookmarks", "list")[0] == 0  # imports everything first
    return db, data


def _count(data) -> int:
    conn = sqlite3.connect(data / "user.sqlite")
    try:
        return conn.execute("select count(*) from bookmarks").fetchone()[0]
    finally:
        conn.close()


def _moved_aside(data) -> list[str]:
    return sorted(p.name for p in data.iterdir() if ".corrupt-" in p.name)


def test_an_unreadable_user_db_is_not_damage_and_is_not_moved(setup):
    db, data = setup
    (data / "user.sqlite").chmod(0o000)
    code, out, err = unprivileged(cli, "--db", str(db), "--data-dir", str(data), "bookmarks", "list")
    assert code == 2 and "Traceback" not in err
    assert "没有权限读取书签数据库" in err and "请检查该文件及其所在文件夹的权限" in err
    assert "已损坏" not in err and out == ""
    assert _moved_aside(data) == []
    (data / "user.sqlite").chmod(0o644)
    assert _count(data) == 25


def test_a_read_only_user_db_lists_and_refuses_changes_with_a_message(setup):
    db, data = setup
    (data / "user.sqlite").chmod(0o444)
    key = _keys(db, 30)[-1]
    code, out, err = unprivileged(cli, "--db", str(db), "--data-dir", str(data), "bookmarks", "list")
    assert code == 0 and out.count("备注：") == 25
    assert "只读：书签可以查看，但不能添加或修改" in err
    code, out, err = unprivileged(cli, "--db", str(db), "--data-dir", str(data), "bookmarks", "add", key, "--note", "新")
    assert code == 2 and "Traceback" not in err and "不能添加或修改" in err
    assert _moved_aside(data) == [] and _count(data) == 25


def test_a_read_only_data_folder_still_lists_bookmarks(setup):
    db, data = setup
    data.chmod(0o555)  # no cache/ inside, and none can be made
    code, out, err = unprivileged(cli, "--db", str(db), "--data-dir", str(data), "bookmarks", "list")
    assert code == 0 and out.count("备注：") == 25, err
    assert "不能添加或修改" in err


def test_a_full_disk_on_bookmarks_add_says_so_and_keeps_every_bookmark(setup, small_disk):
    db, data = setup
    shutil.copy(data / "user.sqlite", small_disk / "user.sqlite")
    marks = Bookmarks(UserDB(small_disk / "user.sqlite"), Store(db))
    fill(small_disk)
    added = 0
    with pytest.raises(UserDataError) as caught:
        for key in _keys(db, 400)[25:]:  # the WAL may still have room for a few
            marks.add(key, note="长备注" * 200)
            added += 1
    assert "磁盘空间不足，书签未能保存，原有书签完好" in str(caught.value)
    assert caught.value.kind == "full"
    assert marks.count() == 25 + added
    assert _moved_aside(small_disk) == []
    (small_disk / "filler").unlink()
    marks.add(_keys(db, 400)[-1])  # room again: works without reopening
    assert marks.count() == 26 + added


def test_a_full_disk_through_the_cli_is_one_chinese_sentence(setup, small_disk):
    db, data = setup
    shutil.copy(data / "user.sqlite", small_disk / "user.sqlite")
    fill(small_disk)
    code, _out, err = cli("--db", str(db), "--data-dir", str(small_disk), "bookmarks", "add", _keys(db, 30)[-1],
                          "--note", "长备注" * 2000)
    assert code == 2 and "Traceback" not in err and "cannot rollback" not in err
    assert "磁盘空间不足" in err or "无法写入" in err
    (small_disk / "filler").unlink()
    assert _count(small_disk) == 25


class FailingCommit:
    """A connection whose COMMIT fails the way SQLite does on a full disk: it rolls back, then raises."""

    def __init__(self, conn, text: str, code: int):
        self.conn, self.text, self.code = conn, text, code

    def execute(self, sql, *args):
        if sql.strip().lower() == "commit":
            self.conn.execute("rollback")
            err = sqlite3.OperationalError(self.text)
            err.sqlite_errorcode = self.code
            raise err
        return self.conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self.conn, name)


def inject(marks: Bookmarks, text: str, code: int) -> None:
    marks.db.conn = FailingCommit(marks.db.conn, text, code)


@pytest.mark.parametrize(("text", "code", "expected"), [
    ("database or disk is full", 13, "磁盘空间不足，书签未能保存，原有书签完好。请清理磁盘空间后重试。"),
    ("attempt to write a readonly database", 8, "没有权限写入书签数据库"),
    ("database is locked", 5, "正被另一个程序（可能是另一个政策手册窗口）占用"),
])
def test_a_failing_commit_gives_its_own_message_and_changes_nothing(setup, text, code, expected):
    db, data = setup
    marks = Bookmarks(UserDB(data / "user.sqlite"), Store(db))
    first = marks.list()[-1]
    inject(marks, text, code)
    with pytest.raises(UserDataError, match=expected):  # was: "cannot rollback - no transaction is active"
        marks.add(_keys(db, 30)[-1])
    with pytest.raises(UserDataError, match=expected):
        marks.set_note(first.id, "不会保存")
    assert marks.count() == 25 and marks.get(first.id).note == first.note
    assert _moved_aside(data) == []


def test_a_busy_database_is_not_damage(setup):
    db, data = setup
    other = sqlite3.connect(data / "user.sqlite", isolation_level=None)
    other.execute("begin immediate")
    try:
        marks = Bookmarks(UserDB(data / "user.sqlite"), Store(db))
        marks.db.conn.execute("pragma busy_timeout = 50")
        with pytest.raises(UserDataError, match="正被另一个程序") as caught:
            marks.add(_keys(db, 30)[-1])
        assert caught.value.kind == "busy"
    finally:
        other.execute("rollback")
        other.close()
    assert _moved_aside(data) == [] and _count(data) == 25


def test_only_damage_moves_the_file_aside(setup):
    db, data = setup
    (data / "user.sqlite").write_bytes(b"this is not a database" * 100)
    for side in ("-wal", "-shm"):
        (data / f"user.sqlite{side}").unlink(missing_ok=True)
    code, _out, err = cli("--db", str(db), "--data-dir", str(data), "bookmarks", "list")
    assert code == 0 and "书签数据库已损坏，已另存为" in err
    assert len(_moved_aside(data)) == 1


def test_ctrl_d_on_a_full_disk_shows_a_dialog(qtbot, setup):
    from tests.reliability.ui_helpers import open_window, visible_messages

    db, data = setup
    win = open_window(qtbot, db, data)
    key = _keys(db, 30)[-1]
    inject(win.marks, "database or disk is full", 13)
    win.open_document(key.split(":")[0], key)
    win.toggle_bookmark(key)
    texts = visible_messages(win)
    assert any("磁盘空间不足，书签未能保存" in t for t in texts), texts
    assert win.marks.for_clause(key) is None


def test_a_note_that_cannot_be_saved_is_kept_and_reported(qtbot, setup):
    from tests.reliability.ui_helpers import open_window, visible_messages

    db, data = setup
    win = open_window(qtbot, db, data)
    panel = win.bookmarks_panel
    first = win.marks.list()[0]
    panel.select_bookmark(first.id)
    inject(win.marks, "attempt to write a readonly database", 8)
    panel.note.setPlainText("出差前要问的三件事")
    panel.save_current()
    assert any("备注或文件夹未能保存" in t and "没有权限写入书签数据库" in t for t in visible_messages(win))
    assert panel.note.toPlainText() == "出差前要问的三件事"  # the typed text is not lost
    assert "未保存" in panel.saved.text()
    win.marks.db.conn = win.marks.db.conn.conn  # the disk is writable again: the next save works
    panel.save_current()
    assert win.marks.get(first.id).note == "出差前要问的三件事"


def test_closing_with_a_note_that_could_not_be_saved_asks_first(qtbot, setup, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tests.reliability.ui_helpers import open_window

    db, data = setup
    win = open_window(qtbot, db, data)
    panel = win.bookmarks_panel
    panel.select_bookmark(win.marks.list()[0].id)
    inject(win.marks, "database or disk is full", 13)
    panel.note.setPlainText("还没保存的备注")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.No)
    assert not win.close()  # the user chose to stay
    assert win.isVisible() and asked and "备注未能保存" in asked[0]
    assert panel.note.toPlainText() == "还没保存的备注"
