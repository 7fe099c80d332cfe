"""Relations between documents: citations, repeals and duplicates.

* Citations: 《title》（文号） and bare 文号 in clause text, linked to the bundled document
  with that 文号 or title when there is one.
* Repeals: a sentence with 废止 / 停止执行 repeals the documents it cites. A bundled
  document repealed by a document with the same core title is 已被替代 (a new edition),
  otherwise 已废止; "repealed by" points at the repealing document.
* Duplicates: a document whose text is (almost) wholly contained in another document's
  text (001 inside 000's transmittal notice, a policy reproduced in the 003 guide) is
  marked ``duplicate_of`` the other, so lists and search show it once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handbook import docnumber

CITATION = re.compile(r"《(?P<title>[^《》]{4,150})》\s*(?:[（(](?P<num>[^（）()]{2,60}?号)\s*[）)])?")
SENTENCE = re.compile(r"[^。！？]*[。！？]?")
REPEAL_WORDS = ("废止", "停止执行")
STATUS_IN_FORCE = "现行有效"
STATUS_REPEALED = "已废止"
STATUS_REPLACED = "已被替代"


@dataclass
class DocRef:
    """What relations needs to know of a document."""

    id: str
    title: str
    doc_number: str | None
    kind: str
    text: str  # title + all clause text
    priority: tuple  # lower sorts first: the preferred copy among duplicates


@dataclass
class Citation:
    doc_id: str
    clause_key: str
    cited_title: str | None
    cited_number: str | None
    target: str | None
    repeals: bool


def squash(text: str) -> str:
    return re.sub(r"[\s《》〈〉“”\"]", "", text)


def core_title(title: str) -> str:
    t = squash(title)
    t = re.sub(r"^.*?(关于印发|印发|关于转发|转发)", "", t)
    t = re.sub(r"的?通知$", "", t)
    t = re.sub(r"[（(][^（）()]*[）)]$", "", t)
    t = re.sub(r"^(内蒙古自治区|自治区)", "", t)
    return t


def edition_free(title: str) -> str:
    """A title without years and edition words: the 2023 and 2024 lists compare equal."""
    return re.sub(r"\d{4}年?|修订版|（试行）|（暂行）|坚持[^推]*", "", title)


class Resolver:
    def __init__(self, docs: list[DocRef]):
        self.by_number: dict[str, str] = {}
        self.by_title: dict[str, str] = {}
        for d in docs:
            if d.doc_number:
                self.by_number.setdefault(docnumber.compact(d.doc_number), d.id)
            self.by_title.setdefault(squash(d.title), d.id)
            self.by_title.setdefault(core_title(d.title), d.id)

    def resolve(self, title: str | None, number: str | None) -> str | None:
        if number and docnumber.compact(number) in self.by_number:
            return self.by_number[docnumber.compact(number)]
        if title:
            key = squash(title).replace("〈", "").replace("〉", "")
            return self.by_title.get(key) or self.by_title.get(core_title(title))
        return None


def find_citations(doc_id: str, clause_key: str, text: str, resolver: Resolver) -> list[Citation]:
    out: list[Citation] = []
    for sentence_match in SENTENCE.finditer(text):
        sentence = sentence_match.group(0)
        if not sentence:
            continue
        repeals = any(word in sentence for word in REPEAL_WORDS)
        covered: list[tuple[int, int]] = []
        for m in CITATION.finditer(sentence):
            number = docnumber.normalise(m.group("num")) if m.group("num") else None
            title = m.group("title")
            target = resolver.resolve(title, number)
            out.append(Citation(doc_id, clause_key, title, number, target, repeals))
            covered.append((m.start(), m.end()))
        for start, _end, number in docnumber.find_all(sentence):
            if any(s <= start < e for s, e in covered):
                continue
            target = resolver.resolve(None, number)
            out.append(Citation(doc_id, clause_key, None, number, target, repeals))
    return [c for c in out if c.target != doc_id]


def statuses(docs: list[DocRef], citations: list[Citation]) -> dict[str, tuple[str, str | None]]:
    """doc id -> (status, repealed_by)."""
    by_id = {d.id: d for d in docs}
    result = {d.id: (STATUS_IN_FORCE, None) for d in docs}
    for c in citations:
        if c.repeals and c.target and c.target in by_id:
            old, new = by_id[c.target], by_id[c.doc_id]
            same_kind = edition_free(core_title(old.title)) == edition_free(core_title(new.title))
            status = STATUS_REPLACED if same_kind else STATUS_REPEALED
            result[c.target] = (status, c.doc_id)
    return result


def _chunks(text: str, count: int = 40, size: int = 16) -> list[str]:
    if len(text) <= size:
        return [text]
    step = max(1, (len(text) - size) // (count - 1))
    return [text[i : i + size] for i in range(0, len(text) - size + 1, step)][:count]


def containment(small: str, big: str) -> float:
    chunks = _chunks(small)
    return sum(1 for c in chunks if c in big) / len(chunks)


def duplicates(docs: list[DocRef]) -> dict[str, str]:
    """doc id -> id of the document it duplicates (the preferred copy)."""
    texts = {d.id: squash(d.text) for d in docs}
    candidates = [d for d in docs if d.kind != "own_chapter"]
    result: dict[str, str] = {}
    for a in candidates:
        best: DocRef | None = None
        for b in candidates:
            if a.id == b.id or len(texts[b.id]) < len(texts[a.id]) * 0.5:
                continue
            probe = _chunks(texts[a.id], 5)[1:4]
            if sum(p in texts[b.id] for p in probe) < 2:
                continue
            if containment(texts[a.id], texts[b.id]) < 0.9:
                continue
            mutual = containment(texts[b.id], texts[a.id]) >= 0.9
            if mutual and b.priority > a.priority:
                continue  # a is the preferred copy of the pair
            if best is None or b.priority < best.priority:
                best = b
        if best is not None:
            result[a.id] = best.id
    # Point every duplicate at a document that is not itself a duplicate.
    for key in list(result):
        seen = {key}
        target = result[key]
        while target in result and target not in seen:
            seen.add(target)
            target = result[target]
        result[key] = target
    return {k: v for k, v in result.items() if k != v}
