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

import html
import threading
from dataclasses import asdict, dataclass, field

from whoosh import query as q
from whoosh.scoring import BM25F

from handbook.analysis import fold, phrase_units, term_pattern
from handbook.docnumber import compact
from handbook.errors import IndexError_, QueryError
from handbook.query import ParsedQuery, Term, parse_query
from handbook.taxonomy import LEVELS, Taxonomy

IN_FORCE = "现行有效"
REPEALED_FACTOR = 0.35
SYNONYM_BOOST = 0.5
SNIPPET_CHARS = 90
TITLE_SCORE = 12.0
SAME_DOCUMENT_DECAY = 0.7


@dataclass
class Hit:
    doc_id: str
    title: str
    doc_number: str | None
    region: str
    level: str
    status: str
    clause_key: str
    label: str
    snippet: str
    highlights: list[tuple[int, int]]
    score: float
    match: str = "text"  # text | title | doc_number | citation

    @property
    def repealed(self) -> bool:
        return self.status != IN_FORCE

    def snippet_html(self, mark: str = "<b>{}</b>") -> str:
        """The snippet as escaped HTML with the highlights wrapped by ``mark``."""
        out, pos = [], 0
        for start, end in self.highlights:
            out.append(html.escape(self.snippet[pos:start]))
            out.append(mark.format(html.escape(self.snippet[start:end])))
            pos = end
        out.append(html.escape(self.snippet[pos:]))
        return "".join(out)

    def to_json(self) -> dict:
        data = asdict(self)
        data["highlights"] = [list(h) for h in self.highlights]
        data["repealed"] = self.repealed
        data["score"] = round(self.score, 4)
        return data


