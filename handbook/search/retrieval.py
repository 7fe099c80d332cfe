"""Clause search: turns a parsed query into Whoosh queries, ranks, filters and highlights.

Every query word is matched as a phrase of CJK bigrams in the clause text or the document
title (title matches count less). Several words mean AND; when AND finds nothing the same
words are tried as a ranked OR, and a long word that still finds nothing is split into its
bigrams. A 文号 puts its own document first, followed by the clauses that cite it.
Documents no longer in force keep their hits but rank below the ones in force. Snippets are
cut in characters around the densest cluster of matches, with highlight offsets into the
snippet string (the analyzer keeps offsets, so they are right for Chinese).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from whoosh import query as q
from whoosh.idsets import BitSet
from whoosh.scoring import BM25F

from handbook.docnumber import compact
from handbook.errors import IndexError_, QueryError
from handbook.search.analysis import fold, phrase_units, term_pattern
from handbook.search.query import ParsedQuery, Term, parse_query
from handbook.search.ranking import DocSetQuery, diversify
from handbook.search.results import IN_FORCE, Hit, SearchResult
from handbook.search.snippets import make_snippet
from handbook.taxonomy import LEVELS, Taxonomy

REPEALED_FACTOR = 0.35
SYNONYM_BOOST = 0.5
TITLE_SCORE = 12.0
SAME_DOCUMENT_DECAY = 0.7
COORDINATION = 2.0  # bonus for clauses sharing more of a run-together phrase's bigrams


@dataclass
class Filters:
    region: str | None = None
    level: str | None = None
    theme: str | None = None
    status: str | None = None
    year: str | None = None


class Searcher:
    """Runs queries against one opened Whoosh index; safe to call from one thread at a time."""

    def __init__(self, ix, store, taxonomy: Taxonomy):
        self.ix = ix
        self.store = store
        self.taxonomy = taxonomy
        self._searcher = ix.searcher(weighting=BM25F())
        self._lock = threading.Lock()
        self._docs = {d["id"]: d for d in store.documents(include_duplicates=False)}
        self._by_segment: dict = {}
        self._title_cache: dict[str, frozenset[str]] = {}
        self._filter_cache: dict[tuple, BitSet] = {}
        self._titles = {doc_id: fold(d["title"]) for doc_id, d in self._docs.items()}
        self._by_number = {compact(d["doc_number"]): d for d in self._docs.values() if d.get("doc_number")}

    def _docs_titled(self, form: str) -> frozenset[str]:
        """Documents whose title contains ``form`` (cached: typing repeats the same words)."""
        found = self._title_cache.get(form)
        if found is None:
            pattern = term_pattern(form)
            found = frozenset(d for d, title in self._titles.items() if pattern and pattern.search(title))
            if len(self._title_cache) > 2000:
                self._title_cache.clear()
            self._title_cache[form] = found
        return found

    def _clause_ids(self, reader) -> dict[str, list[int]]:
        """Clause numbers of every document in one index segment, read once."""
        segment = reader.segment().segment_id() if hasattr(reader, "segment") else id(reader)
        cached = self._by_segment.get(segment)
        if cached is None:
            cached = {}
            for term in reader.lexicon("doc_id"):
                doc_id = term.decode("utf-8") if isinstance(term, bytes) else term
                cached[doc_id] = list(reader.postings("doc_id", doc_id).all_ids())
            self._by_segment[segment] = cached
        return cached

    @staticmethod
    def _doc_of(key: str) -> str:
        return key.split(":", 1)[0]

    def close(self) -> None:
        self._searcher.close()
        self.ix.close()

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

    def _filter_docnums(self, filters: Filters) -> BitSet | None:
        """The clause numbers a filter allows, computed once per filter combination.

        Whoosh would otherwise re-run the filter query on every keystroke; with the region
        and all regions above it that is most of the index.
        """
        query = self._filter(filters)
        if query is None:
            return None
        key = (filters.region, filters.level, filters.theme, filters.status, filters.year)
        found = self._filter_cache.get(key)
        if found is None:
            found = BitSet(query.docs(self._searcher), size=self._searcher.doc_count_all())
            if len(self._filter_cache) > 200:
                self._filter_cache.clear()
            self._filter_cache[key] = found
        return found

    def _filter(self, filters: Filters):
        parts = []
        if filters.region:
            region = self.resolve_region(filters.region)
            parts.append(q.Or([q.Term("region", r) for r in self.taxonomy.ancestors(region)]))
        if filters.level:
            parts.append(q.Term("level", self.resolve_level(filters.level)))
        if filters.theme:
            parts.append(q.Term("themes", filters.theme))
        if filters.status:
            parts.append(q.Term("status", filters.status))
        if filters.year:
            parts.append(q.Term("year", str(filters.year)))
        return q.And(parts) if parts else None

    # -- query building --------------------------------------------------------------------

    def _form_query(self, form: str, boost: float, titles: bool = True):
        """Clauses whose text has every bigram of ``form``, or whose document title has ``form``.

        The index keeps no positions: all bigrams of a word in one clause is the candidate
        test, and the clause text then confirms the word itself (``_term_check``). That is
        three to four times faster than phrase queries over positions, at the same results.
        Titles are matched here rather than indexed per clause: 100 titles are scanned in
        well under a millisecond, and the index stays smaller and faster to build.
        """
        words, prefix = phrase_units(form)
        words = list(dict.fromkeys(words))
        if prefix:
            body = q.Prefix("body", prefix, boost=boost)
        elif len(words) == 1:
            body = q.Term("body", words[0], boost=boost)
        elif words:
            body = q.And([q.Term("body", w) for w in words], boost=boost)
        else:
            return q.NullQuery
        docs = self._docs_titled(form) if titles else ()
        if not docs:
            return body
        return q.Or([body, DocSetQuery(docs, TITLE_SCORE * boost, self._clause_ids)])

    def _term_query(self, term: Term):
        forms = [self._form_query(term.text, 1.0)] + [self._form_query(v, SYNONYM_BOOST) for v in term.variants]
        return forms[0] if len(forms) == 1 else q.Or(forms)

    def _bigram_query(self, terms: list[Term]):
        """Ranked OR of the bigrams of words typed together (西部大开发企业所得税, 氢能补贴).

        Chinese users rarely type spaces; a run-together phrase that is not in the text as
        it stands is matched bigram by bigram, clauses and titles sharing more of them first.
        """
        words = list(dict.fromkeys(w for t in terms for w in phrase_units(t.text)[0] if len(w) == 2))
        # Bigrams in a tenth of all clauses (发展, 企业, 质量) say little and cost most: leave
        # them out while at least three rarer ones remain.
        reader = self._searcher.reader()
        cap = max(50, reader.doc_count() // 10)
        df = {w: reader.doc_frequency("body", w) for w in words}
        rare = [w for w in words if df[w] <= cap]
        if len(rare) < 3:
            rare = sorted(words, key=lambda w: df[w])[:3]
        parts = [q.Term("body", w) for w in rare]
        # Titles count by how much of the phrase they share (all bigrams, common ones too).
        by_cover: dict[int, list[str]] = {}
        for doc_id, title in self._titles.items():
            shared = sum(1 for w in words if w in title)
            if words and shared * 2 >= len(words):
                by_cover.setdefault(shared, []).append(doc_id)
        for shared, docs in by_cover.items():
            score = TITLE_SCORE * 3 * (shared / len(words)) ** 2
            parts.append(DocSetQuery(frozenset(docs), score, self._clause_ids))
        return q.Or(parts, scale=COORDINATION)

    # -- search ----------------------------------------------------------------------------

    def search(self, text: str, filters: Filters | None = None, limit: int = 20) -> SearchResult:
        parsed = parse_query(text)
        filters = filters or Filters()
        limit = max(1, min(int(limit), 500))
        result = SearchResult(parsed, notices=list(parsed.notices))
        if parsed.is_empty:
            result.mode = "empty"
            return result
        with self._lock:
            wfilter = self._filter_docnums(filters)
            try:
                return self._search(parsed, wfilter, limit, result)
            except QueryError:
                raise
            except Exception as err:  # a damaged index file shows up only when read
                raise IndexError_(f"搜索索引读取失败（{type(err).__name__}），将重新建立。") from err

    def _search(self, parsed: ParsedQuery, wfilter, limit: int, result: SearchResult) -> SearchResult:
        positive = parsed.positive
        checks = [self._term_check(t) for t in positive]
        excluded = [self._term_check(t) for t in parsed.negative]
        forms = [f for t in positive for f in t.all_forms]
        ranked: list[tuple[float, str, str]] = []  # (score, key, match)
        texts: dict[str, dict] = {}
        seen: set[str] = set()

        if parsed.doc_numbers:
            result.mode = "doc_number"
            ranked += self._doc_number_hits(parsed, wfilter, limit, result, seen, texts)
            forms += parsed.doc_numbers

        if positive and len(ranked) < limit:
            base = [self._term_query(t) for t in positive]
            attempts = [("and", q.And(base) if len(base) > 1 else base[0], all)]
            if len(base) > 1:
                attempts.append(("or", q.Or(base), any))
            long_terms = [t for t in positive if len(t.text) >= 4 and not t.quoted]
            run_together = len(positive) == 1 and len(long_terms) == 1 and len(long_terms[0].text) >= 6
            if long_terms:
                attempts.append(("bigram", None, None))  # built only when needed
            exact_found = False
            for mode, query, combine in attempts:
                if exact_found and mode != "bigram":
                    continue
                if query is None:
                    query = self._bigram_query(positive)
                if parsed.negative:
                    query = q.AndNot(query, q.Or([self._term_query(t) for t in parsed.negative]))
                hits = self._searcher.search(query, limit=limit * 2 + 10, filter=wfilter)
                if hits.is_empty():
                    continue
                keys = [(h["key"], h["doc_id"], h.score) for h in hits]
                texts.update(self.store.clauses_by_keys([k for k, _, _ in keys if k not in texts]))

                def keep(key: str, doc_id: str, combine=combine) -> bool:
                    # The index matches a word's bigrams anywhere in a clause; the text decides.
                    text = fold(texts[key]["text"]) if key in texts else ""
                    if any(check(text, doc_id) for check in excluded):
                        return False
                    return combine is None or combine(check(text, doc_id) for check in checks)

                found = [(k, d, sc) for k, d, sc in keys if keep(k, d)]
                if not found:
                    continue
                exhaustive = hits.scored_length() < limit * 2 + 10
                # Near matches after exact ones are kept below the weakest exact hit.
                ceiling = min(r[0] for r in ranked) * 0.95 if exact_found and ranked else None
                top = found[0][2] or 1.0
                new = 0
                for key, doc_id, score in found:
                    if key in seen:
                        continue
                    seen.add(key)
                    new += 1
                    factor = 1.0 if self._docs.get(doc_id, {}).get("status") == IN_FORCE else REPEALED_FACTOR
                    score = score if ceiling is None else ceiling * score / top
                    ranked.append((score * factor, key, "text" if ceiling is None else "near"))
                if exact_found:
                    result.total += new
                    break
                count = len(found) if exhaustive else max(len(found), hits.estimated_length())
                result.total_is_estimate |= not exhaustive
                if result.mode != "doc_number":
                    result.mode = mode
                    result.total = count
                else:
                    result.total += count
                if mode == "or":
                    result.notices.append("没有同时包含所有词语的条款，下面是包含部分词语的结果。")
                elif mode == "bigram":
                    result.notices.append("没有找到完整的词语，下面是相近的结果。")
                    break
                exact_found = True
                if len(ranked) >= limit or not run_together:
                    break
        if not ranked:
            result.mode = "empty" if result.mode != "doc_number" else result.mode
            result.notices.append("没有找到相关条款。可以减少词语、换个说法，或取消筛选条件。")
            return result

        if result.mode != "doc_number":
            ranked = diversify(ranked, self._doc_of)
        if any(match == "near" for _, _, match in ranked) or result.mode == "bigram":
            forms += [w for t in positive if len(t.text) >= 4 for w in phrase_units(t.text)[0] if len(w) == 2]
        result.hits = self._make_hits(ranked[:limit], forms, texts)
        return result

    def _term_check(self, term: Term):
        """(folded clause text, doc_id) -> whether the term or a synonym is in the text or title."""
        patterns = [p for p in (term_pattern(f) for f in term.all_forms) if p is not None]
        in_titles = set().union(*(self._docs_titled(f) for f in term.all_forms))
        return lambda text, doc_id: doc_id in in_titles or any(p.search(text) for p in patterns)

    def _doc_number_hits(self, parsed: ParsedQuery, wfilter, limit: int, result: SearchResult, seen: set[str],
                         texts: dict[str, dict]):
        ranked = []
        for number in parsed.doc_numbers:
            doc = self._by_number.get(compact(number))
            if doc is None:
                result.notices.append(f"手册中没有文号为 {number} 的文件，下面是提到它的条款。")
            else:
                own = self._searcher.search(q.Term("doc_id", doc["id"]), limit=None, sortedby=None, filter=wfilter)
                keys = [k for _, k in sorted((h.docnum, h["key"]) for h in own)]
                if parsed.positive:  # 文号 plus words: the words pick the clauses of that document
                    wanted = q.And([q.Term("doc_id", doc["id"])] + [self._term_query(t) for t in parsed.positive])
                    checks = [self._term_check(t) for t in parsed.positive]
                    matched = [h["key"] for h in self._searcher.search(wanted, limit=limit * 2, filter=wfilter)]
                    texts.update(self.store.clauses_by_keys(matched))
                    matched = [k for k in matched if all(c(fold(texts[k]["text"]), doc["id"]) for c in checks)]
                    keys = matched or keys
                for key in keys[: max(3, limit // 2)]:
                    if key not in seen:
                        seen.add(key)
                        ranked.append((1000.0, key, "doc_number"))
                result.total += len(own)
            pattern = term_pattern(number)
            mention = self._form_query(number, 1.0, titles=False)
            candidates = [(h["key"], h["doc_id"], h.score) for h in self._searcher.search(mention, limit=limit * 3, filter=wfilter)]
            texts.update(self.store.clauses_by_keys([k for k, _, _ in candidates]))
            for key, doc_id, score in candidates:
                if key in seen or doc_id == (doc or {}).get("id") or not pattern.search(fold(texts[key]["text"])):
                    continue
                seen.add(key)
                ranked.append((500.0 + score, key, "citation"))
                result.total += 1
        return ranked

    # -- results ---------------------------------------------------------------------------

    def _make_hits(self, ranked: list[tuple[float, str, str]], forms: list[str], texts: dict[str, dict]) -> list[Hit]:
        patterns = [p for p in (term_pattern(f) for f in forms) if p is not None]
        missing = [key for _, key, _ in ranked if key not in texts]
        rows = {**texts, **(self.store.clauses_by_keys(missing) if missing else {})}
        hits = []
        for score, key, match in ranked:
            clause = rows.get(key)
            if clause is None:
                continue
            doc = self._docs[clause["doc_id"]]
            snippet, spans = make_snippet(clause["text"] or clause["heading"] or "", patterns)
            if match == "text" and not spans:
                match = "title"
            hits.append(Hit(doc["id"], doc["title"], doc["doc_number"], doc["region"], doc["level"], doc["status"],
                            key, clause["label"], snippet, spans, score, match))
        return hits
