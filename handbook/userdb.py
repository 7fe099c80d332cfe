"""The user's own database (bookmarks, folders, notes): opening, migrations, recovery.

It lives in the user-data folder, never beside the bundled content, and survives content
rebuilds. SQLite in WAL mode with ``synchronous=FULL``: a change reported as committed is
on disk even if the process is killed the next instant. Schema changes are named
migrations recorded in ``migrations``; each runs in its own transaction, and a copy of the
file is taken (SQLite backup API) before the first pending one. A file that is not a
database or fails ``PRAGMA quick_check`` is moved aside (kept, never deleted) and a fresh
one is started; ``recovered_from`` then names the kept copy so the UI can say so.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from handbook.errors import UserDataError

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


class UserDB:
    """One open user database. ``conn`` is used with ``with db.transaction():`` for writes."""

    def __init__(self, path: Path, migrations: list[Migration] | None = None):
        self.path = Path(path)
        self.migrations = MIGRATIONS if migrations is None else migrations
        self.recovered_from: Path | None = None
        self.backups: list[Path] = []
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise UserDataError(f"无法创建用户数据目录 {self.path.parent}：{err.strerror or err}") from err
        try:
            self.conn = self._connect()
            self._check()
        except sqlite3.DatabaseError:
            self._set_aside()
            self.conn = self._connect()
        except sqlite3.Error as err:
            raise UserDataError(f"无法打开用户数据库 {self.path}：{err}") from err
        self._migrate()

    # -- opening ---------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("pragma journal_mode = wal")
        conn.execute("pragma synchronous = full")
        conn.execute("pragma foreign_keys = on")
        return conn

    def _check(self) -> None:
        row = self.conn.execute("pragma quick_check").fetchone()
        if row is None or row[0] != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {row[0] if row else 'no answer'}")

    def _set_aside(self) -> None:
        try:
            self.conn.close()
        except Exception:  # noqa: BLE001 - a broken connection may fail to close; we move on
            pass
        kept = self.path.with_name(f"{self.path.name}.corrupt-{_stamp()}")
        try:
            self.path.replace(kept)
            for suffix in ("-wal", "-shm"):
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    side.replace(kept.with_name(kept.name + suffix))
        except OSError as err:
            raise UserDataError(f"用户数据库已损坏且无法移开（{err.strerror or err}）：{self.path}") from err
        self.recovered_from = kept

    # -- migrations ------------------------------------------------------------------------

    def applied(self) -> list[str]:
        self.conn.execute("create table if not exists migrations (name text primary key, applied_at text not null)")
        return [r["name"] for r in self.conn.execute("select name from migrations order by name")]

    def schema_version(self) -> int:
        return len(self.applied())

    def _migrate(self) -> None:
        done = set(self.applied())
        pending = [(name, fn) for name, fn in self.migrations if name not in done]
        if not pending:
            return
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
        return _Transaction(self.conn)

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
    """``begin immediate`` … ``commit``; rolls back on any error; disk errors become UserDataError."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self):
        self.conn.execute("begin immediate")
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            try:
                self.conn.execute("commit")
            except sqlite3.Error as err:
                self.conn.execute("rollback")
                raise UserDataError(f"保存失败（{err}），数据未改动。请检查磁盘空间。") from err
            return False
        self.conn.execute("rollback")
        if isinstance(exc, sqlite3.OperationalError) and "full" in str(exc).lower():
            raise UserDataError("磁盘已满，保存失败，数据未改动。") from exc
        return False
