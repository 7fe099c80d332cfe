"""The user's own database (bookmarks, folders, notes): opening, migrations, recovery.

It lives in the user-data folder, never beside the bundled content, and survives content
rebuilds. SQLite in WAL mode with ``synchronous=FULL``: a change reported as committed is
on disk even if the process is killed the next instant. Schema changes are named
migrations recorded in ``migrations``; each runs in its own transaction, and a copy of the
file is taken (SQLite backup API) before the first pending one.

Every SQLite error is sorted by ``classify()`` into damaged / denied / full / busy / io,
each with its own Chinese message (``UserDataError.kind`` tells which). Only damage (a file
that is not a database or fails ``PRAGMA quick_check``) moves the file aside (kept, never
deleted) and starts a fresh one; ``recovered_from`` then names the kept copy so the UI can
say so. A file or folder that cannot be written is opened read-only (``read_only``,
``notice``): bookmarks can be read, and every change is refused with a clear message.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from handbook.errors import UserDataError, explain

Migration = tuple[str, Callable[[sqlite3.Connection], None]]


def _run(conn: sqlite3.Connection, script: str) -> None:
    """Run DDL statements inside the caller's transaction (``executescript`` would commit first)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _m001_bookmarks(conn: sqlite3.Connection) -> None:
    _run(conn, """
        create table bookmarks (
            id integer primary key,
            uid text not null unique,
            clause_key text not null,
            doc_id text not null,
            doc_number text,
            doc_title text not null,
            label text not null default '',
            clause_text text not null,
            note text not null default '',
            state text not null default 'ok',
            created_at text not null,
            updated_at text not null
        );
        create index bookmarks_clause on bookmarks (clause_key);
        create table folders (
            id integer primary key,
            name text not null unique,
            position real not null
        );
        create table bookmark_folders (
            bookmark_id integer not null references bookmarks(id) on delete cascade,
            folder_id integer not null references folders(id) on delete cascade,
            position real not null,
            primary key (bookmark_id, folder_id)
        );
        create table meta (key text primary key, value text not null);
    """)


def _m002_bookmark_position(conn: sqlite3.Connection) -> None:
    # Order of bookmarks that are in no folder (未分组), so they can be reordered too.
    conn.execute("alter table bookmarks add column position real not null default 0")
    conn.execute("update bookmarks set position = id")


MIGRATIONS: list[Migration] = [
    ("001_bookmarks_folders_meta", _m001_bookmarks),
    ("002_bookmark_position", _m002_bookmark_position),
]


def _stamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


DAMAGED, DENIED, FULL, BUSY, IO = "damaged", "denied", "full", "busy", "io"
_CODES = {11: DAMAGED, 26: DAMAGED,  # SQLITE_CORRUPT, SQLITE_NOTADB
          3: DENIED, 8: DENIED, 14: DENIED, 23: DENIED,  # PERM, READONLY, CANTOPEN, AUTH
          13: FULL,  # SQLITE_FULL
          5: BUSY, 6: BUSY}  # SQLITE_BUSY, SQLITE_LOCKED


