"""A document's status as of a date: what the app judges at run time (never at build time).

Kept apart from ``validity.py`` (which reads dates and periods out of the printed text with
many patterns, at build time) so that opening the app does not compile those patterns.
"""

from __future__ import annotations

from datetime import date

IN_FORCE = "现行有效"
DRAFT_STATUS = "征求意见稿"
EXPIRED = "已到期"


def effective_status(doc: dict, today: date) -> str:
    """The status to show on ``today``: the stored one, or 已到期 when the document's validity ended."""
    stored = doc.get("status") or IN_FORCE
    if stored != IN_FORCE:
        return stored
    until = doc.get("valid_until")
    if until and until < today.isoformat():
        return EXPIRED
    return stored


def window_ended(start_end: tuple[str | None, str | None] | None, today: date) -> bool:
    return bool(start_end and start_end[1] and start_end[1] < today.isoformat())
