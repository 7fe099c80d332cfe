"""Which clauses a document entry shows, for documents ranked by ``ranking``.

The clauses shown for an entry are its best ones that match in their own text or heading
path: for words held apart, the best clause for each word first (``details``); ``fill`` adds,
after too few clauses holding every word, those holding most of them (the rarest word among
them). A clause under a procedure section answers the asking word (办理) without printing it,
a clause about the industry a word names counts that word, and in a document lacking a long
word a clause holding some of its bigrams is nearer. A few words of a clause found only
through the title are shown when nothing better exists.
"""

from __future__ import annotations

from handbook.search.analysis import fold, form_units
from handbook.search.corpus import Corpus
from handbook.search.matching import HEADING_PATH, TermMatch
from handbook.search.ranking import APART, Ranked, _best_first, _one_sentence, row_scores

LACKING_PART = 0.3  # in a document lacking a long word: its share of bigrams a clause holds, times this


def details(entry: Ranked, terms: list[TermMatch], corpus: Corpus, excluded: set[int], relevance=None) -> None:
    """Pick the clauses of a tier-1/2 document: the best one for each word first, then the rest by score."""
    if entry.rows:
        return
    if entry.within is not None:  # tier 0 of a very common word: every clause listed matches
        within = entry.within if entry.within_and is None else entry.within & entry.within_and
        scores = row_scores(within - excluded, terms, corpus)
        if relevance:
            scores = {r: sc * relevance(corpus.keys[r]) for r, sc in scores.items()}
        entry.rows = sorted(((sc, r) for r, sc in scores.items()), key=_best_first)
        entry.count = len(entry.rows)
        return
    scored = _scored_apart(entry.doc_id, terms, corpus, excluded, relevance)
    scored.sort(key=lambda x: -x[0])
    first: list[tuple[float, int]] = []
    for t in terms:
        best = next(((sc, r) for sc, r, hit in scored if t in hit), None)
        if best and best not in first:
            first.append(best)
    first.sort(key=_best_first)
    entry.rows = first + [(sc, r) for sc, r, _ in scored if (sc, r) not in first]
    entry.leads = max(1, len(first))
    entry.count = len(entry.rows)
    if not entry.rows:  # found through its title only: show its first clause with text
        rows = [r for r in corpus.doc_rows.get(entry.doc_id, ()) if r not in excluded]
        best = max(rows, key=lambda r: corpus.prior[r], default=None)
        entry.rows = [(0.0, best)] if best is not None else []


def _scored_apart(doc: str, terms: list[TermMatch], corpus: Corpus, excluded: set[int], relevance,
                  among: list[TermMatch] | None = None) -> list[tuple[float, int, list]]:
    """The clauses of ``doc`` holding some query words (some of ``among``) in context, scored, in the document's order."""
    scored = []
    mine = corpus.doc_sets.get(doc, frozenset())
    candidates: set[int] = set()
    for t in among or terms:
        candidates |= mine & t.body  # iterates the document's clauses, not the word's
    prior, keys = corpus.prior, corpus.keys
    words = [(t, t.body, t.levels, t.idf) for t in terms]
    industries = relevance.industry_tables(terms) if len(terms) > 1 and hasattr(relevance, "industry_tables") else []
    lacking = _lacking(doc, terms)
    sections = getattr(relevance, "sections", None)
    role_words = [t for t in terms if fold(t.term.text) in relevance.role_words] if sections else []
    shown_factor = getattr(relevance, "shown", relevance)
    for r in sorted(candidates - excluded):
        hit, strength = [], 0
        for t, body, levels, idf_ in words:
            if r in body:
                hit.append(t)
                strength += idf_ * levels[r]
        if hit:
            if industries:  # about the industry a word names, in other words (畜禽 for 肉牛)
                key = keys[r]
                about = [t for t, table in industries if t not in hit and table.get(key) == "primary"]
                strength += sum(t.idf * HEADING_PATH for t in about)
                hit = hit + about
            if role_words and keys[r] in sections:  # a step of a procedure answers 办理 without printing it
                answered = [t for t in role_words if t not in hit]
                strength += sum(t.idf * HEADING_PATH for t in answered)
                hit = hit + answered
            if lacking:  # a word the document lacks: a clause holding some of its bigrams (考核 of 年度考核) is nearer
                context = corpus.text[r] + "".join(corpus.paths[r])
                strength += sum(t.idf * LACKING_PART * sum(b in context for b in bigrams) / len(bigrams) for t, bigrams in lacking)
            sc = prior[r] * strength * (1 + 0.5 * (len(hit) - 1))
            if len(hit) > 1:
                present = [t.forms[0][0].form for t in hit if r in t.forms[0][0].text]
                if len(present) > 1 and not _one_sentence(corpus.text[r], present):
                    sc *= APART
            if relevance:
                sc *= shown_factor(keys[r])
            scored.append((sc, r, hit))
    return scored


def fill(entry: Ranked, terms: list[TermMatch], corpus: Corpus, excluded: set[int], relevance, want: int) -> list[tuple[float, int]]:
    """Clauses to show after those of a document holding every word in one clause, when fewer than
    ``want`` do: the document's clauses holding most of the words (scored as for words held apart)."""
    if entry.match not in ("text", "heading", "title") or len(entry.rows) >= want or len(terms) < 2:
        return []
    have = {r for _, r in entry.rows}
    rarest = max(terms, key=lambda t: t.idf)  # a clause worth showing beside them holds the rarest word
    scored = [(sc, r) for sc, r, _ in _scored_apart(entry.doc_id, terms, corpus, excluded, relevance, [rarest])
              if r not in have]
    return sorted(scored, key=_best_first)[:want - len(entry.rows)]


def _lacking(doc: str, terms: list[TermMatch]) -> list[tuple[TermMatch, list[str]]]:
    """The long CJK words (three characters or more) a document holds nowhere, with their bigrams."""
    out = []
    for t in terms:
        word = t.forms[0][0].form
        if doc in t.body_docs or doc in t.title_levels or len(word) < 3:
            continue
        units, _ = form_units(word)
        bigrams = [u for u in units if len(u) == 2]
        if len(bigrams) >= 2:
            out.append((t, bigrams))
    return out