def classify(err: BaseException) -> str:
    """``damaged``, ``denied``, ``full``, ``busy`` or ``io`` for an error from SQLite or the OS."""
    if isinstance(err, OSError):
        return {28: FULL, 122: FULL, 13: DENIED, 1: DENIED, 30: DENIED}.get(err.errno, IO)
    code = getattr(err, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _CODES:
        return _CODES[code & 0xFF]
    text = str(err).lower()
    for words, kind in ((("malformed", "not a database", "quick_check"), DAMAGED), (("full",), FULL),
                        (("locked", "busy"), BUSY), (("readonly", "permission", "unable to open", "access"), DENIED)):
        if any(w in text for w in words):
            return kind
    return IO


def message(kind: str, path: Path, saving: bool = True) -> str:
    """The Chinese sentence for an error ``kind`` on the user database at ``path``."""
    unchanged = "书签未作改动。" if saving else "书签数据库文件未作改动。"
    return {
        DENIED: f"没有权限{'写入' if saving else '读取'}书签数据库 {path}。{unchanged}请检查该文件及其所在文件夹的权限，"
                f"或用 --data-dir 指定一个可写的文件夹。",
        FULL: f"磁盘空间不足，书签未能保存，原有书签完好。{'' if saving else unchanged}请清理磁盘空间后重试。",
        BUSY: f"书签数据库正被另一个程序（可能是另一个政策手册窗口）占用。{unchanged}请稍后重试。",
        DAMAGED: f"书签数据库 {path} 已损坏。",
        IO: f"读写书签数据库 {path} 时出错。{unchanged}请检查磁盘后重试。",
    }[kind]


def _disk_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < 1024 * 1024
    except OSError:
        return False


def user_error(err: BaseException, path: Path, saving: bool = True) -> UserDataError:
    kind = classify(err)
    if kind == IO and _disk_full(path):  # SQLite reports some writes on a full disk as I/O errors (e.g. its -shm file)
        kind = FULL
    error = UserDataError(message(kind, path, saving))
    error.kind = kind
    return error


class UserDB:
    """One open user database. ``conn`` is used with ``with db.transaction():`` for writes."""

    def __init__(self, path: Path, migrations: list[Migration] | None = None):
        self.path = Path(path)
        self.migrations = MIGRATIONS if migrations is None else migrations
        self.recovered_from: Path | None = None
        self.backups: list[Path] = []
        self.read_only = False
        self.conn: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            if not self.path.exists():
                raise UserDataError(f"无法创建用户数据文件夹 {self.path.parent}（{explain(err)}）。"
                                    f"请用 --data-dir 指定一个可写的文件夹。") from err
        if self.path.exists() and not os.access(self.path, os.R_OK):
            raise user_error(PermissionError(13, "unreadable"), self.path, saving=False)
        folder_writable = os.access(self.path.parent, os.W_OK | os.X_OK)
        if not self.path.exists() and not folder_writable:
            self._open_empty_read_only()
            return
        if self.path.exists() and not (os.access(self.path, os.W_OK) and folder_writable):
            self._open_read_only(None)
            self._migrate_or_refuse()
            return
        try:
            self.conn = self._connect()
            self._check()
        except sqlite3.Error as err:
            kind = classify(err)
            if kind == DAMAGED:
                self._set_aside()
                self.conn = self._connect()
            elif kind == DENIED and self.path.exists():
                self._open_read_only(err)
            elif kind == DENIED:
                self._close()
                self._open_empty_read_only()
                return
            else:
                self._close()
                raise user_error(err, self.path, saving=False) from err
        self._migrate_or_refuse()

    def _migrate_or_refuse(self) -> None:
        try:
            self._migrate()
        except sqlite3.Error as err:
            raise user_error(err, self.path) from err

    @property
    def notice(self) -> str:
        """A sentence for the user when bookmarks can only be read, else ''."""
        if not self.read_only:
            return ""
        return f"书签数据库 {self.path} 或其所在文件夹只读：书签可以查看，但不能添加或修改。请检查文件夹权限。"

    # -- opening ---------------------------------------------------------------------------

    def _connect(self, uri_options: str = "") -> sqlite3.Connection:
        if uri_options:
            conn = sqlite3.connect(f"file:{quote(str(self.path.resolve()))}?{uri_options}", uri=True, timeout=10,
                                   isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        try:
            if not uri_options:
                conn.execute("pragma journal_mode = wal")
                conn.execute("pragma synchronous = full")
            conn.execute("pragma foreign_keys = on")
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def _open_read_only(self, first: sqlite3.Error | None) -> None:
        """The file or its folder cannot be written: read it as it is, refuse changes."""
        self._close()
        for options in ("mode=ro", "immutable=1"):  # a WAL file in a read-only folder needs immutable
            try:
                self.conn = self._connect(options)
                self._check()
                self.read_only = True
                return
            except sqlite3.Error as err:
                self._close()
                if classify(err) == DAMAGED:
                    raise UserDataError(message(DAMAGED, self.path) + "它所在的文件夹只读，无法移开，文件未作改动。") from err
        raise user_error(first or PermissionError(13, "read-only"), self.path, saving=False) from first

    def _open_empty_read_only(self) -> None:
        """No database yet and none can be made here: an empty one in memory, read-only."""
        self.conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self._migrate()
        self.read_only = True

    def _close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.close()
            except sqlite3.Error:
                pass
            self.conn = None

    def _check(self) -> None:
        row = self.conn.execute("pragma quick_check").fetchone()
        if row is None or row[0] != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {row[0] if row else 'no answer'}")

    def _set_aside(self) -> None:
        self._close()
        kept = self.path.with_name(f"{self.path.name}.corrupt-{_stamp()}")
        try:
            self.path.replace(kept)
            for suffix in ("-wal", "-shm"):
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    side.replace(kept.with_name(kept.name + suffix))
        except OSError as err:
            raise UserDataError(message(DAMAGED, self.path) + f"无法移开（{explain(err)}），文件未作改动。") from err
        self.recovered_from = kept

    # -- migrations ------------------------------------------------------------------------

    def applied(self) -> list[str]:
        exists = self.conn.execute("select 1 from sqlite_master where type = 'table' and name = 'migrations'").fetchone()
        if not exists:
            if self.read_only:
                return []
            self.conn.execute("create table if not exists migrations (name text primary key, applied_at text not null)")
        return [r["name"] for r in self.conn.execute("select name from migrations order by name")]

    def schema_version(self) -> int:
        return len(self.applied())

    def _migrate(self) -> None:
        done = set(self.applied())
        pending = [(name, fn) for name, fn in self.migrations if name not in done]
        if not pending:
            return
        if self.read_only:
            raise UserDataError(self.notice + "这个书签数据库需要升级，请让它可写后再打开。")
        if done:  # an existing database: keep a copy before changing its schema
            self.backups.append(self.backup(self.path.with_name(f"{self.path.name}.bak-{_stamp()}-before-{pending[0][0]}")))
        for name, fn in pending:
            with self.transaction():
                fn(self.conn)
                self.conn.execute("insert into migrations (name, applied_at) values (?, ?)", (name, _stamp()))

    def backup(self, target: Path) -> Path:
        dest = sqlite3.connect(target)
        try:
            self.conn.backup(dest)
        finally:
            dest.close()
        return target

    # -- writing ---------------------------------------------------------------------------

    def transaction(self):
        return _Transaction(self)

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("select value from meta where key = ?", (key,)).fetchone()
        return row["value"] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute("insert into meta (key, value) values (?, ?) on conflict(key) do update set value = excluded.value",
                              (key, value))

    def close(self) -> None:
        self.conn.close()


class _Transaction:
    """``begin immediate`` … ``commit``; rolls back on any error; SQLite errors become UserDataError."""

    def __init__(self, db: UserDB):
        self.db = db
        self.conn = db.conn

    def __enter__(self):
        if self.db.read_only:
            raise UserDataError(self.db.notice)
        try:
            self.conn.execute("begin immediate")
        except sqlite3.Error as err:
            raise user_error(err, self.db.path) from err
        return self.conn

    def _rollback(self) -> None:
        if self.conn.in_transaction:  # SQLite may have rolled back already (e.g. a full disk at commit)
            try:
                self.conn.execute("rollback")
            except sqlite3.Error:
                pass

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            try:
                self.conn.execute("commit")
            except sqlite3.Error as err:
                self._rollback()
                raise user_error(err, self.db.path) from err
            return False
        self._rollback()
        if isinstance(exc, sqlite3.Error):
            raise user_error(exc, self.db.path) from exc
        return False
