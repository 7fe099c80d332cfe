"""Writing user files safely: a temporary file in the target folder, then an atomic rename.

Used by every export (guides, bookmark PDF/JSON/CSV): a full disk, a read-only folder or a
crash half-way leaves any earlier file intact and no temporary file behind, and the user gets
a Chinese message instead of a traceback.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from handbook.errors import GuideError


def atomic_write(path: Path, write) -> Path:
    """Call ``write(tmp_path)`` then rename over ``path``: a failure leaves any old file intact."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
        os.close(fd)
    except OSError as err:
        raise GuideError(f"无法写入 {path}：{err.strerror or err}") from err
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        reason = "磁盘空间不足" if getattr(err, "errno", None) == 28 else (err.strerror or str(err))
        raise GuideError(f"无法保存 {path.name}：{reason}。原有文件未受影响。") from err
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
