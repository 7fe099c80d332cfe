"""Bookmarks: CRUD, folders, export/import, surviving content rebuilds, corrupt DB, crashes."""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from handbook.bookmarks import Bookmarks
from handbook.errors import ImportFormatError, UserDataError
from handbook.store import Store
from handbook.userdb import MIGRATIONS, UserDB
from tests.conftest import ROOT

KEY = "34467a7acf:s3.p2"  # 内政办发〔2022〕15号 （二）鼓励风光制氢一体化发展
KEY2 = "34467a7acf:s4.p1"


@pytest.fixture
def store(built_db):
    return Store(built_db)


@pytest.fixture
def marks(tmp_path, store):
    return Bookmarks(UserDB(tmp_path / "user.sqlite"), store)


def test_add_snapshots_the_clause_and_lists_by_folder(marks, store):
    b = marks.add(KEY, note="问绿电指标", folders=["2026-12 鄂尔多斯考察", "某某氢能项目"])
    assert b.doc_number == "内政办发〔2022〕15号" and b.label == "（二）"
    assert b.clause_text == store.clause(KEY)["text"]
    assert b.folders == ["2026-12 鄂尔多斯考察", "某某氢能项目"]
    marks.add(KEY2, folders=["某某氢能项目"])
    assert [x.clause_key for x in marks.list(folder="某某氢能项目")] == [KEY, KEY2]
    assert [x.clause_key for x in marks.list(folder="2026-12 鄂尔多斯考察")] == [KEY]
    assert marks.folders() == ["2026-12 鄂尔多斯考察", "某某氢能项目"]
    assert [x.clause_key for x in marks.list(query="绿电指标")] == [KEY]
    assert marks.marked_keys() == {KEY, KEY2}


def test_edit_note_folders_move_delete_and_undo(marks):
    a = marks.add(KEY, folders=["甲"])
    b = marks.add(KEY2, folders=["甲"])
    marks.set_note(a.id, "新备注 <&>")
    assert marks.get(a.id).note == "新备注 <&>"
    marks.move(b.id, "甲", "甲", before_id=a.id)  # reorder inside the folder
    assert [x.id for x in marks.list(folder="甲")] == [b.id, a.id]
    marks.move(a.id, "甲", "乙")  # drag into another folder
    assert [x.id for x in marks.list(folder="乙")] == [a.id] and [x.id for x in marks.list(folder="甲")] == [b.id]
    marks.move(b.id, "甲", None)
    assert [x.id for x in marks.list(unfiled=True)] == [b.id]
    removed = marks.delete(a.id)
    assert marks.get(a.id) is None
    back = marks.restore(removed)
    assert back.uid == removed.uid and back.note == "新备注 <&>" and back.folders == ["乙"]
    with pytest.raises(UserDataError):
        marks.add("nope:s1")


def test_export_import_round_trip_is_lossless(tmp_path, marks, store):
    marks.add(KEY, note="备注一", folders=["甲", "乙"])
    marks.add(KEY2, note="", folders=[])
    exported = marks.export_json()
    other = Bookmarks(UserDB(tmp_path / "other.sqlite"), store)
    report = other.import_json(exported)
    assert report == {"added": 2, "skipped": 0, "folders_created": 2}
    as_json = lambda m: sorted((b.to_json() for b in m.list()), key=lambda d: d["uid"])  # noqa: E731
    assert as_json(other) == as_json(marks)
    assert other.folders() == marks.folders()
    assert other.import_json(exported) == {"added": 0, "skipped": 2, "folders_created": 0}  # merge, no duplicates


def test_csv_export_opens_in_excel(marks):
    marks.add(KEY, note="问“绿电”指标，含逗号", folders=["甲"])
    text = marks.export_csv()
    assert text.startswith("\ufeff文件,文号,发文机关,地区,层级,条款")
    assert "问“绿电”指标，含逗号" in text and "内政办发〔2022〕15号" in text
    assert ",内蒙古自治区人民政府办公厅,内蒙古自治区,自治区级," in text


@pytest.mark.parametrize("bad", ["", "{", "[]", '{"format": "other"}', '{"format": "policy-handbook-bookmarks", "version": 1}',
                                 '{"format": "policy-handbook-bookmarks", "version": 99, "bookmarks": []}',
                                 '{"format": "policy-handbook-bookmarks", "version": 1, "bookmarks": [{"uid": "x"}]}'])
