"""Snippets: a window of a clause around the densest cluster of query-word matches.

Cut in characters (the analyzer keeps offsets, so they are right for Chinese), with
highlight offsets into the snippet string; a highlighted word is never cut in two.
"""

from __future__ import annotations

from handbook.search.analysis import fold

SNIPPET_CHARS = 90
SNIPPET_SPAN = 480  # characters of a long clause handed to the snippet cutter


def _matches(folded: str, patterns) -> list[tuple[int, int, int]]:
    """(start, end, pattern number) of every match in the folded text, sorted."""
    found = []
    for i, p in enumerate(patterns):
        for m in p.finditer(folded):
            start, end = m.span()
            if end > start:
                found.append((start, end, i))
    found.sort()
    return found


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
    return _merge(_matches(fold(text), patterns))


def make_snippet(text: str, patterns, width: int = SNIPPET_CHARS, folded: str | None = None) -> tuple[str, list[tuple[int, int]]]:
    """A ``width``-character window of ``text`` showing as many different query words as possible.

    When the words lie too far apart for one window, the snippet is two shorter pieces joined
    by "…", the second around the first word the first piece misses. ``folded`` is ``fold(text)``
    when the caller has it already (the index keeps every clause folded).
    """
    text = " ".join(text.split())
    # Folding keeps whitespace where it is (only U+3000 becomes a space), so the folded text
    # collapses to the fold of the collapsed text.
    folded = " ".join(folded.split()) if folded is not None else None
    if folded is None or len(folded) != len(text):
        folded = fold(text)
    matches = _matches(folded, patterns)
    spans = _merge(matches)
    if len(text) <= width:
        return text, spans
    if not matches:
        return _cut(text, spans, [(0, width)])
    lead = min(16, width // 5)

    def covered(i: int, size: int) -> list[tuple[int, int, int]]:
        limit = matches[i][0] - lead + size
        inside = []
        for m in matches[i:]:
            if m[0] > limit:
                break
            if m[1] <= limit:
                inside.append(m)
        return inside

    # The window start (a match) showing the most different words, then the most matches, then
    # the earliest; once a window shows every word and no later one can hold more matches, stop.
    n, every = len(matches), len({m[2] for m in matches})
    best, best_key = 0, (-1, -1, 0)
    for i in range(n):
        if best_key[0] == every and best_key[1] >= n - i:
            break
        limit = matches[i][0] - lead + width
        kinds, count = set(), 0
        for j in range(i, n):
            m = matches[j]
            if m[0] > limit:
                break
            if m[1] <= limit:
                count += 1
                kinds.add(m[2])
        key = (len(kinds), count, -i)
        if key > best_key:
            best, best_key = i, key
    kinds = {m[2] for m in covered(best, width)}
    missing = next((m for m in matches if m[2] not in kinds), None)
    if missing is None or width < 60:
        return _cut(text, spans, [(matches[best][0] - lead, width)])
    first = int(width * 0.55)
    kinds = {m[2] for m in covered(best, first)}
    missing = next((m for m in matches if m[2] not in kinds), missing)
    pieces = sorted([(matches[best][0] - lead, first), (missing[0] - lead // 2, width - first - 1)])  # 1 for the "…"
    return _cut(text, spans, pieces)


def _cut(text: str, spans: list[tuple[int, int]], windows: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """``text`` cut to the (start, size) windows, joined by "…", with the spans moved into the result."""
    out, moved, pos = "", [], 0
    for start, size in windows:
        start = max(pos, min(max(0, start), len(text) - size))
        end = min(len(text), start + size)
        for s, e in spans:  # never cut a highlighted word in two
            if s < end < e:
                end = s
            if s < start < e:
                start = s
        if end <= start:
            continue
        if start > pos or (start > 0 and not out):
            out += "…"
        shift = len(out) - start
        moved += [(max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end]
        out += text[start:end]
        pos = end
    if pos < len(text):
        out += "…"
    return out, moved


def clause_snippet(text: str, folded: str, patterns) -> tuple[str, list[tuple[int, int]]]:
    """The snippet of a clause; ``folded`` is the index's folded copy of ``text`` (same length).

    Of a long clause only the text around each word's first match is handed to ``make_snippet``.
    """
    if len(folded) != len(text):  # not the same text after all: fold it here
        folded = fold(text)
    if len(text) > SNIPPET_SPAN:
        firsts = sorted({m.start() for m in (p.search(folded) for p in patterns) if m}) or [0]
        ranges: list[list[int]] = []
        for at in firsts:
            a, b = max(0, at - SNIPPET_SPAN // 6), at + SNIPPET_SPAN // 3
            if ranges and a <= ranges[-1][1]:
                ranges[-1][1] = max(ranges[-1][1], b)
            else:
                ranges.append([a, b])

        def cut(full: str) -> str:
            return ("…" if ranges[0][0] else "") + "…".join(full[a:b] for a, b in ranges) + \
                ("…" if ranges[-1][1] < len(full) else "")

        text, folded = cut(text), cut(folded)
    return make_snippet(text, patterns, folded=folded)
