"""Input size limits: how big a source text, an import file or a note may be.

Every input a user can hand the program is checked against one of these before it is
read in full, so a wrong or huge file gives a clear Chinese message at once instead of
minutes of work and gigabytes of memory. The limits are far above any real input (the
largest bundled source is about 1 MB). (An overlong query is cut by the search itself,
with a notice.)
"""

from __future__ import annotations

from pathlib import Path

from handbook.errors import HandbookError, explain

MB = 1024 * 1024
MAX_SOURCE_BYTES = 32 * MB      # one source text (policy compilation)
MAX_IMPORT_BYTES = 32 * MB      # one bookmark export file
MAX_POLICY_FILE_BYTES = 64 * MB  # one policy file the officer imports (.txt, .docx, .pdf)
MAX_NOTE_CHARS = 20_000         # one bookmark note or folder name list


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{max(1, n // 1024)} KB"


def check_file(path: Path, limit: int, what: str, error: type[HandbookError] = HandbookError) -> int:
    """Size of ``path`` in bytes; raises ``error`` (Chinese) when unreadable or over ``limit``."""
    try:
        size = Path(path).stat().st_size
    except OSError as err:
        raise error(f"无法读取{what} {Path(path).name}：{explain(err)}。") from err
    if size > limit:
        raise error(f"{what} {Path(path).name} 过大（{_size(size)}，上限 {_size(limit)}），未读取。"
                    f"请确认选择的是正确的文件。")
    return size


def check_text(text: str, limit: int, what: str, error: type[HandbookError] = HandbookError) -> str:
    if len(text) > limit:
        raise error(f"{what}过长（{len(text)} 字，上限 {limit} 字），请缩短后重试。")
    return text
