"""Policy Handbook domain package.

Everything the app knows about policy texts lives here: ingestion of the bundled source
texts into ``db/handbook.sqlite``, the read API over it, full-text search, user bookmarks
and the investment-guide composer. Nothing in this package imports Qt or ``ui``; the
import-linter contract in ``pyproject.toml`` enforces that.
"""

__version__ = "0.1.0"
