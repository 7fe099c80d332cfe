"""Ranking documents and their clauses, in three tiers that together fill the first page.

1. ``text``/``heading``/``title``: clauses whose context (text, heading path, document title)
   holds every query word; a clause scores the sum over words of the word's rarity (idf)
   times where it was found (own lead heading 1.3, text 1.0, the heading right above 0.8,
   a heading further up 0.6, title 0.5), times the clause's prior (bare headings, short lines
   and repealed documents count less); the best are re-scored on their text (repeated words
   count more, a word only in a list of sectors less, words only in different sentences less).
2. ``across``: documents holding every word, but in different clauses, and
3. ``partial``: documents holding some of the words (only for several words), ranked in
   one list by how much each document is about each word (see ``_rank_across``).

A document's score is its best clause plus a little for its second and third and for a
title that carries the words. Which clauses an entry shows is worked out in ``shown``.
"""

from __future__ import annotations

import heapq
import math
import re
from dataclasses import dataclass, field

from handbook.search.corpus import Corpus
from handbook.search.matching import TITLE, TermMatch

TIER_NAMES = ("text", "across", "partial")
SECOND, THIRD = 0.3, 0.1
TITLE_BONUS = 0.35  # per word, times its idf, when the document title holds it
ALL_IN_TITLE = 0.35  # more when the title holds every word of several as typed
LARGE = 1200  # more clauses than this matching every word: rank documents by density
REFINE = 150  # best clauses re-scored on their text (occurrences, list mentions)
LIST_MENTION = 0.7  # the word only appears inside an enumeration (…、储能、氢能、…)
ABOUT_BASE, ABOUT_STEP = 0.25, 0.15  # tiers 1-2: share of a word's weight for 1, 2, … clauses holding it
SIBLINGS, SIBLING_CHECKED = 1.08, 40  # tier 1: words in clauses under one heading, checked for the leading documents
APART = 0.8  # a clause holding the query words only in different sentences (a long list of measures)
_SENTENCE = re.compile("[。；;！？!?]")


@dataclass
class Ranked:
    doc_id: str
    score: float
    match: str
    tier: int
    rows: list[tuple[float, int]] = field(default_factory=list)  # (score, clause number), best first
    count: int = 0  # matching clauses in this document (text or heading path)
    within: set[int] | None = None  # clauses that may be shown (tier 0 of a very common word)
    within_and: set[int] | None = None  # ... once narrowed to these (worked out for a shown page only)
    leads: int = 1  # the first clauses of ``rows`` always shown (the best one for each word, words held apart)


def idf(df: int, n: int) -> float:
    return math.log(1 + (n + 1) / (df + 0.5))


def set_idf(terms: list[TermMatch], corpus: Corpus) -> None:
    n = len(corpus.keys)
    for t in terms:
        t.idf = idf(len(t.forms[0][0].text) + len(t.forms[0][0].titles), n)


def row_scores(rows, terms: list[TermMatch], corpus: Corpus) -> dict[int, float]:
    """prior x sum over words of idf x strength, for every clause in ``rows``."""
    prior, doc = corpus.prior, corpus.doc
    if len(terms) == 1:
        t = terms[0]
        idf_, levels, titles = t.idf, t.levels, t.title_levels
        return {r: prior[r] * idf_ * (levels.get(r) or titles.get(doc[r], 0.0)) for r in rows}
    parts = [(t.idf, t.levels, t.title_levels) for t in terms]
    return {r: prior[r] * sum(i * (lv.get(r) or tl.get(doc[r], 0.0)) for i, lv, tl in parts) for r in rows}


def refine(row: int, score: float, terms: list[TermMatch], corpus: Corpus, relevance) -> float:
    """Re-score a leading clause on its text: repeated words count more, list mentions less."""
    text = corpus.text[row]
    factor = 1.0
    for t in terms:
        form = t.forms[0][0].form
        if row not in t.forms[0][0].text:
            continue
        count = text.count(form)
        factor *= 1.0 + 0.12 * min(count - 1, 4)
        if count and all(_in_list(text, i, len(form)) for i in _positions(text, form)):
            factor *= LIST_MENTION
    present = [t.forms[0][0].form for t in terms if row in t.forms[0][0].text]
    if len(present) > 1 and not _one_sentence(text, present):
        factor *= APART
    if relevance:
        factor *= relevance(corpus.keys[row])
    return score * factor


def _one_sentence(text: str, forms: list[str]) -> bool:
    """Some sentence of ``text`` holds every one of ``forms``."""
    return any(all(f in sentence for f in forms) for sentence in _SENTENCE.split(text))


def _positions(text: str, form: str):
    start = text.find(form)
    while start >= 0:
        yield start
        start = text.find(form, start + 1)


def _in_list(text: str, start: int, length: int) -> bool:
    before = text[max(0, start - 6):start]
    after = text[start + length:start + length + 6]
    return "、" in before[-4:] or "、" in after[:4]


