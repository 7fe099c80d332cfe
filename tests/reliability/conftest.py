"""Fixtures for fault tests: a small content build, the CLI in-process, an unprivileged
child process for permission cases, and a size-limited folder for a full disk."""

from __future__ import annotations

import contextlib
import io
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

import pytest

from tests.conftest import SOURCES

SMALL_SOURCE = "001_d6d39994a278070f.txt"  # 内蒙古自治区2024年政策清单 (43 KB): builds and indexes in about a second
NOBODY = 65534


@pytest.fixture(scope="session")
def small_sources(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("small-sources")
    manifest = json.loads((SOURCES / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"] = [e for e in manifest["files"] if e["file"] == SMALL_SOURCE]
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    shutil.copy(SOURCES / SMALL_SOURCE, folder / SMALL_SOURCE)
    return folder


@pytest.fixture(scope="session")
def small_db(small_sources, tmp_path_factory) -> Path:
    from handbook.ingest.build import build

    path = tmp_path_factory.mktemp("small-content") / "handbook.sqlite"
    build(path, small_sources)
    return path


@pytest.fixture
def public_dir():
    """A folder an unprivileged user may enter (pytest's own tmp folders are 0700)."""
    path = Path(tempfile.mkdtemp(prefix="handbook-reliability-"))
    path.chmod(0o777)
    yield path
    for p in [path, *path.rglob("*")]:  # undo any chmod a test made, then remove
        with contextlib.suppress(OSError):
            p.chmod(0o777 if p.is_dir() else 0o666)
    shutil.rmtree(path, ignore_errors=True)


def cli(*argv: str) -> tuple[int, str, str]:
    """Run ``python -m handbook`` in this process; returns (exit code, stdout, stderr)."""
    from handbook import cli as cli_module
    from handbook import paths

    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.get("HANDBOOK_DATA_DIR")
    getattr(paths, "_notices", []).clear()  # notices are per run of the program
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli_module.main(list(argv))
    finally:
        if saved is None:
            os.environ.pop("HANDBOOK_DATA_DIR", None)
        else:
            os.environ["HANDBOOK_DATA_DIR"] = saved
    return code, out.getvalue(), err.getvalue()


def unprivileged(fn, *args):
    """``fn(*args)`` run as a non-root user (a forked child that drops to nobody when we are root).

    Permission faults cannot be seen by root, who may read and write anything. The child
    shares this process's imported modules (the interpreter's own folder may be closed to
    nobody), so call the code path once as root first when it imports lazily.
    """
    if os.geteuid() != 0:
        return fn(*args)
    if not hasattr(os, "fork"):
        pytest.skip("cannot drop root privileges on this platform (no fork)")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            outcome = ("ok", fn(*args))
        except BaseException as err:  # noqa: BLE001 - reported to the parent
            outcome = ("error", f"{type(err).__name__}: {err}\n{traceback.format_exc()}")
        try:
            with os.fdopen(write, "wb") as f:
                pickle.dump(outcome, f)
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as f:
        data = f.read()
    os.waitpid(pid, 0)
    if not data:
        pytest.fail("the unprivileged child died without a result")
    kind, value = pickle.loads(data)
    if kind == "error":
        pytest.fail(f"unprivileged child failed: {value}")
    return value


@pytest.fixture
def small_disk(public_dir):
    """A 384 KB folder (tmpfs) to fill up: a real full disk. Skipped when mounting is not allowed."""
    folder = public_dir / "disk"
    folder.mkdir()
    if os.geteuid() != 0 or sys.platform != "linux":
        pytest.skip("a size-limited folder needs root to mount tmpfs (the injected-ENOSPC tests still run)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=384k,mode=0777", "tmpfs", str(folder)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"mount tmpfs not permitted here: {done.stderr.decode(errors='replace').strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path) -> None:
    """Write until the folder's disk is full."""
    with open(folder / "filler", "wb", buffering=0) as f, contextlib.suppress(OSError):
        for size in (65536, 4096, 512, 1):
            with contextlib.suppress(OSError):
                while f.write(b"\0" * size) == size:
                    pass


@pytest.fixture(autouse=True)
def dialogs_never_block(monkeypatch):
    """A modal QMessageBox.warning() would wait forever offscreen: open such boxes without
    blocking (as Qt shows them, text format and all) so a test sees them instead of hanging."""
    from PySide6.QtWidgets import QMessageBox

    def opener(icon):
        def show(parent, title, text, *_args, **_kwargs):
            box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
            box.open()
            return QMessageBox.StandardButton.Ok
        return staticmethod(show)

    for name, icon in (("warning", QMessageBox.Icon.Warning), ("information", QMessageBox.Icon.Information),
                       ("critical", QMessageBox.Icon.Critical), ("question", QMessageBox.Icon.Question)):
        monkeypatch.setattr(QMessageBox, name, opener(icon))