def test_malformed_import_is_rejected_and_changes_nothing(marks, bad):
    marks.add(KEY, folders=["甲"])
    good = json.loads(marks.export_json())
    with pytest.raises(ImportFormatError):
        marks.import_json(bad)
    # a file whose second bookmark is broken adds nothing, not even the first
    good["bookmarks"].append({"uid": "y", "clause_key": KEY2})
    good["bookmarks"][0]["uid"] = "fresh"
    with pytest.raises(ImportFormatError, match="第 2 个书签"):
        marks.import_json(json.dumps(good))
    assert marks.count() == 1 and marks.folders() == ["甲"]


def changed_content(built_db, tmp_path, store):
    """A rebuilt handbook: KEY's clause moved to a new key, KEY2's text rewritten and key gone."""
    path = tmp_path / "rebuilt.sqlite"
    shutil.copy(built_db, path)
    conn = sqlite3.connect(path)
    conn.execute("update clauses set key = '34467a7acf:s3.p2b' where key = ?", (KEY,))
    conn.execute("update clauses set key = '34467a7acf:s4.p1b', text = '（一）全新的条款文字。' where key = ?", (KEY2,))
    conn.execute("update meta set value = 'rebuilt' where key = 'content_version'")
    conn.commit()
    conn.close()
    return Store(path)


def test_bookmarks_survive_a_content_rebuild(built_db, tmp_path, store):
    db = UserDB(tmp_path / "user.sqlite")
    marks = Bookmarks(db, store)
    marks.reattach()
    kept = marks.add("34467a7acf:s1", folders=["甲"])
    moved = marks.add(KEY, note="重要")
    gone = marks.add(KEY2, note="要保留")
    after = Bookmarks(db, changed_content(built_db, tmp_path, store))
    outcome = after.reattach()
    assert outcome == {"checked": 3, "by_key": 1, "by_text": 1, "changed": 1}
    assert after.get(kept.id).state == "ok"
    assert after.get(moved.id).clause_key == "34467a7acf:s3.p2b" and after.get(moved.id).note == "重要"
    lost = after.get(gone.id)
    assert lost.state == "changed" and lost.state_label == "原文已变更"
    assert lost.clause_text == gone.clause_text and lost.note == "要保留"  # the saved text is never lost
    assert after.count() == 3
    assert after.reattach() == {"checked": 0}  # once per content version


def test_corrupt_user_database_is_set_aside_and_a_fresh_one_started(tmp_path, store):
    path = tmp_path / "user.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    db = UserDB(path)
    assert db.recovered_from is not None and db.recovered_from.exists()
    assert db.recovered_from.read_bytes().startswith(b"this is not")
    marks = Bookmarks(db, store)
    assert marks.count() == 0
    marks.add(KEY)
    assert marks.count() == 1


def test_migration_takes_a_backup_and_keeps_data(tmp_path, store):
    path = tmp_path / "user.sqlite"
    old = UserDB(path, migrations=MIGRATIONS[:1])
    old.conn.execute("insert into folders (name, position) values ('甲', 1)")
    old.close()
    db = UserDB(path)
    assert db.schema_version() == len(MIGRATIONS)
    assert db.backups and db.backups[0].exists()
    assert sqlite3.connect(db.backups[0]).execute("select name from folders").fetchall() == [("甲",)]
    assert [r[0] for r in db.conn.execute("select name from folders")] == ["甲"]


def test_failed_migration_rolls_back(tmp_path):
    def broken(conn):
        conn.execute("create table half (x)")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        UserDB(tmp_path / "u.sqlite", migrations=[*MIGRATIONS, ("003_broken", broken)])
    db = UserDB(tmp_path / "u.sqlite")
    assert db.schema_version() == len(MIGRATIONS)
    assert not db.conn.execute("select 1 from sqlite_master where name = 'half'").fetchone()


def test_sigkill_at_random_moments_loses_no_committed_bookmark(tmp_path, built_db):
    path = tmp_path / "crash.sqlite"
    rng = random.Random(20261121)
    reported: list[str] = []
    rounds = 60
    for _ in range(rounds):
        proc = subprocess.Popen([sys.executable, "-m", "tests.handbook.crash_writer", str(path), str(built_db)],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = proc.stdout.readline()  # wait for the first commit however slow start-up is (a loaded CI machine)
        time.sleep(rng.uniform(0.0, 0.3))  # then kill at a random moment mid-write
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        reported += [line for line in (first + out).splitlines() if len(line) == 32]  # a torn last line is not a report
    conn = sqlite3.connect(path)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    present = {r[0] for r in conn.execute("select uid from bookmarks")}
    lost = [uid for uid in reported if uid not in present]
    print(f"crash test: {rounds} SIGKILL rounds, {len(reported)} commits reported, {len(present)} present, {len(lost)} lost")
    assert len(reported) > rounds and lost == []
