"""What a content switch (update or rollback) did to the officer's bookmarks, in Chinese.

Bookmarks are re-attached by ``handbook.bookmarks`` (by key, else by saved text). This module
only compares before and after: a bookmark whose clause key changed has *moved*; one that
could not be found is *changed* (原文已变更, kept with its saved text); one still on the same
clause whose wording differs between the two editions points at *changed text*.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from handbook.content.changelog import describe


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def switch_report(hb, changelog: dict, switch: Callable[[], None], result: dict) -> dict:
    marks = hb.bookmarks
    before = {}
    for b in marks.list():
        clause = hb.store.clause(b.clause_key)
        before[b.id] = (b.clause_key, b.state, clause["text"] if clause else None)
    switch()
    moved, lost, reworded = [], [], []
    for b in marks.list():
        if b.id not in before:
            continue
        key, state, old_text = before[b.id]
        entry = {"id": b.id, "citation": b.citation, "clause_key": b.clause_key, "note": b.note}
        if b.state == "changed" and state != "changed":
            lost.append(entry)
        elif b.clause_key != key:
            moved.append({**entry, "from": key})
        elif old_text is not None:
            clause = hb.store.clause(b.clause_key)
            if clause and _squash(clause["text"]) != _squash(old_text):
                reworded.append(entry)
    lines = describe(changelog)
    if moved or lost or reworded:
        lines.append(f"书签：{len(moved)} 条已重新定位，{len(reworded)} 条所在条款文字有改动，{len(lost)} 条找不到原条款（已保留原文）。")
        lines += [f"［已重新定位］{m['citation']}" for m in moved]
        lines += [f"［文字有改动］{m['citation']}" for m in reworded]
        lines += [f"［原文已变更］{m['citation']}" for m in lost]
    else:
        lines.append(f"书签：全部 {len(before)} 条仍指向原条款，文字未变。")
    return {**result, "changelog": changelog, "lines": lines,
            "bookmarks": {"moved": moved, "text_changed": reworded, "changed": lost}}
