"""Writing user files safely: a temporary file in the target folder, then an atomic rename.

Used by every export (guides, bookmark PDF/JSON/CSV): a full disk, a read-only folder or a
crash half-way leaves any earlier file intact and no temporary file behind, and the user gets
a Chinese message instead of a traceback.
"""

from __future__ import annotations

import os
import stat
import tempfile
import threading
from pathlib import Path

from handbook.errors import GuideError, explain

_UMASK_LOCK = threading.Lock()


def _umask() -> int:
    with _UMASK_LOCK:  # os.umask can only be read by setting it
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _final_mode(path: Path) -> int:
    """The mode of the file being replaced, else what a plain ``open()`` would give (0644 with umask 022)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def atomic_write(path: Path, write) -> Path:
    """Call ``write(tmp_path)`` then rename over ``path``: a failure leaves any old file intact.
    The new file keeps the mode of the one it replaces (mkstemp's 0600 never leaks out)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
        os.close(fd)
    except OSError as err:
        raise GuideError(f"无法写入 {path}：{explain(err)}。") from err
    try:
        write(Path(tmp))
        os.chmod(tmp, _final_mode(path))
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise GuideError(f"无法保存 {path.name}：{explain(err)}。原有文件未受影响。") from err
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