def rank(terms: list[TermMatch], corpus: Corpus, allowed: set[int] | None, excluded: set[int],
         relevance=None, allowed_docs: set[str] | None = None) -> tuple[list[Ranked], int]:
    """Ranked documents (all tiers) and the number of clauses matching every word in context.

    Tier-0 documents carry their scored clauses; the clauses of tier-1 and tier-2 documents
    are picked by ``details`` when their page is shown (a common word can reach most documents).
    """
    set_idf(terms, corpus)
    if len(terms) == 1 and terms[0].size(corpus) > LARGE:  # one very common word: never build its row set
        out, clause_total = _rank_large(None, terms, corpus, allowed_docs, allowed, excluded)
        return _sorted(out, corpus, False), clause_total
    for t in terms:
        rows = t.rows(corpus) - excluded
        t.matched = rows if allowed is None else rows & allowed
    tier1 = set.intersection(*(t.matched for t in terms)) if terms else set()
    out: dict[str, Ranked] = {}
    if len(tier1) > LARGE:
        out, clause_total = _rank_large(tier1, terms, corpus, allowed_docs, allowed, excluded)
    else:
        clause_total = _rank_rows(tier1, terms, corpus, relevance, out)
    if len(terms) < 2:
        return _sorted(out, corpus, False), clause_total
    _rank_across(terms, corpus, allowed_docs, excluded, out, relevance)
    return _sorted(out, corpus, True), clause_total


def _sorted(out: dict[str, Ranked], corpus: Corpus, tiers: bool) -> list[Ranked]:
    """Best first; equal scores keep the documents' order in the handbook (the same list on every run)."""
    order, last = corpus.order, len(corpus.keys)
    if tiers:
        return sorted(out.values(), key=lambda d: (d.tier > 0, -d.score, order.get(d.doc_id, last)))
    return sorted(out.values(), key=lambda d: (-d.score, order.get(d.doc_id, last)))


def _rank_large(tier1: set[int] | None, terms: list[TermMatch], corpus: Corpus, allowed_docs, allowed,
                excluded: set[int]) -> tuple[dict[str, Ranked], int]:
    """Documents for a very common word (的, 发展) by density, without scoring each of its clauses.

    ``tier1`` None means one word whose matching clauses are worked out per document. The
    clauses of a listed document are scored by ``details`` when its page is shown; without
    filters or excluded words a document's count of them comes from the word's own counts
    (no set is built per document), and which they are is worked out only for a page that
    shows the document.
    """
    body = terms[0].body if len(terms) == 1 else set.union(*(t.body for t in terms))
    if tier1 is not None:
        body = body & tier1
    counts = terms[0].body_counts if tier1 is None and len(terms) == 1 and not excluded and allowed is None else None
    weight = sum(t.idf for t in terms)
    out: dict[str, Ranked] = {}
    typed_titles = [(t.idf, t.forms[0][0].titles) for t in terms]
    titled_docs = terms[0].title_levels
    total = 0
    for doc, rows in corpus.doc_sets.items():
        if allowed_docs is not None and doc not in allowed_docs:
            continue
        narrow = None
        if counts is not None:  # every clause of a titled document, else its clauses holding the word
            inside = counts.get(doc, 0)  # = len(rows & body)
            if doc in titled_docs:
                mine, count = rows, len(rows)
            elif not inside:
                continue
            else:
                mine, narrow, count = rows, body, inside
        else:
            if tier1 is not None:
                mine = rows & tier1
            else:
                mine = set(rows) if doc in titled_docs else rows & body
                if excluded:
                    mine -= excluded
                if allowed is not None:
                    mine &= allowed
            if not mine:
                continue
            count = len(mine)
            inside = len(mine & body)
        total += count
        titled = 0.0
        for i, titles in typed_titles:
            if doc in titles:
                titled += i
        density = inside / len(rows)
        score = corpus.doc_prior.get(doc, 1.0) * (weight * (1 + 0.5 * density + 0.1 * math.log1p(count)) + TITLE_BONUS * titled)
        out[doc] = Ranked(doc, score, "text" if density else "title", 0, [], count, within=mine, within_and=narrow)
    return out, total


def _rank_rows(tier1: set[int], terms: list[TermMatch], corpus: Corpus, relevance, out: dict[str, Ranked]) -> int:
    """Score every clause matching all words in context, and each document by its best clauses."""
    scores = row_scores(tier1, terms, corpus)
    if relevance:  # topic clauses above passing mentions, all of them (refine sees only the best)
        scores = {r: sc * relevance(corpus.keys[r]) for r, sc in scores.items()}
    for r, sc in heapq.nlargest(REFINE, scores.items(), key=lambda x: x[1]):
        scores[r] = refine(r, sc, terms, corpus, None)
    by_doc: dict[str, list[tuple[float, int]]] = {}
    for r, sc in scores.items():
        by_doc.setdefault(corpus.doc[r], []).append((sc, r))
    clause_total = 0
    for doc, rows in by_doc.items():
        rows.sort(key=_best_first)
        clause_total += len(rows)
        top = rows[0][1]
        match = "title" if not any(top in t.body for t in terms) else (
            "text" if all(any(top in fm.text for fm, _ in t.forms) for t in terms) else "heading")
        # Several words whose best clause only mentions one in passing (…、氢能、… beside 补贴):
        # ranked with the documents holding the words in different clauses, not above them all.
        tier = 1 if len(terms) > 1 and _mention_only(top, terms, corpus, relevance) else 0
        out[doc] = Ranked(doc, _doc_score(rows, terms, doc), match, tier, rows, len(rows))
    return clause_total


