"""Where a query word occurs: in a clause's text, in its heading path, in its document's title.

``Matcher.form`` answers for one written form (the typed word or a synonym) with three
sets, read from the posting lists and confirmed on the folded text; ``Matcher.term`` merges
a word's forms, each with its weight (typed word 1.0, synonyms and abbreviations less).
A place name (乌海, 伊金霍洛旗) holds, besides its mentions, every document of that place
and the places below it, as if its title named it.
A long word the officer runs together (研发费用加计扣除, 认定标准, 安家补贴) has one more
form: its parts (the fewest words the texts contain, each with its synonyms) all in one
clause's context, weighted below a synonym, since the texts often put a word between the
parts (研发费用税前加计扣除, 认定参考标准, 安家补助).
A word naming an industry of the catalogue (装备制造) also holds, as context, the clauses the
clause knowledge marks ``primary`` for that industry in other words (技术装备首台（套）).
Results are cached per form, since typing a query repeats the same words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import contains

from handbook.search import amounts
from handbook.search.analysis import fold, form_units, runs, term_pattern
from handbook.search.corpus import Corpus
from handbook.search.index import ClauseIndex
from handbook.search.query import Synonyms, Term
from handbook.search.relevance import cue_word
from handbook.search.vocabulary import segment

SYNONYM_WEIGHT = 0.6
TOPIC_WEIGHT = 0.75  # an industry word: the clauses the knowledge stage marks primary for it, as context (0.45)
PARTS_WEIGHT = 0.45  # a run-together word matched by its parts in one clause
PARTS_FROM = 4  # characters a pure CJK word needs before its parts are tried
OWN_HEADING, TEXT, HEADING_PATH, TITLE = 1.3, 1.0, 0.6, 0.5  # strength of a word by where it is found
NEAR_HEADING = 0.8  # the heading right above the clause has the word: the section it opens is about it
EAGER_LEVELS = 5000  # words in at most this many clauses keep their strengths in a dict
VERIFY_CAP = 30000  # candidates confirmed on the text; beyond this a sample is confirmed and counted up
_PURE_CJK = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")


@dataclass
class FormMatch:
    form: str
    text: frozenset[int]  # clauses whose own text has the form
    heading: frozenset[int]  # clauses below a heading that has it (their heading path)
    own_heading: frozenset[int]  # clauses whose own heading (lead phrase) has it
    titles: frozenset[str]  # documents whose title has it
    estimated: bool = False
    parts: tuple[str, ...] = ()  # a form made of the word's parts: the parts (for highlights)
    highlight: tuple[str, ...] = ()  # what to highlight when the form is not printed as such (a price range)
    near: frozenset[int] = frozenset()  # of ``heading``: clauses right below a heading that has it (its own section)


class Levels:
    """Clause -> strength: own lead heading 1.3, text 1.0, heading path 0.6 (times the form's weight).

    Computed per clause asked for, not stored: a common word holds most clauses, and only the
    clauses being ranked are ever asked.
    """

    def __init__(self, forms: list[tuple[FormMatch, float]]):
        self.forms = sorted(forms, key=lambda f: -f[1])  # the typed word first

    def get(self, row: int, default: float = 0.0) -> float:
        best = 0.0
        for fm, weight in self.forms:
            if row in fm.text:
                value = (OWN_HEADING if row in fm.own_heading else TEXT) * weight
            elif row in fm.heading:
                value = (NEAR_HEADING if row in fm.near else HEADING_PATH) * weight
            else:
                continue
            if value > best:
                best = value
        return best or default

    def __getitem__(self, row: int) -> float:
        return self.get(row)


@dataclass(eq=False)  # compared by identity: the sets inside are large
class TermMatch:
    term: Term
    forms: list[tuple[FormMatch, float]] = field(default_factory=list)
    idf: float = 1.0
    matched: set[int] = field(default_factory=set)  # set by ranking: context rows after filters
    levels: Levels | dict = field(default_factory=dict)  # clause -> strength in text or heading path
    title_levels: dict[str, float] = field(default_factory=dict)  # document -> strength through its title
    body: set[int] = field(default_factory=set)  # clauses matching in text or heading path
    body_docs: set[str] = field(default_factory=set)  # documents of those clauses
    body_counts: dict[str, int] = field(default_factory=dict)  # document -> how many of those clauses

    def prepare(self) -> None:
        """Strength per clause (see ``Levels``), documents through their titles, and the body set."""
        titles: dict[str, float] = {}
        body: set[int] = set()
        for fm, weight in self.forms:
            body |= fm.text
            body |= fm.heading
            for d in fm.titles:
                titles[d] = max(titles.get(d, 0.0), TITLE * weight)
        levels = Levels(self.forms)
        if len(body) <= EAGER_LEVELS:  # small: one dict lookup per clause while ranking
            levels = {r: levels.get(r) for r in body}
        self.levels, self.title_levels, self.body = levels, titles, body

    def docs_of_body(self, doc_of: list[str]) -> None:
        """The documents of the body clauses and how many each holds (once per word, not per query)."""
        self.body_counts = dict(Counter(map(doc_of.__getitem__, self.body)))
        self.body_docs = set(self.body_counts)

    @property
    def estimated(self) -> bool:
        return any(f.estimated for f, _ in self.forms)

    def size(self, corpus: Corpus) -> int:
        """How many clauses match in context, at most (title documents counted whole)."""
        return len(self.body) + sum(len(corpus.doc_rows.get(d, ())) for d in self.title_levels)

    def rows(self, corpus: Corpus) -> set[int]:
        """Every clause whose context (text, heading path or title) has one of the forms."""
        out = set(self.body)
        for doc in self.title_levels:
            out.update(corpus.doc_rows.get(doc, ()))
        return out

    def text_rows(self) -> set[int]:
        out: set[int] = set()
        for fm, _ in self.forms:
            out |= fm.text
        return out

    def level(self, row: int, doc: str) -> float:
        return self.levels.get(row) or self.title_levels.get(doc, 0.0)

    def in_body(self, row: int) -> bool:
        return row in self.body

    def docs(self, corpus: Corpus) -> set[str]:
        out: set[str] = set()
        for fm, _ in self.forms:
            out |= fm.titles
            out.update(corpus.doc[r] for r in fm.text)
        return out


def places(taxonomy, corpus: Corpus) -> dict[str, frozenset[str]]:
    """League/city and banner names (and their cues) -> documents of that place or below it."""

    def above(region: str | None) -> list[str]:
        try:
            return taxonomy.ancestors(region) if region else []
        except (KeyError, AttributeError):  # a region the taxonomy does not know
            return []

    out: dict[str, frozenset[str]] = {}
    for region in taxonomy.regions:
        if region.level not in ("league_city", "banner_county"):
            continue  # every policy here is national or applies in the autonomous region
        docs = frozenset(d for d, doc in corpus.docs.items() if d in corpus.doc_rows and region.name in above(doc.get("region")))
        for name in (region.name, *region.cues):
            out[fold(name)] = docs
    return out


def _holding(rows, texts: list[str], form: str) -> frozenset[int]:
    """The ``rows`` (in their order) whose folded text in ``texts`` holds ``form`` where the index
    would match it; the loop runs in C (a common word confirms tens of thousands of clauses)."""
    folded = fold(form)
    if _PURE_CJK.match(folded):
        found = map(contains, map(texts.__getitem__, rows), repeat(folded))
    else:
        pattern = term_pattern(form)
        if pattern is None:
            return frozenset()
        found = map(pattern.search, map(texts.__getitem__, rows))
    return frozenset(compress(rows, found))


class Matcher:
    def __init__(self, index: ClauseIndex, corpus: Corpus, synonyms: Synonyms | None = None,
                 places: dict[str, frozenset[str]] | None = None, topics=None):
        self.index = index
        self.corpus = corpus
        self.synonyms = synonyms or Synonyms([])
        self.places = places or {}  # a place name (乌海, 伊金霍洛旗) -> the documents of that place
        self.topics = topics  # an industry word -> (clause keys marked primary for it, its terms), or None
        self._cache: dict[str, FormMatch] = {}
        self._terms: dict[tuple, TermMatch] = {}

    def text_rows(self, form: str) -> tuple[frozenset[int], bool]:
        """Clauses whose folded text contains ``form``, and whether the set was estimated."""
        units, exact = form_units(form)
        if not units:
            return frozenset(), False
        sets = sorted((self.index.ids(u) for u in units), key=len)
        if exact or not sets[0]:
            return sets[0], False
        candidates = set(sets[0]).intersection(*sets[1:])
        texts = self.corpus.text
        if len(candidates) <= VERIFY_CAP:
            return _holding(candidates, texts, form), False
        prior = self.corpus.prior
        sample = sorted(candidates, key=lambda r: -prior[r])[:VERIFY_CAP]
        return _holding(sample, texts, form), True

    def form(self, form: str) -> FormMatch:
        key = fold(form)
        found = self._cache.get(key)
        if found is None:
            text, estimated = self.text_rows(form)
            pattern = term_pattern(form)
            folded = fold(form)
            headings = self.corpus.heading
            headed = text & self.corpus.headed  # clauses with a lead heading of their own
            own = _holding(headed, headings, form)
            near = frozenset()
            if len(folded) == 1 and not cue_word(folded):  # a probe for the character, not a topic (税 is one)
                below, titles = frozenset(), frozenset()
            else:
                below = frozenset(self.corpus.descendants(own))
                children = self.corpus.children
                near = frozenset(c for r in own for c in children.get(r, ()))
                titles = frozenset(d for d, t in self.corpus.titles.items() if pattern and pattern.search(t))
                titles |= self.places.get(folded, frozenset())  # a city's own policies are about the city
            found = FormMatch(form, text, below, own, titles, estimated, near=near)
            if len(self._cache) > 1000:
                self._cache.clear()
            self._cache[key] = found
        return found

    def term(self, term: Term, parts: bool = True) -> TermMatch:
        """The word's forms and strengths (cached; the ranking sets ``idf`` and ``matched`` per query).

        ``parts`` False: no form made of the word's parts (the word is itself a part).
        """
        key = (fold(term.text), term.variants, parts)
        found = self._terms.get(key)
        if found is None:
            found = TermMatch(term)
            seen = set()
            for text, weight in [(term.text, 1.0)] + [(v, SYNONYM_WEIGHT) for v in term.variants if runs(v)]:
                if fold(text) not in seen:
                    seen.add(fold(text))
                    found.forms.append((self.form(text), weight))
            split = self.parts_form(term.text) if parts and not term.quoted else None
            if split is not None:
                found.forms.append((split, PARTS_WEIGHT))
            ranged = self.range_form(term.text, found.forms) if not term.quoted else None
            if ranged is not None:
                found.forms.append((ranged, SYNONYM_WEIGHT))
            topic = self.topic_form(term.text, found.forms) if not term.quoted else None
            if topic is not None:
                found.forms.append((topic, TOPIC_WEIGHT))
            found.prepare()
            found.docs_of_body(self.corpus.doc)
            if len(self._terms) > 500:
                self._terms.clear()
            self._terms[key] = found
        return TermMatch(term, found.forms, levels=found.levels, title_levels=found.title_levels, body=found.body,
                         body_docs=found.body_docs, body_counts=found.body_counts)

    def range_form(self, word: str, forms: list[tuple[FormMatch, float]]) -> FormMatch | None:
        """A price typed as one value (0.3元/千瓦时): the clauses printing a range that holds it
        (0.29—0.33元/度), in the typed unit or a synonym of it; only clauses printing the unit are read."""
        found = amounts.price(fold(word))
        if found is None:
            return None
        value, unit = found
        kind = unit.split("/")[0] + "/"
        units = (unit, *(u for u in self.synonyms.of(unit) if u.startswith(kind)))
        candidates = frozenset().union(*(self.form(u).text for u in units))
        have = frozenset().union(*(fm.text for fm, _ in forms))
        rows, shown = amounts.in_range(value, units, candidates - have, self.corpus.text)
        return FormMatch(word, rows, frozenset(), frozenset(), frozenset(), highlight=shown) if rows else None

    def topic_form(self, word: str, forms: list[tuple[FormMatch, float]]) -> FormMatch | None:
        """An industry word (装备制造, 无人机): the clauses about that industry in other words (首台（套）).

        They count as context (like a heading path): neither the clauses of documents whose title
        already holds the word nor clauses holding it themselves are added.
        """
        found = self.topics(word) if self.topics else None
        if not found:
            return None
        keys, terms = found
        titled = set().union(*(fm.titles for fm, _ in forms))
        have = frozenset().union(*(fm.text for fm, _ in forms))
        rows = frozenset(r for r in (self.corpus.number.get(k) for k in keys)
                         if r is not None and r not in have and self.corpus.doc[r] not in titled)
        if not rows:
            return None
        return FormMatch(word, frozenset(), rows, frozenset(), frozenset(), parts=terms)

    def parts_form(self, word: str) -> FormMatch | None:
        """The clauses holding every part of a run-together word in their context, or None."""
        folded = fold(word)
        if len(folded) < PARTS_FROM or not _PURE_CJK.match(folded):
            return None
        pieces = segment(folded, lambda piece: len(self.text_rows(piece)[0]), longest=min(4, len(folded) - 1))
        if not pieces:
            return None
        text = heading = own = titles = None
        for piece in pieces:
            forms = [self.form(f) for f in (piece, *self.synonyms.of(piece)) if runs(f)]
            p_text = frozenset().union(*(f.text for f in forms))
            p_context = p_text.union(*(f.heading for f in forms))
            p_own = frozenset().union(*(f.own_heading for f in forms))
            p_titles = frozenset().union(*(f.titles for f in forms))
            text = p_text if text is None else text & p_text
            heading = p_context if heading is None else heading & p_context
            own = p_own if own is None else own & p_own
            titles = p_titles if titles is None else titles & p_titles
        return FormMatch(" ".join(pieces), text, heading - text, own, titles, parts=tuple(pieces))
