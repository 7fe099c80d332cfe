"""Clause knowledge: what each clause is, grants, is about and until when it holds.

The second stage after ingestion. ``annotate_document`` takes one parsed document (its clause
tree and metadata) and returns, computed once at build time: per clause its role, heading path,
citation, measure window, incentive facts and industry relevance; per document its validity
(effective, valid until, trial, draft, year) and issuers inferred from the text. Nothing here
reads or writes the database; ``ingest/build.py`` stores the result.
"""

__all__ = ["ClauseKnowledge", "DocumentKnowledge", "annotate_document"]


def __getattr__(name: str):
    """Import the build-time annotator on first use: the app only needs ``validity`` at run
    time, and loading the rules (hundreds of patterns) would slow every start-up."""
    if name in __all__:
        from handbook.knowledge import annotate

        return getattr(annotate, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
