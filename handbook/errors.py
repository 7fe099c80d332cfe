"""Exception tree of the handbook domain.

Every error the domain raises on purpose derives from ``HandbookError`` and carries a
message in Simplified Chinese that the UI and CLI can show as it is::

    HandbookError
    ├── SourceError            a bundled source text cannot be ingested (names file, line)
    ├── ContentError           the bundled database is missing, corrupt or of a wrong version
    │   └── PackError          a content-update pack is damaged, older or of another format (nothing changed)
    ├── IndexError_            the search index is missing, stale or corrupt (rebuilt on demand)
    ├── QueryError             a search query cannot be understood
    ├── UserDataError          the user database cannot be opened or written
    │   └── ImportFormatError  an import file is malformed (nothing was changed)
    ├── GuideError             an investment guide cannot be composed or written
    └── PolicyImportError      a file the officer imports is not a readable policy text (nothing saved)

``explain(err)`` turns an OS or codec error into a short Chinese reason for such messages.
"""

import errno


class HandbookError(Exception):
    """Base class; ``str(err)`` is a message fit for the user (Chinese)."""


class SourceError(HandbookError):
    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        self.file = file
        self.line = line
        where = ""
        if file:
            where = f"{file}"
            if line:
                where += f" 第 {line} 行"
            where += "："
        super().__init__(where + message)


class ContentError(HandbookError):
    pass


class IndexError_(HandbookError):  # noqa: N801 - avoid shadowing builtins.IndexError
    pass


class QueryError(HandbookError):
    pass


class SearchCancelled(HandbookError):
    """A newer search replaced this one while it ran; never shown to the user."""


class UserDataError(HandbookError):
    pass


class ImportFormatError(UserDataError):
    pass


class GuideError(HandbookError):
    pass


class PackError(ContentError):
    pass


class PolicyImportError(HandbookError):
    pass


_ERRNO_REASONS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "所在磁盘或文件夹只读",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一项不是文件夹",
    errno.EFBIG: "文件过大",
    errno.EIO: "磁盘读写出错",
    errno.EBUSY: "文件正被占用",
}


def explain(err: BaseException) -> str:
    """A short Chinese reason for an OS or codec error (never the raw English text)."""
    if isinstance(err, HandbookError):
        return str(err)
    if isinstance(err, UnicodeDecodeError):
        return f"不是有效的 {_codec_name(err.encoding)} 文本（第 {err.start + 1} 个字节处无法解码），请以 UTF-8 编码保存后重试"
    if isinstance(err, UnicodeEncodeError):
        return f"含有无法以 {_codec_name(err.encoding)} 保存的字符（第 {err.start + 1} 个字符），可能是损坏的文字"
    if isinstance(err, UnicodeError):
        return "文字编码错误，请以 UTF-8 编码保存后重试"
    if isinstance(err, OSError):
        return _ERRNO_REASONS.get(err.errno, "读写文件出错" + (f"（错误号 {err.errno}）" if err.errno else ""))
    if isinstance(err, MemoryError):
        return "内存不足"
    if isinstance(err, RecursionError):
        return "内容嵌套层数过多"
    return "出现意外错误"


def _codec_name(encoding: str | None) -> str:
    name = (encoding or "").lower().replace("_", "-")
    return "UTF-8" if name.startswith("utf-8") or name == "utf8" else (encoding or "UTF-8")