@dataclass
class SearchResult:
    query: ParsedQuery
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    mode: str = "and"  # and | or | bigram | doc_number | empty
    notices: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        """A sentence for an empty result or a fallback, in Chinese ('' when nothing to say)."""
        if self.notices:
            return " ".join(self.notices)
        return ""


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
        self._titles = {doc_id: fold(d["title"]) for doc_id, d in self._docs.items()}
        self._by_number = {compact(d["doc_number"]): d for d in self._docs.values() if d.get("doc_number")}

    @staticmethod
    def _doc_of(key: str) -> str:
        return key.split(":", 1)[0]

    def close(self) -> None:
        self._searcher.close()
        self.ix.close()

    # -- filters ---------------------------------------------------------------------------

    def resolve_region(self, name: str) -> str:
        names = [r.name for r in self.taxonomy.regions]
        if name in names:
            return name
        starts = [n for n in names if n.startswith(name)]
        if len(starts) == 1:
            return starts[0]
        raise QueryError(f"没有名为“{name}”的地区。可选：{'、'.join(names)}。")

    def resolve_level(self, level: str) -> str:
        if level in LEVELS:
            return level
        for key, label in self.taxonomy.level_names.items():
            if level in (label, label.rstrip("级")):
                return key
        raise QueryError(f"没有“{level}”这一层级。可选：{'、'.join(self.taxonomy.level_names.values())}。")

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

    def _form_query(self, form: str, boost: float):
        """Clauses whose text contains ``form``, or whose document title does (constant score).

        Titles are matched here rather than indexed per clause: 100 titles are scanned in
        well under a millisecond, and the index stays a fifth smaller and faster to build.
        """
        words, prefix = phrase_units(form)
        if prefix:
            body = q.Prefix("body", prefix, boost=boost)
        elif len(words) == 1:
            body = q.Term("body", words[0], boost=boost)
        elif words:
            body = q.Phrase("body", words, slop=1, boost=boost)
        else:
            return q.NullQuery
        pattern = term_pattern(form)
        docs = [doc_id for doc_id, title in self._titles.items() if pattern and pattern.search(title)]
        if not docs:
            return body
        in_title = q.ConstantScoreQuery(q.Or([q.Term("doc_id", d) for d in docs]), score=TITLE_SCORE * boost)
        return q.Or([body, in_title])

    def _term_query(self, term: Term):
        forms = [self._form_query(term.text, 1.0)] + [self._form_query(v, SYNONYM_BOOST) for v in term.variants]
        return forms[0] if len(forms) == 1 else q.Or(forms)

    @staticmethod
    def _bigram_query(term: Term):
        words, _ = phrase_units(term.text)
        return q.Or([q.Term("body", w) for w in dict.fromkeys(words)])

    # -- search ----------------------------------------------------------------------------

    def search(self, text: str, filters: Filters | None = None, limit: int = 20) -> SearchResult:
        parsed = parse_query(text)
        filters = filters or Filters()
        limit = max(1, min(int(limit), 500))
        result = SearchResult(parsed, notices=list(parsed.notices))
        if parsed.is_empty:
            result.mode = "empty"
            return result
        wfilter = self._filter(filters)
        with self._lock:
            try:
                return self._search(parsed, wfilter, limit, result)
            except QueryError:
                raise
            except Exception as err:  # a damaged index file shows up only when read
                raise IndexError_(f"搜索索引读取失败（{type(err).__name__}），将重新建立。") from err

    def _search(self, parsed: ParsedQuery, wfilter, limit: int, result: SearchResult) -> SearchResult:
        exclude = [self._term_query(t) for t in parsed.negative]
        positive = parsed.positive
        forms = [f for t in positive for f in t.all_forms]
        ranked: list[tuple[float, str, str]] = []  # (score, key, match)
        seen: set[str] = set()

        if parsed.doc_numbers:
            result.mode = "doc_number"
            ranked += self._doc_number_hits(parsed, wfilter, limit, result, seen)
            forms += parsed.doc_numbers

        if positive and len(ranked) < limit:
            base = [self._term_query(t) for t in positive]
            attempts = [("and", q.And(base) if len(base) > 1 else base[0])]
            if len(base) > 1:
                attempts.append(("or", q.Or(base)))
            long_terms = [t for t in positive if len(t.text) >= 4 and not t.quoted]
            if long_terms:
                attempts.append(("bigram", q.Or([self._bigram_query(t) for t in positive])))
            for mode, query in attempts:
                if exclude:
                    query = q.AndNot(query, q.Or(exclude))
                hits = self._searcher.search(query, limit=limit * 2 + 20, filter=wfilter)
                if hits.is_empty():
                    continue
                total = len(hits)
                for hit in hits:
                    key = hit["key"]
                    if key in seen:
                        continue
                    seen.add(key)
                    doc = self._docs.get(hit["doc_id"], {})
                    factor = 1.0 if doc.get("status") == IN_FORCE else REPEALED_FACTOR
                    ranked.append((hit.score * factor, key, "text"))
                if result.mode != "doc_number":
                    result.mode = mode
                    result.total = total
                else:
                    result.total += total
                if mode == "or":
                    result.notices.append("没有同时包含所有词语的条款，下面是包含部分词语的结果。")
                elif mode == "bigram":
                    result.notices.append("没有找到完整的词语，下面是相近的结果。")
                break
        if not ranked:
            result.mode = "empty" if result.mode != "doc_number" else result.mode
            result.notices.append("没有找到相关条款。可以减少词语、换个说法，或取消筛选条件。")
            return result

        if result.mode != "doc_number":
            ranked = diversify(ranked, self._doc_of)
        result.hits = self._make_hits(ranked[:limit], forms)
        return result

    def _doc_number_hits(self, parsed: ParsedQuery, wfilter, limit: int, result: SearchResult, seen: set[str]):
        ranked = []
        for number in parsed.doc_numbers:
            doc = self._by_number.get(compact(number))
            if doc is None:
                result.notices.append(f"手册中没有文号为 {number} 的文件，下面是提到它的条款。")
            else:
                own = self._searcher.search(q.Term("doc_id", doc["id"]), limit=None, sortedby=None, filter=wfilter)
                keys = sorted((h.docnum, h["key"]) for h in own)
                if parsed.positive:  # 文号 plus words: the words pick the clauses of that document
                    wanted = q.And([q.Term("doc_id", doc["id"])] + [self._term_query(t) for t in parsed.positive])
                    matched = [h["key"] for h in self._searcher.search(wanted, limit=limit, filter=wfilter)]
                    keys = [(0, k) for k in matched] or keys
                for _, key in keys[: max(3, limit // 2)]:
                    if key not in seen:
                        seen.add(key)
                        ranked.append((1000.0, key, "doc_number"))
                result.total += len(own)
            units = phrase_units(number)[0]
            mention = q.Phrase("body", units, slop=1) if len(units) > 1 else q.Term("body", units[0])
            for hit in self._searcher.search(mention, limit=limit, filter=wfilter):
                if hit["key"] not in seen and hit["doc_id"] != (doc or {}).get("id"):
                    seen.add(hit["key"])
                    ranked.append((500.0 + hit.score, hit["key"], "citation"))
                    result.total += 1
        return ranked

    # -- results ---------------------------------------------------------------------------

    def _make_hits(self, ranked: list[tuple[float, str, str]], forms: list[str]) -> list[Hit]:
        patterns = [p for p in (term_pattern(f) for f in forms) if p is not None]
        rows = self.store.clauses_by_keys([key for _, key, _ in ranked])
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


def diversify(ranked: list[tuple[float, str, str]], doc_of) -> list[tuple[float, str, str]]:
    """Sort by score, each further clause of the same document counting a little less.

    Without this one long document fills the first page and the second relevant document
    is never seen; with it the best clause of every matching document comes early.
    """
    ranked = sorted(ranked, key=lambda r: -r[0])
    seen: dict[str, int] = {}
    out = []
    for score, key, match in ranked:
        doc = doc_of(key)
        n = seen.get(doc, 0)
        seen[doc] = n + 1
        out.append((score * SAME_DOCUMENT_DECAY ** n, key, match))
    out.sort(key=lambda r: -r[0])
    return out


def find_spans(text: str, patterns) -> list[tuple[int, int]]:
    """Merged (start, end) spans of every pattern match in ``text`` (offsets in ``text``)."""
    folded = fold(text)
    spans = sorted((m.start(), m.end()) for p in patterns for m in p.finditer(folded) if m.end() > m.start())
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def make_snippet(text: str, patterns, width: int = SNIPPET_CHARS) -> tuple[str, list[tuple[int, int]]]:
    """A ``width``-character window of ``text`` around the densest run of matches."""
    text = " ".join(text.split())
    spans = find_spans(text, patterns)
    if len(text) <= width:
        return text, spans
    start = 0
    if spans:
        lead = min(16, width // 5)
        best = max(range(len(spans)), key=lambda i: (sum(1 for s, e in spans[i:] if e <= spans[i][0] - lead + width), -i))
        start = max(0, min(spans[best][0] - lead, len(text) - width))
    end = min(len(text), start + width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    inside = [(max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end]
    return prefix + text[start:end] + suffix, inside
