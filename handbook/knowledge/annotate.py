"""Annotate one parsed document: run every knowledge rule over its clause tree in one walk."""

from __future__ import annotations

from dataclasses import dataclass, field

from handbook.ingest.structure import Clause
from handbook.knowledge import context, validity, windows
from handbook.knowledge.duty import responsible_in, split_units
from handbook.knowledge.incentives import Fact, IncentiveExtractor
from handbook.knowledge.issuers import inferred_issuers
from handbook.knowledge.relevance import RelevanceJudge
from handbook.knowledge.roles import role_of
from handbook.knowledge.vocabulary import Vocabulary


@dataclass
class ClauseKnowledge:
    role: str
    heading_path: list[str]
    citation: str
    window: tuple[str | None, str | None] | None
    responsible: list[str]
    facts: list[Fact] = field(default_factory=list)
    industries: dict[str, str] = field(default_factory=dict)


@dataclass
class DocumentKnowledge:
    validity: validity.Validity
    issuers: list[str]
    issuers_inferred: bool
    clauses: dict[str, ClauseKnowledge]


def _hoist_responsible(roots: list[Clause]) -> dict[str, str | None]:
    """Each clause's 责任单位: its own line, else the line of the item it belongs to.

    A 〔责任单位：…〕 line printed after an item's last sub-item belongs to the whole item: when only
    the last descendant of an item carries one, it is lifted to the item.
    """
    own = {c.key: c.responsible or responsible_in(c.text) for r in roots for c in r.walk()}

    def lift(clause: Clause) -> None:
        for child in clause.children:
            lift(child)
        if clause.children and not own[clause.key]:
            descendants = [c for child in clause.children for c in child.walk()]
            carrying = [c for c in descendants if own[c.key]]
            if len(carrying) == 1 and carrying[0] is descendants[-1]:
                own[clause.key] = own[carrying[0].key]
                own[carrying[0].key] = None

    for root in roots:
        lift(root)
    return own


def annotate_document(*, title: str, doc_number: str | None, issuers: list[str], date: str | None, header: str,
                      source_label: str, roots: list[Clause], judge: RelevanceJudge, vocab: Vocabulary) -> DocumentKnowledge:
    body = "\n".join(c.text for r in roots for c in r.walk())
    valid = validity.document_validity(title, header, body, doc_number, date)
    guessed = [] if issuers else inferred_issuers(title, body)
    reference = context.document_reference(doc_number, issuers or guessed, valid.year, source_label)
    extractor = IncentiveExtractor(vocab)
    responsible = _hoist_responsible(roots)
    out: dict[str, ClauseKnowledge] = {}
    seen_heading = False

    def visit(clause: Clause, path: list[str], labels: list[str], inherited: str | None) -> None:
        nonlocal seen_heading
        preamble = clause.kind == "paragraph" and not seen_heading
        seen_heading = seen_heading or clause.kind != "paragraph"
        units = responsible[clause.key] or inherited
        facts = extractor.facts(clause.text, clause.label, units) if clause.kind != "closing" else []
        own_labels = labels + [clause.label]
        ck = ClauseKnowledge(
            role=role_of(clause.text, clause.kind, clause.label, bool(facts), vocab),
            heading_path=list(path),
            citation=context.citation(title, reference, own_labels),
            window=windows.window(clause.text),
            responsible=split_units(units),
            facts=facts,
        )
        if clause.kind != "closing":
            ck.industries = judge.judge(clause.text, path, title, preamble)
        for fact in facts:
            fact.window = windows.sentence_window(fact.text, ck.window)
        out[clause.key] = ck
        for child in clause.children:
            visit(child, path + [context.heading_text(clause.text, vocab.heading_max_chars)], own_labels, units)

    for root in roots:
        visit(root, [], [], None)
    return DocumentKnowledge(valid, issuers or guessed, bool(guessed) and not issuers, out)

