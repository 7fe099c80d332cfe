"""What the query asks for, answered from the clause knowledge: industries, benefits, clause roles.

* **Industries.** When a query word names an industry of ``resources/industries/industries.json``
  (风电 for wind) and the database carries ``clause_industries``, clauses marked ``primary``
  for that industry rank higher and ``passing`` ones (a mention in a list of sectors) lower.
* **Benefits.** A query word holding a cue of ``resources/search/intents.json`` (补贴, 电价,
  贷款, 安家…) asks for an incentive kind; clauses granting an incentive of that kind (the
  knowledge stage's incentive facts) rank higher than clauses that only talk about it; among the
  clauses an entry shows, a grant of another kind whose fact prints a cue of that kind (一次性贴息
  奖补, filed under grants, for 贷款) counts as granting it too (``Asked.shown``).
* **General measures.** A query joining an industry and a kind of benefit (煤化工 用地) is also
  answered by measures of that kind granted to every industry (a land clause of a policy list
  that names no industry) when the kind is one of ``general_kinds`` in ``intents.json``:
  ``Asked.general`` lists the documents holding such clauses, outside the documents whose
  title names an industry, with how much each is about any industry.
* **Roles.** 申报, 流程, 材料 ask for procedure clauses; a clause that only states a target
  ranks lower unless the query asks for targets (目标, 规模).

On a database without the knowledge tables every clause keeps factor 1.0.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from handbook.errors import ContentError
from handbook.paths import resource_path
from handbook.search.analysis import fold

PRIMARY, PASSING = 1.3, 0.75
KIND_MATCH = 1.3  # the clause grants an incentive of the kind asked for
ROLE_MATCH = 1.25  # the clause is of the role asked for (a procedure for 申报)
SECTION_MATCH = 1.3  # ... and sits in a section whose heading names that role (（三）工作流程)
# How much a document granting a general kind of benefit to every industry is about the industry
# word of the query: a base share plus a step per such clause, at most the maximum (reached at
# once when its title names that kind of benefit: 加强土地要素保障).
GENERAL_BASE, GENERAL_STEP, GENERAL_MAX = 0.3, 0.15, 0.6


@lru_cache(maxsize=1)
def intents() -> dict:
    path = resource_path("search", "intents.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {"kinds": {k: [fold(c) for c in v] for k, v in data["kinds"].items()},
                "roles": {k: [fold(c) for c in v] for k, v in data["roles"].items()},
                "quiet_roles": {k: float(v) for k, v in data.get("quiet_roles", {}).items()},
                "role_headings": {k: [fold(c) for c in v] for k, v in data.get("role_headings", {}).items()},
                "general_kinds": list(data.get("general_kinds", [])),
                "kind_names": {fold(w): k for k, words in data.get("kind_names", {}).items() for w in words}}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise ContentError(f"查询意图文件 {path.name} 无法读取：{err}") from err


def asked(words: list[str], cues: dict[str, list[str]]) -> set[str]:
    """The keys of ``cues`` some query word holds a cue of."""
    folded = [fold(w) for w in words]
    return {key for key, found in cues.items() if any(c in w for w in folded for c in found)}


def cue_word(word: str) -> bool:
    """``word`` is itself a cue of ``intents.json`` (税 asks for tax relief): a topic, even as one character."""
    folded = fold(word)
    data = intents()
    return any(folded in cues for group in ("kinds", "roles") for cues in data[group].values())


class IndustryRelevance:
    def __init__(self, store, roles: dict[str, str] | None = None, titles: dict[str, str] | None = None,
                 headings: dict[str, str] | None = None):
        self.store = store
        self.headings = headings or {}  # clause key -> its own heading and the heading right above it (folded)
        self._sections: dict[str, frozenset[str]] = {}  # role -> clauses of the sections whose heading names it
        self.titles = titles or {}  # document -> folded title (documents about one industry are not general)
        self.roles = roles or {}  # clause key -> role
        self._available = callable(getattr(store, "clause_industries", None))
        self._terms: dict[str, str] | None = None
        self._names: dict[str, str] | None = None
        self._cache: dict[str, dict[str, str]] = {}
        self._kinds: dict[str, frozenset[str]] = {}
        self._facts: list[tuple[dict, str]] | None = None  # every incentive fact with its folded text, read once
        self._printed: dict[str, frozenset[str]] = {}  # kind -> clauses whose fact of another kind prints its cue
        self._general: dict[str, dict[str, int]] = {}  # kind -> document -> clauses granting it to every industry
        self._quiet: dict[tuple, dict[str, float]] = {}  # quiet roles -> clause key -> factor

    def _industry_terms(self) -> dict[str, str]:
        if self._terms is None:
            from handbook.industries import default_catalogue

            self._terms = {fold(term): i.id for i in default_catalogue().industries for term in (i.name, *i.terms)}
        return self._terms

    def _industry_names(self) -> dict[str, str]:
        """The words that name an industry as a whole: its name and the terms inside it (储能 of 新型储能).

        A name joining two (冷链物流 / 商贸物流) names neither whole: its clauses are about both.
        """
        if self._names is None:
            from handbook.industries import default_catalogue

            self._names = {fold(w): i.id for i in default_catalogue().industries if "/" not in i.name
                           for w in (i.name, *i.terms) if len(w) > 1 and w in i.name}
        return self._names

    def _industry_table(self, industry: str) -> dict[str, str]:
        if industry not in self._cache:
            try:
                self._cache[industry] = self.store.clause_industries(industry)
            except Exception:  # an older database without the table: no relevance, no error
                self._cache[industry] = {}
        return self._cache[industry]

    def _all_facts(self) -> list[tuple[dict, str]]:
        """Every incentive fact of the database with its folded text, read once (none in a database
        without the table): the kinds asked for and the cues their facts print are looked up in it."""
        if self._facts is None:
            try:
                self._facts = [(f, fold(f.get("text") or "")) for f in self.store.incentives()]
            except Exception:  # no incentive facts in this database
                self._facts = []
        return self._facts

    def _kind_clauses(self, kind: str) -> frozenset[str]:
        if kind not in self._kinds:
            facts = [f for f, _ in self._all_facts() if f["kind"] == kind]
            self._kinds[kind] = frozenset(f["clause_key"] for f in facts)
            terms = [t for t in self._industry_terms() if len(t) > 1]
            general: dict[str, set[str]] = {}
            for f in facts:
                title = self.titles.get(f["doc_id"])  # None: a duplicate the index leaves out
                if title is not None and not f.get("industries") and not any(t in title for t in terms):
                    general.setdefault(f["doc_id"], set()).add(f["clause_key"])
            self._general[kind] = {d: len(keys) for d, keys in general.items()}
        return self._kinds[kind]

    def _printing(self, kind: str) -> frozenset[str]:
        """The clauses granting a benefit of another kind whose fact prints a cue of ``kind`` two characters
        or longer (一次性贴息奖补, filed under grants, is also a loan subsidy)."""
        if kind not in self._printed:
            cues = [c for c in intents()["kinds"].get(kind, []) if len(c) > 1]
            self._printed[kind] = frozenset(f["clause_key"] for f, text in self._all_facts()
                                            if f["kind"] != kind and any(c in text for c in cues))
        return self._printed[kind]

    def industry_word(self, word: str) -> bool:
        """``word`` names an industry of the catalogue (煤化工, 数据中心)."""
        return self._available and fold(word) in self._industry_terms()

    def kind_topic(self, word: str) -> tuple[frozenset[str], tuple[str, ...]] | None:
        """The clauses granting the kind of benefit ``word`` names as a whole (``kind_names`` in
        intents.json: 电价 also holds the clauses that raise a trading share or set a tariff)."""
        kind = intents()["kind_names"].get(fold(word))
        if kind is None or not callable(getattr(self.store, "incentives", None)):
            return None
        keys = self._kind_clauses(kind)
        return (keys, ()) if keys else None

    def role_sections(self, roles: set[str]) -> frozenset[str]:
        """The clauses of the sections whose heading names one of ``roles`` (procedure: the clauses
        below （三）工作流程 and the clause headed 申报程序), from ``role_headings`` in intents.json."""
        data = intents()
        keys: frozenset[str] = frozenset()
        for role in sorted(roles & data["role_headings"].keys()):
            if role not in self._sections:
                opens = re.compile("(?:" + "|".join(map(re.escape, data["role_headings"][role])) + r")\s*:")
                self._sections[role] = frozenset(k for k, h in self.headings.items() if opens.search(h))
            keys |= self._sections[role]
        return keys

    def topic(self, word: str) -> tuple[frozenset[str], tuple[str, ...]] | None:
        """The clauses marked ``primary`` for the industry ``word`` names as a whole (装备制造, not
        首台套: a narrower term stays exact), and the industry's terms; for a word naming a kind of
        benefit, the clauses granting that kind."""
        if not self._available:
            return self.kind_topic(word)
        industry = self._industry_names().get(fold(word))
        if industry is None:
            return self.kind_topic(word)
        terms = tuple(t for t, i in self._industry_terms().items() if i == industry and len(t) > 1)
        keys = frozenset(k for k, mark in self._industry_table(industry).items() if mark == "primary")
        return (keys, terms) if keys else None

    def for_terms(self, words: list[str]) -> Asked | None:
        """A clause-key -> factor function for what ``words`` ask for, or None when nothing is."""
        tables, by_word = [], {}
        if self._available:
            industries = {self._industry_terms().get(fold(w)) for w in words} - {None}
            tables = [self._industry_table(i) for i in sorted(industries)]
            by_word = {fold(w): self._industry_table(self._industry_terms()[fold(w)])
                       for w in words if fold(w) in self._industry_terms()}
        kinds = asked(words, intents()["kinds"]) if callable(getattr(self.store, "incentives", None)) else set()
        granting = [self._kind_clauses(k) for k in sorted(kinds)]
        general: dict[str, float] = {}
        if tables:  # an industry and a kind of benefit asked by another word: the measures of that kind for every industry
            others = [w for w in words if not self.industry_word(w)]
            for k in sorted(asked(others, intents()["kinds"]) & set(intents()["general_kinds"])):
                self._kind_clauses(k)
                cues = intents()["kinds"][k]
                for d, n in self._general.get(k, {}).items():
                    titled = any(c in self.titles.get(d, "") for c in cues)  # a document about that kind of benefit
                    share = GENERAL_MAX if titled else min(GENERAL_MAX, GENERAL_BASE + GENERAL_STEP * n)
                    general[d] = max(general.get(d, 0.0), share)
        # 材料 asks for application papers, not when it ends an industry's name (可降解材料)
        wanted_roles = asked([w for w in words if not self.industry_word(w)], intents()["roles"])
        quiet = {r: f for r, f in intents()["quiet_roles"].items() if r not in wanted_roles}
        role_of = self.roles if (wanted_roles or quiet) else {}
        if not tables and not granting and not role_of:
            return None

        if not tables and not granting and not wanted_roles:  # only quiet roles: one lookup per clause
            key = tuple(sorted(quiet.items()))
            if key not in self._quiet:
                self._quiet[key] = {k: quiet[r] for k, r in self.roles.items() if r in quiet}
            return Asked([], [], {}, set(), {}, self._quiet[key])
        asked_for = Asked(tables, granting, role_of, wanted_roles, quiet, general=general, industry_word=self.industry_word)
        asked_for.sections = self.role_sections(wanted_roles)
        if asked_for.sections:  # the words asking for those roles (办理, 流程): the sections answer them
            roles = intents()["roles"]
            asked_for.role_words = {fold(w) for w in words if not self.industry_word(w) and asked([w], roles) & wanted_roles}
        asked_for.by_word = by_word
        asked_for.printing = frozenset().union(*(self._printing(k) for k in sorted(kinds)))
        return asked_for


class Asked:
    """Clause key -> factor for one query (see the module doc); ``passing`` tells a mere mention."""

    def __init__(self, tables, granting, role_of, wanted_roles, quiet, only: dict[str, float] | None = None,
                 general: dict[str, float] | None = None, industry_word=None):
        self.tables, self.granting, self.role_of = tables, granting, role_of
        self.wanted_roles, self.quiet = wanted_roles, quiet
        self.only = only  # nothing asked for but quiet roles: their factors by clause key
        self.general = general or {}  # document -> how much it is about any industry (it grants the kind asked for to all)
        self.industry_word = industry_word or (lambda word: False)
        self.by_word: dict[str, dict[str, str]] = {}  # industry word of the query -> clause key -> mark
        self.sections: frozenset[str] = frozenset()  # clauses in a section whose heading names a role asked for
        self.role_words: set[str] = set()  # the query words (folded) asking for such a role
        self.printing: frozenset[str] = frozenset()  # clauses whose fact of another kind prints a cue of a kind asked for

    def industry_tables(self, terms) -> list:
        """(term, clause key -> mark) for each query word naming an industry, looked up once per page."""
        out = []
        for t in terms:
            table = self.by_word.get(fold(t.term.text))
            if table is not None:
                out.append((t, table))
        return out

    def passing(self, key: str) -> bool:
        """The clause only mentions the industries asked for in a list of sectors."""
        marks = {t.get(key) for t in self.tables}
        return "passing" in marks and "primary" not in marks

    def shown(self, key: str) -> float:
        """The factor choosing the clauses an entry shows: a clause granting a benefit whose text prints the
        kind asked for counts as granting it (not used for ranking documents)."""
        value = self(key)
        if key in self.printing and not any(key in g for g in self.granting):
            value *= KIND_MATCH
        return value

    def __call__(self, key: str) -> float:
        if self.only is not None:
            return self.only.get(key, 1.0)
        value = 1.0
        if self.tables:
            marks = {t.get(key) for t in self.tables}
            value = PRIMARY if "primary" in marks else PASSING if "passing" in marks else 1.0
        if any(key in g for g in self.granting):
            value *= KIND_MATCH
        if self.role_of:
            role = self.role_of.get(key)
            value *= ROLE_MATCH if role in self.wanted_roles else self.quiet.get(role, 1.0)
            if key in self.sections:
                value *= SECTION_MATCH
        return value
