"""Search over the clause index: filters, the tiers of ``ranking``, 文号 queries, pages of entries.

``Searcher.search`` answers one page: document entries (the default, each with its best
one to three clauses and how many more match) or, with ``flat``, clause hits. Every entry
or hit is reachable by ``offset``. A 文号 lists the document itself as one entry, then every
document citing it with the citing clause, then documents that mention its title. Queries
run under a lock (one at a time); a query is cheap because every word is a set operation on
posting lists cached in memory.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from dataclasses import dataclass

from handbook.docnumber import compact
from handbook.errors import IndexError_, QueryError, SearchCancelled
from handbook.search.analysis import fold, form_units, term_pattern
from handbook.search.corpus import Corpus
from handbook.search.doc_numbers import doc_number_entries
from handbook.search.index import ClauseIndex, document_year
from handbook.search.matching import Matcher, TermMatch, places
from handbook.search.near import NearMatches
from handbook.search.normalise import DocNumberRewriter, question_parts
from handbook.search.query import ParsedQuery, Term, default_synonyms, parse_query
from handbook.search.ranking import Ranked, rank
from handbook.search.relevance import IndustryRelevance, cue_word
from handbook.search.results import Entry, Hit, SearchResult
from handbook.search.shown import details, fill
from handbook.search.snippets import clause_snippet
from handbook.search.vocabulary import segment, segment_words
from handbook.taxonomy import LEVELS, Taxonomy

SHOWN_CLAUSES = 3
ALSO_SHOWN = 0.4  # a second or third clause is shown when it scores at least this share of the best
MAX_LIMIT = 500
NEAR_FROM = 4  # characters a word needs before near matches are looked for
NEAR_BELOW = 10  # near matches are looked for when fewer documents match exactly
SKIP_COST = 4.0  # leaving a character of a question out (到, 搞) costs as much as a word in 1 of 55 clauses
QUESTION_COMMON = 0.15  # a word split out of a question found in more clauses than this share names no topic
WHOLE_PARTS = 6  # a piece of a run-together word this long may also match its own parts
RARE_RUN = 2  # a piece printed in at most this many clauses is two words joined by chance ...
CHANCE_JOIN = 2  # ... when both halves of some cut of it are each this many times more frequent,
CHANCE_JOIN_COMMON = 10.0  # ... a piece printed more often when they are this many times more frequent


def _never() -> bool:
    return False


@dataclass
class Filters:
    region: str | None = None
    level: str | None = None
    theme: str | None = None
    status: str | None = None
    year: str | None = None


class Searcher:
    """Runs queries against one opened index; thread-safe (one query at a time)."""

    def __init__(self, index: ClauseIndex, store, taxonomy: Taxonomy):
        self.index = index
        self.store = store
        self.taxonomy = taxonomy
        self.corpus = Corpus(store, index)
        self.synonyms = default_synonyms().with_pairs(index.abbreviations)
        self.relevance = IndustryRelevance(store, dict(zip(self.corpus.keys, self.corpus.role, strict=True)),
                                           self.corpus.titles, self.corpus.section_headings())
        self.matcher = Matcher(index, self.corpus, self.synonyms, places(taxonomy, self.corpus), self.relevance.topic)
        self.near = NearMatches(self.matcher, self._frequency)
        self._lock = threading.Lock()
        self._docs = self.corpus.docs
        self._by_number = {compact(d["doc_number"]): d for d in self._docs.values() if d.get("doc_number")}
        self._numbers = DocNumberRewriter(d["doc_number"] for d in self._docs.values() if d.get("doc_number"))
        # the handbook's whole region (内蒙古, 自治区): every policy here applies there, so in a
        # question it names no topic (外国投资者在内蒙古设立企业: national rules apply too)
        self._everywhere = {fold(c) for r in taxonomy.regions if r.level == "autonomous_region" for c in (r.name, *r.cues)}
        self._filter_cache: dict[tuple, set[int] | None] = {}
        self._counts: dict[str, int] = {}
        self._cancelled: Callable[[], bool] = _never
        self._clauses: dict[str, dict] = {}
        self._relevance = None  # what the current query asks for (clause key -> factor, clause knowledge)
        # The corpus lives as long as the process: keep the collector from walking it again and
        # again (a full collection over a large corpus is a pause of its own while typing). The
        # objects a search creates are cyclic garbage only in rare error paths.
        gc.collect()
        gc.freeze()

    def close(self) -> None:
        self.index.close()

    # -- filters ---------------------------------------------------------------------------

    def resolve_region(self, name: str) -> str:
        found = self.taxonomy.resolve(name)
        if found is None:
            raise QueryError(f"没有名为“{name}”的地区。可选：{'、'.join(r.name for r in self.taxonomy.regions)}。")
        return found

    def resolve_level(self, level: str) -> str:
        if level in LEVELS:
            return level
        for key, label in self.taxonomy.level_names.items():
            if level in (label, label.rstrip("级")):
                return key
        raise QueryError(f"没有“{level}”这一层级。可选：{'、'.join(self.taxonomy.level_names.values())}。")

    def _allowed_docs(self, filters: Filters) -> set[str] | None:
        if not any((filters.region, filters.level, filters.theme, filters.status, filters.year)):
            return None
        docs = set(self._docs)
        if filters.region:
            regions = set(self.taxonomy.ancestors(self.resolve_region(filters.region)))
            docs = {d for d in docs if self._docs[d]["region"] in regions}
        if filters.level:
            level = self.resolve_level(filters.level)
            docs = {d for d in docs if self._docs[d]["level"] == level}
        if filters.theme:
            docs = {d for d in docs if filters.theme in (self._docs[d].get("themes") or [])}
        if filters.status:
            docs = {d for d in docs if self._docs[d]["status"] == filters.status}
        if filters.year:
            docs = {d for d in docs if document_year(self._docs[d]) == str(filters.year)}
        return docs

    def _allowed_rows(self, filters: Filters) -> set[int] | None:
        key = (filters.region, filters.level, filters.theme, filters.status, filters.year)
        if key not in self._filter_cache:
            docs = self._allowed_docs(filters)
            rows = None if docs is None else {r for d in docs for r in self.corpus.doc_rows.get(d, ())}
            if len(self._filter_cache) > 200:
                self._filter_cache.clear()
            self._filter_cache[key] = rows
        return self._filter_cache[key]

    # -- search ----------------------------------------------------------------------------

    def search(self, text: str, filters: Filters | None = None, limit: int = 20, offset: int = 0,
               flat: bool = False, cancelled: Callable[[], bool] | None = None, only_doc: str | None = None) -> SearchResult:
        """One page of results; ``cancelled()`` is polled between steps (SearchCancelled when true)."""
        self._cancelled = cancelled or _never
        parsed = parse_query(self._numbers.rewrite(text or ""), self.synonyms)
        filters = filters or Filters()
        limit = max(1, min(int(limit), MAX_LIMIT))
        offset = max(0, int(offset))
        result = SearchResult(parsed, notices=list(parsed.notices), flat=flat, offset=offset)
        if parsed.is_empty:
            result.mode = "empty"
            return result
        with self._lock:
            try:
                allowed_docs = self._allowed_docs(filters)
                allowed = self._allowed_rows(filters)
                excluded = self._excluded(parsed)
                positive = self._terms(parsed.positive)
                self._check()
                ranked = self._rank(parsed, positive, allowed, allowed_docs, excluded, result)
                if only_doc is not None:  # every matching clause of one document, nothing else worked out
                    ranked = [r for r in ranked if r.doc_id == only_doc]
                self._check()
                self._page(ranked, positive, excluded, parsed, result, limit, offset, flat)
            except (QueryError, SearchCancelled):
                raise
            except Exception as err:  # a damaged index shows up only when read
                raise IndexError_(f"搜索索引读取失败（{type(err).__name__}），将重新建立。") from err
            finally:
                # Posting sets cached by this query live on: keep the cyclic collector from walking
                # them (a full collection over them is a pause of a quarter second at 20x).
                gc.freeze()
        if not ranked:
            result.mode = "empty" if result.mode != "doc_number" else result.mode
            result.notices.append("没有找到相关条款。可以减少词语、换个说法，或取消筛选条件。")
        return result

    def _check(self) -> None:
        if self._cancelled():
            raise SearchCancelled("已被更新的搜索取代。")

    def _terms(self, terms: list[Term]) -> list[TermMatch]:
        return [self.matcher.term(t) for t in terms]

    def _excluded(self, parsed: ParsedQuery) -> set[int]:
        """Clauses holding an excluded (-word) word, and every clause of a document titled with it."""
        excluded: set[int] = set()
        for t in parsed.negative:
            m = self.matcher.term(t)
            excluded |= m.text_rows()
            for fm, _ in m.forms:
                excluded.update(r for d in fm.titles for r in self.corpus.doc_rows.get(d, ()))
        return excluded

    def _rank(self, parsed: ParsedQuery, positive: list[TermMatch], allowed: set[int] | None,
              allowed_docs: set[str] | None, excluded: set[int], result: SearchResult) -> list[Ranked]:
        result.total_is_estimate = any(t.estimated for t in positive)
        relevance = self._relevance = self.relevance.for_terms([t.text for t in parsed.positive])
        if parsed.doc_numbers:
            result.mode = "doc_number"
            ranked = doc_number_entries(parsed, positive, self.corpus, self.matcher, self._by_number, allowed, excluded,
                                        result)
            result.clause_total = sum(r.count for r in ranked)
            return ranked
        split = self._split_run_together(parsed.positive, positive)
        if split is not None:
            positive[:] = split
            # what the words split out ask for (稀土 of 稀土企业 names an industry)
            relevance = self._relevance = self.relevance.for_terms([t.term.text for t in split])
            result.mode = "bigram"
            result.notices.append("没有找到完整的词语，下面是相近的结果。")
        ranked, _ = rank(positive, self.corpus, allowed, excluded, relevance, allowed_docs)
        result.clause_total = sum(r.count for r in ranked)
        if split is not None:
            return ranked
        if any(r.match in ("text", "heading", "title") for r in ranked):
            result.mode = "and"
        elif any(r.match == "across" for r in ranked):
            result.mode = "and"
            result.notices.append("没有同时包含所有词语的条款，下面是在不同条款中包含这些词语的文件。")
        elif ranked:
            result.mode = "or"
            result.notices.append("没有同时包含所有词语的条款，下面是包含部分词语的结果。")
        shortest = NEAR_FROM if ranked else NEAR_FROM - 1  # nothing found: a three-character word too (牧家乐)
        long_terms = [t for t in parsed.positive if len(t.text) >= shortest and not t.quoted]
        if long_terms and len(ranked) < NEAR_BELOW:
            near = self.near.matches(long_terms, allowed, allowed_docs, excluded, {r.doc_id for r in ranked})
            if near and not ranked:
                result.mode = "bigram"
                result.notices.append("没有找到完整的词语，下面是相近的结果。")
            ranked += near
            result.clause_total += sum(r.count for r in near)
        return ranked

    def _frequency(self, piece: str) -> int:
        """Clauses and titles holding ``piece``, and the clauses of the place it names (伊金霍洛旗):
        counts only, in a cache of their own (splitting a long word asks for dozens of pieces,
        which would crowd the words out of the form cache)."""
        found = self._counts.get(piece)
        if found is None:
            found = len(self.matcher.text_rows(piece)[0]) + sum(piece in t for t in self.corpus.titles.values())
            found += sum(len(self.corpus.doc_rows.get(d, ())) for d in self.matcher.places.get(piece, ()))
            if len(self._counts) > 20000:
                self._counts.clear()
            self._counts[piece] = found
        return found

    def _split_run_together(self, terms: list[Term], matches: list[TermMatch]) -> list[TermMatch] | None:
        """Words typed together (氢能补贴) that occur nowhere as typed, as separate words; None if not needed."""
        if any(t.quoted for t in terms):
            return None
        out, changed = [], False
        for term, match in zip(terms, matches, strict=True):
            literal = [fm for fm, _ in match.forms if not fm.parts]
            if len(term.text) >= 4 and not any(fm.text or fm.heading or fm.titles for fm in literal):
                pieces, whole = self._topic_words(fold(term.text))
                if pieces:
                    # a long piece may itself be printed with a word inside it (研发费用税前加计扣除), and
                    # a part of a question kept whole (引进院士) with words between its own parts
                    out += [self.matcher.term(Term(p, variants=self.synonyms.of(p)), parts=len(p) >= WHOLE_PARTS or p in whole)
                            for p in pieces]
                    changed = True
                    continue
            out.append(match)
        return out if changed else None

    def _word_frequency(self, piece: str) -> int:
        """``_frequency`` of a piece that reads as one word, 0 for two words joined by chance.

        A string the texts print once or twice (吸纳就业困难, 能直接, 煤矿企业) is cheap for the
        splitting of a question because it is rare, yet it only says that two common words
        happen to stand side by side somewhere: when both halves of some cut are each far more
        frequent than the whole, the halves are the words. Known words (synonyms, abbreviations,
        place names) are always words.
        """
        found = self._frequency(piece)
        known = self.synonyms.of(piece)
        if known:  # a word the texts mostly print in other forms (招工 as 招聘, 招用): as common as all of them
            return found + sum(self._frequency(fold(v)) for v in known if len(v) > 1)
        if not found or len(piece) < 3 or piece in self.matcher.places:
            return found
        times = CHANCE_JOIN if found <= RARE_RUN else CHANCE_JOIN_COMMON
        for cut in range(1, len(piece)):
            if min(self._frequency(piece[:cut]), self._frequency(piece[cut:])) > times * found:
                return 0
        return found

    def _common(self, piece: str) -> bool:
        """A word split out of a question that so many clauses hold it names no topic (企业); a place
        name (乌海, counted with its documents' clauses) always names where the officer asks about."""
        return piece not in self.matcher.places and self._frequency(piece) > QUESTION_COMMON * len(self.corpus.keys)

    def _topic_words(self, word: str) -> tuple[list[str], set[str]]:
        """A long word found nowhere: its question words cut out, each part split into known words.

        Also the parts of a question kept whole because the texts print them (引进院士 of
        引进院士给多少钱): they may be matched by their own parts too.
        """
        parts = question_parts(word)
        if parts == [word]:
            return segment(word, self._frequency), set()
        pieces: list[str] = []
        whole: set[str] = set()
        for part in parts:
            if len(part) == 1 and not cue_word(part):  # 钱 of 给多少钱: asks for nothing the texts name
                continue
            words = segment_words(part, self._word_frequency, len(self.corpus.keys), skip=SKIP_COST) if len(part) >= 2 else []
            telling = sum(len(w) for w in words if not self._common(w))
            if len(words) > 1 and self._frequency(part) and 2 * telling <= len(part):
                # 工业项目 is printed: split, its 项目 would be left out as too common and 工业 alone
                # says too little (企业吸纳就业困难人员 splits: its words left name the topic)
                words = [part]
            if words == [part]:
                whole.add(part)
            if not words and len(part) > 1 and not self._word_frequency(part):
                continue  # 好处 of 有什么好处: printed nowhere, in no form, and no word inside it either
            pieces += words or [part]
        pieces = list(dict.fromkeys(pieces))
        telling = [p for p in pieces if (p in parts or not self._common(p)) and p not in self._everywhere]
        pieces = telling or pieces  # 企业 of 外资企业能不能…: in a third of all clauses, it names no topic
        return (pieces, whole) if pieces else (segment(word, self._frequency), set())

    # -- pages -------------------------------------------------------------------------------

    def _page(self, ranked: list[Ranked], positive: list[TermMatch], excluded: set[int], parsed: ParsedQuery,
              result: SearchResult, limit: int, offset: int, flat: bool) -> None:
        forms = [f for t in positive for fm, _ in t.forms for f in (fm.parts or fm.highlight or (fm.form,))] + parsed.doc_numbers
        if any(r.match == "near" for r in ranked):
            forms += [u for t in parsed.positive if len(t.text) >= 4 for u in form_units(t.text)[0] if len(u) == 2]
        patterns = [p for p in (term_pattern(f) for f in forms) if p is not None]
        if flat:
            for r in ranked:
                details(r, positive, self.corpus, excluded, self._relevance)
            rows = diversify([(sc, row, r.match, r.tier) for r in ranked for sc, row in r.rows], self.corpus.doc)
            result.total = len(rows)
            page = rows[offset:offset + limit]
            self._fetch(row for _, row, _, _ in page)
            result.hits = [self._hit(row, sc, match, patterns) for sc, row, match, _ in page]
            return
        result.total = len(ranked)
        chosen = []
        for r in ranked[offset:offset + limit]:
            self._check()
            details(r, positive, self.corpus, excluded, self._relevance)
            rows = r.rows[:SHOWN_CLAUSES] + fill(r, positive, self.corpus, excluded, self._relevance, SHOWN_CLAUSES)
            best = rows[0][0] if rows else 0.0
            chosen.append((r, [(sc, row) for i, (sc, row) in enumerate(rows) if i < r.leads or sc >= ALSO_SHOWN * best]))
        self._fetch(row for _, shown in chosen for _, row in shown)
        for r, shown in chosen:
            doc = self._docs[r.doc_id]
            clauses = [self._hit(row, sc, r.match, patterns) for sc, row in shown]
            result.entries.append(Entry(r.doc_id, doc["title"], doc.get("doc_number"), doc["level"], doc["region"],
                                        doc["status"], r.score, r.match, clauses, max(0, r.count - len(clauses))))
        result.hits = [c for e in result.entries for c in e.clauses]

    def _fetch(self, rows) -> None:
        """Read the clauses a page shows (label, original text) in one query."""
        self._clauses = self.store.clause_texts([self.corpus.keys[r] for r in rows])

    def _hit(self, row: int, score: float, match: str, patterns) -> Hit:
        key = self.corpus.keys[row]
        clause = self._clauses.get(key) or self.store.clause(key) or {"key": key, "text": "", "heading": "", "label": ""}
        doc = self._docs[self.corpus.doc[row]]
        text = clause["text"] or clause["heading"] or ""
        snippet, spans = clause_snippet(text, self.corpus.text[row], patterns)
        return Hit(doc["id"], doc["title"], doc.get("doc_number"), doc["region"], doc["level"], doc["status"],
                   key, clause.get("label") or "", snippet, spans, score, match, self.corpus.paths[row])

    def more_clauses(self, text: str, doc_id: str, filters: Filters | None = None) -> list[Hit]:
        """Every matching clause of one document (what "该文件还有 N 处匹配" opens)."""
        return self.search(text, filters, limit=MAX_LIMIT, flat=True, only_doc=doc_id).hits


def diversify(rows: list[tuple[float, int, str, int]], doc_of: list[str], decay: float = 0.7) -> list[tuple[float, int, str, int]]:
    """Clause hits by tier and score, each further clause of the same document counting a little less.

    Without this one long document fills the first page of the flat list.
    """
    rows = sorted(rows, key=lambda x: (x[3], -x[0]))
    seen: dict[str, int] = {}
    out = []
    for sc, row, match, tier in rows:
        n = seen.get(doc_of[row], 0)
        seen[doc_of[row]] = n + 1
        out.append((sc * decay ** n, row, match, tier))
    out.sort(key=lambda x: (x[3], -x[0]))
    return out