def _mention_only(row: int, terms: list[TermMatch], corpus: Corpus, relevance) -> bool:
    """The clause holds some word only in a list of sectors, or the knowledge stage calls it a passing mention."""
    if relevance is not None and getattr(relevance, "passing", None) and relevance.passing(corpus.keys[row]):
        return True
    text = corpus.text[row]
    for t in terms:
        form = t.forms[0][0].form
        if row in t.forms[0][0].text and all(_in_list(text, i, len(form)) for i in _positions(text, form)):
            return True
    return False


def _rank_across(terms: list[TermMatch], corpus: Corpus, allowed_docs, excluded: set[int], out: dict[str, Ranked],
                 relevance=None) -> None:
    """Documents holding every word in different clauses (tier 1) or some of them (tier 2), in one list.

    Each word counts its rarity times how much the document is about it: the whole of it
    when the title holds the word, else a share growing with the clauses that hold it (one
    passing mention counts least). A document about one word of the query (its title says
    众创空间) thus ranks above one that mentions every word once in passing. A document
    lacking some words is scaled by the share of the query's rarity it holds, so holding
    only the common word (补贴 of 稀土 补贴) counts little. A document granting the kind of
    benefit asked for to every industry (``relevance.general``) is partly about the industry
    word of the query (煤化工 of 煤化工 用地); it stays a partial match, as it lacks the word.
    """
    general = getattr(relevance, "general", None) or {}
    industry = [bool(general) and relevance.industry_word(t.term.text) for t in terms]
    doc_sets = []
    for t in terms:
        docs = t.body_docs | t.title_levels.keys()
        doc_sets.append(docs if allowed_docs is None else docs & allowed_docs)
    across = set.intersection(*doc_sets) - out.keys()
    partial = set.union(*doc_sets) - out.keys() - across
    total = sum(t.idf for t in terms) or 1.0
    words = [(t.idf, t.body_counts, t.title_levels, is_industry) for t, is_industry in zip(terms, industry, strict=True)]
    doc_prior = corpus.doc_prior
    for tier, docs in ((1, across), (2, partial)):
        for doc in docs:
            score, count, covered = 0.0, 0, 0.0
            for idf_, counts, titles, is_industry in words:
                held = counts.get(doc, 0)  # the document's clauses holding the word in text or heading path
                count += held
                titled = titles.get(doc, 0.0) / TITLE  # the form's weight (1.0 typed, less for synonyms)
                about = max(titled, min(1.0, ABOUT_BASE + ABOUT_STEP * held) if held else 0.0)
                if is_industry and doc in general:
                    about = max(about, general[doc])
                score += idf_ * about
                covered += idf_ if about else 0.0
            if not score:
                continue
            score *= doc_prior.get(doc, 1.0) * (covered / total)
            out[doc] = Ranked(doc, score + 0.02 * min(count, 20), TIER_NAMES[tier], tier, [], count)
    _siblings_closer(terms, corpus, [r for r in out.values() if r.tier == 1])


def _siblings_closer(terms: list[TermMatch], corpus: Corpus, entries: list[Ranked]) -> None:
    """Of the leading documents holding the words in different clauses, those holding them in
    clauses under one heading (a section on 乳业 whose next item grants 贷款) gain: the words
    are about one measure there, not scattered over the document."""
    parent, rows_of = corpus.parent, corpus.doc_sets
    for r in heapq.nlargest(SIBLING_CHECKED, entries, key=lambda e: e.score):
        mine = rows_of.get(r.doc_id, frozenset())
        shared = None
        for t in terms:
            parents = {parent[row] for row in mine & t.body} - {-1}
            shared = parents if shared is None else shared & parents
            if not shared:
                break
        if shared:
            r.score *= SIBLINGS


def _best_first(row: tuple[float, int]) -> tuple[float, int]:
    """Sort key of (score, clause): best first, equal scores in the document's order (its lead clause first)."""
    return -row[0], row[1]


def _doc_score(rows: list[tuple[float, int]], terms: list[TermMatch], doc: str) -> float:
    score = rows[0][0]
    if len(rows) > 1:
        score += SECOND * rows[1][0]
    if len(rows) > 2:
        score += THIRD * rows[2][0]
    titled = [max((w for fm, w in t.forms if doc in fm.titles), default=0.0) for t in terms]
    score += TITLE_BONUS * sum(t.idf * w for t, w in zip(terms, titled, strict=True))
    if len(terms) > 1 and all(w == 1.0 for w in titled):  # the title holds every word as typed: its topic
        score += ALL_IN_TITLE * sum(t.idf for t in terms)
    return score
