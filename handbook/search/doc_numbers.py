"""文号 queries: the document itself as one entry, then every document citing it, then mentions.

A citing document is one whose clause the build recorded as citing it (the citations table)
or whose text carries the 文号 in any common form; a mention names its title without the
文号. With words beside the 文号, the words pick the clauses.
"""

from __future__ import annotations

from handbook.docnumber import compact
from handbook.search.analysis import fold, term_pattern
from handbook.search.corpus import Corpus
from handbook.search.matching import Matcher, TermMatch
from handbook.search.query import ParsedQuery
from handbook.search.ranking import Ranked
from handbook.search.results import SearchResult


def doc_number_entries(parsed: ParsedQuery, positive: list[TermMatch], corpus: Corpus, matcher: Matcher,
                       by_number: dict[str, dict], allowed, excluded: set[int], result: SearchResult) -> list[Ranked]:
    """The document of each 文号 as one entry, then the documents citing it, then those mentioning its title."""
    out: list[Ranked] = []
    seen: set[str] = set()
    words = positive
    if words:
        for t in words:
            t.matched = t.rows(corpus) - excluded
    ok = (lambda r: r not in excluded) if allowed is None else (lambda r: r in allowed and r not in excluded)
    for number in parsed.doc_numbers:
        doc = by_number.get(compact(number))
        rows = []
        if doc is None:
            result.notices.append(f"手册中没有文号为 {number} 的文件，下面是提到它的条款。")
        elif doc["id"] not in seen:
            own = [r for r in corpus.doc_rows.get(doc["id"], ()) if ok(r)]
            if words:  # 文号 plus words: the words pick the clauses of that document
                picked = [r for r in own if all(r in t.matched for t in words)]
                own = picked or own
            else:
                own = [r for r in own if not corpus.is_bare_heading(r)][:1] or own[:1]
            if own:
                seen.add(doc["id"])
                out.append(Ranked(doc["id"], 1000.0, "doc_number", 0, [(1.0, r) for r in own],
                                  len(own) if words else 0))
        citing = _citing_rows(number, doc, corpus, matcher)
        mentions = _mention_rows(doc, corpus, matcher) if doc else {}
        for match, tier, found in (("citation", 1, citing), ("mention", 2, mentions)):
            for doc_id, rows in sorted(found.items(), key=lambda x: corpus.doc_rows[x[0]][0]):
                rows = [r for r in rows if ok(r) and (not words or all(r in t.matched for t in words))]
                if doc_id in seen or not rows:
                    continue
                seen.add(doc_id)
                score = 500.0 / tier + len(rows) + corpus.prior[rows[0]]
                out.append(Ranked(doc_id, score, match, tier, [(corpus.prior[r], r) for r in rows], len(rows)))
    out.sort(key=lambda r: (r.tier, -r.score))
    return out

def _citing_rows(number: str, doc: dict | None, corpus: Corpus, matcher: Matcher) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    pattern = term_pattern(number)
    if doc is not None:
        for key in corpus.cited_by.get(doc["id"], ()):
            r = corpus.number.get(key)
            if r is not None:
                found.setdefault(corpus.doc[r], []).append(r)
    text, _ = matcher.text_rows(number)
    for r in sorted(text):
        if pattern and pattern.search(corpus.text[r]) and (doc is None or corpus.doc[r] != doc["id"]):
            rows = found.setdefault(corpus.doc[r], [])
            if r not in rows:
                rows.append(r)
    return {d: sorted(rows) for d, rows in found.items()}

def _mention_rows(doc: dict, corpus: Corpus, matcher: Matcher) -> dict[str, list[int]]:
    title = fold(doc["title"])
    found: dict[str, list[int]] = {}
    text, _ = matcher.text_rows(title) if len(title) >= 6 else (frozenset(), False)
    for r in sorted(text):
        if corpus.doc[r] != doc["id"]:
            found.setdefault(corpus.doc[r], []).append(r)
    return found
