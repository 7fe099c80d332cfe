"""Clause kind (role): heading, provision, incentive, obligation, target, procedure, definition, signature.

Rules in order, each stated over the vocabulary in ``resources/knowledge/vocabulary.json``: a
clause that grants something is an incentive even if it also sets conditions; a short labelled
line without a sentence of its own is a heading; then definitions, targets, procedures and
obligations; everything else is a provision.
"""

from __future__ import annotations

from handbook.knowledge.vocabulary import Vocabulary


def role_of(text: str, node_kind: str, label: str, has_facts: bool, vocab: Vocabulary) -> str:
    if node_kind == "closing":
        return "signature"
    if has_facts:
        return "incentive"
    body = text[len(label):].strip() if label and text.startswith(label) else text.strip()
    if node_kind not in ("paragraph",) and "\n" not in body and len(body) <= vocab.heading_max_chars \
            and body.count("。") <= 1 and body.count("，") <= 1:
        return "heading"
    if vocab.definition.search(body):
        return "definition"
    if vocab.target.search(body):
        return "target"
    if len(vocab.procedure.findall(body)) >= 2:
        return "procedure"
    if vocab.obligation.search(body) or vocab.cap.search(body):
        return "obligation"
    return "provision"
