"""Snippets: a window of a clause around the densest cluster of query-word matches.

Cut in characters (the analyzer keeps offsets, so they are right for Chinese), with
highlight offsets into the snippet string; a highlighted word is never cut in two.
"""

from __future__ import annotations

from handbook.search.analysis import fold

SNIPPET_CHARS = 90


def _matches(text: str, patterns) -> list[tuple[int, int, int]]:
    """(start, end, pattern number) of every match in ``text``, sorted."""
    folded = fold(text)
    return sorted((m.start(), m.end(), i) for i, p in enumerate(patterns) for m in p.finditer(folded) if m.end() > m.start())


def _merge(matches: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end, _ in matches:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def find_spans(text: str, patterns) -> list[tuple[int, int]]:
    """Merged (start, end) spans of every pattern match in ``text`` (offsets in ``text``)."""
    return _merge(_matches(text, patterns))


def make_snippet(text: str, patterns, width: int = SNIPPET_CHARS) -> tuple[str, list[tuple[int, int]]]:
    """A ``width``-character window of ``text`` showing as many different query words as possible."""
    text = " ".join(text.split())
    matches = _matches(text, patterns)
    spans = _merge(matches)
    if len(text) <= width:
        return text, spans
    start = 0
    if matches:
        lead = min(16, width // 5)

        def coverage(i: int) -> tuple[int, int, int]:
            limit = matches[i][0] - lead + width
            kinds, count = set(), 0
            for m in matches[i:]:
                if m[0] > limit:
                    break
                if m[1] <= limit:
                    kinds.add(m[2])
                    count += 1
            return len(kinds), count, -i

        best = max(range(len(matches)), key=coverage)
        start = max(0, min(matches[best][0] - lead, len(text) - width))
    end = min(len(text), start + width)
    for s, e in spans:  # never cut a highlighted word in two
        if s < end < e:
            end = s
        if s < start < e:
            start = s
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    inside = [(max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end]
    return prefix + text[start:end] + suffix, inside
