"""Exception tree of the handbook domain.

Every error the domain raises on purpose derives from ``HandbookError`` and carries a
message in Simplified Chinese that the UI and CLI can show as it is::

    HandbookError
    ├── SourceError            a bundled source text cannot be ingested (names file, line)
    ├── ContentError           the bundled database is missing, corrupt or of a wrong version
    ├── IndexError_            the search index is missing, stale or corrupt (rebuilt on demand)
    ├── QueryError             a search query cannot be understood
    ├── UserDataError          the user database cannot be opened or written
    │   └── ImportFormatError  an import file is malformed (nothing was changed)
    └── GuideError             an investment guide cannot be composed or written
"""


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
