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
