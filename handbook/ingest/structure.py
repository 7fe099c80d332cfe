"""Structure: build each document's clause tree from its paragraphs.

Headings are recognised by their printed label (附件 / 第X章 / 第X节 / 第X条 / 一、 /
（一） / 1. / （1） / ①) and nested by rank. A clause's text is its heading paragraph
followed by the plain paragraphs under it, exactly as printed (paragraphs joined by a
newline). Each clause gets a key built from its label path (``s2.p3.i1`` = 二、→（三）→ 1.),
so a rebuild of unchanged text gives the same keys and bookmarks keep pointing at the right
clause. 〔责任单位：…〕 is split out into ``responsible`` where printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from handbook.ingest.reflow import NOT_DECIMAL, Paragraph
from handbook.ingest.segment import cn_to_int, title_like

CN = "一二三四五六七八九十百零〇"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (kind, rank, key prefix, pattern); the pattern's group 1 is the number.
HEADINGS: list[tuple[str, int, str, re.Pattern[str]]] = [
    ("attachment", 0, "att", re.compile(r"^附件\s*(\d*)(?=$|[：:\s]|[^\d])")),
    ("chapter", 1, "c", re.compile(rf"^第([{CN}\d]+)章")),
    ("section", 2, "sec", re.compile(rf"^第([{CN}\d]+)节")),
    ("article", 3, "a", re.compile(rf"^第([{CN}\d]+)条")),
    ("level1", 4, "s", re.compile(rf"^([{CN}]+)、")),
    ("level2", 5, "p", re.compile(rf"^（([{CN}]+)）")),
    ("level3", 6, "i", re.compile(rf"^(\d{{1,3}})\s*[\.．、]{NOT_DECIMAL}")),
    ("level4", 7, "n", re.compile(r"^[（(](\d{1,3})[）)]")),
    ("level5", 8, "m", re.compile(rf"^([{CIRCLED}])")),
]
TRANSMITTED_RANK = 0
# the names may hold a short bracket of their own (农牧厅（乡村振兴局）), never close the bracket they sit in:
# "…。（责任单位：A）下一句…。（责任单位：B）" ends with B's bracket only
RESPONSIBLE = re.compile(r"[〔（(]\s*(?:责任单位|牵头单位)\s*[：:]\s*(?P<who>(?:[^〔〕（）()]|[（(〔][^（）()〔〕]{1,12}[）)〕])+?)\s*[〕）)]\s*$")
RESPONSIBLE_DUTY = re.compile(r"[〔（(](?P<who>(?:[^〔〕（）()]|[（(〔][^（）()〔〕]{1,12}[）)〕]){2,120}?(?:按职责分工)?(?:牵头)?负责"
                              r"[^〔〕（）()]{0,20})[〕）)]\s*$")


@dataclass
class Clause:
    key: str
    kind: str
    label: str
    text: str
    first_line: int
    last_line: int
    rank: int
    responsible: str | None = None
    children: list[Clause] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """Short heading for an outline: the first sentence, at most 40 characters."""
        first = re.split(r"[。；\n]", self.text, maxsplit=1)[0]
        return first if len(first) <= 40 else first[:39] + "…"

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def classify(text: str) -> tuple[str, int, str, str, str] | None:
    """(kind, rank, key prefix, number, label) of a heading paragraph, or None."""
    for kind, rank, prefix, pattern in HEADINGS:
        m = pattern.match(text)
        if m:
            number = m.group(1)
            if kind == "level5":
                number = str(CIRCLED.index(number) + 1)
            elif number and not number.isdigit():
                number = str(cn_to_int(number))
            label = m.group(0).strip()
            if kind == "attachment":
                label = ("附件" + m.group(1)).strip()
            return kind, rank, prefix, number or "1", label
    return None


DATE_LINE = re.compile(r"^[（(]?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[）)]?$")


def is_signature(text: str, following: str) -> bool:
    if DATE_LINE.match(text):
        return True
    return bool(DATE_LINE.match(following)) and len(text) <= 40 and not re.search(r"[。；，：]", text)


def responsible_of(text: str) -> str | None:
    last = text.rsplit("\n", 1)[-1]
    m = RESPONSIBLE.search(last) or RESPONSIBLE_DUTY.search(last)
    return m.group("who").strip() if m else None


def build_tree(paragraphs: list[Paragraph]) -> list[Clause]:
    roots: list[Clause] = []
    stack: list[tuple[Clause, str]] = []  # (clause, key path)
    used: dict[str, int] = {}
    transmitted = 0

    def unique(path: str) -> str:
        used[path] = used.get(path, 0) + 1
        return path if used[path] == 1 else f"{path}~{used[path]}"

    def attach(clause: Clause, parent: Clause | None) -> None:
        (parent.children if parent else roots).append(clause)

    for index, para in enumerate(paragraphs):
        following = paragraphs[index + 1].text if index + 1 < len(paragraphs) else ""
        if is_signature(para.text, following):
            # Signature and date close the document's own text; they belong to no clause.
            stack.clear()
            roots.append(Clause(unique("sign"), "closing", "", para.text, para.first_line, para.last_line, 99))
            continue
        found = classify(para.text)
        is_transmitted_title = (
            found is None and len(para.text) <= 60 and title_like(para.text) and bool(stack or roots)
        )
        if found or is_transmitted_title:
            if found:
                kind, rank, prefix, number, label = found
                token = f"{prefix}{number}"
            else:
                transmitted += 1
                kind, rank, label, token = "part", TRANSMITTED_RANK, "", f"t{transmitted}"
            while stack and stack[-1][0].rank >= rank:
                stack.pop()
            parent = stack[-1] if stack else None
            path = unique(f"{parent[1]}.{token}" if parent else token)
            clause = Clause(path, kind, label, para.text, para.first_line, para.last_line, rank)
            attach(clause, parent[0] if parent else None)
            stack.append((clause, path))
            continue
        if stack:
            top = stack[-1][0]
            top.text += "\n" + para.text
            top.last_line = para.last_line
        else:
            path = unique("intro")
            clause = Clause(path, "paragraph", "", para.text, para.first_line, para.last_line, 99)
            roots.append(clause)

    for root in roots:
        for clause in root.walk():
            clause.responsible = responsible_of(clause.text)
    return roots
