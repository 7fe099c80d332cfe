"""Clause context: the heading path from the document top and a citation that needs no 文号.

``三、促进服务业提质增效 > （二）加快发展现代物流 > 5.`` tells a reader where a clause sits; the
citation ``《title》（文号 or issuer + year）三、（二）5.`` finds it again in print.
"""

from __future__ import annotations

import re

HEADING_END = re.compile(r"[。；：:]$")


def heading_text(text: str, max_chars: int = 40) -> str:
    """A heading as printed: the first line's first sentence, cut at ``max_chars``."""
    first = re.split(r"[。；\n]", text, maxsplit=1)[0].strip()
    return first if len(first) <= max_chars else first[: max_chars - 1] + "…"


def label_path(labels: list[str]) -> str:
    return "".join(label for label in labels if label)


def document_reference(doc_number: str | None, issuers: list[str], year: int | None, source_label: str) -> str:
    """The part inside （…）: 文号, else issuer and year, else the compilation it is printed in."""
    if doc_number:
        return doc_number
    parts = []
    if issuers:
        parts.append("、".join(issuers[:2]) + ("等" if len(issuers) > 2 else ""))
    if year:
        parts.append(f"{year}年")
    if parts:
        return "，".join(parts)
    return f"载于《{source_label}》"


def citation(title: str, reference: str, labels: list[str]) -> str:
    return f"《{title}》（{reference}）{label_path(labels)}".rstrip()
