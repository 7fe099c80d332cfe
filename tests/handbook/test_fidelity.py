"""Every character of the sources survives ingestion, except layout artefacts.

The artefact rules are restated here on purpose, independent of the parser: blank lines,
"— N —" page numbers, bare numbers after a gap of two or more blank lines (stray page
numbers), and all whitespace (hard wraps, page-break marks).
"""

import re
import sqlite3

import pytest

from tests.conftest import SOURCES

PAGE = re.compile(r"^\s*[—–-]+\s*\d+\s*[—–-]+\s*$")


def non_artefact_lines(path):
    raw = path.read_text(encoding="utf-8").split("\n")
    kept = {}
    for i, line in enumerate(raw):
        if not line.strip() or PAGE.match(line):
            continue
        if re.fullmatch(r"\s*\d{1,4}\s*", line):
            gap = 0
            j = i - 1
            while j >= 0 and not raw[j].strip():
                gap, j = gap + 1, j - 1
            if gap >= 2:
                continue
        kept[i + 1] = line
    return kept


def squash(text):
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def db(built_db):
    conn = sqlite3.connect(built_db)
    conn.row_factory = sqlite3.Row
    return conn


def test_every_document_equals_its_source_span(db):
    for src in db.execute("select file, part_headers from sources"):
        lines = non_artefact_lines(SOURCES / src["file"])
        for doc in db.execute("select * from documents where source_file = ? order by ordinal", (src["file"],)):
            span = [t for n, t in lines.items() if doc["start_line"] <= n <= doc["end_line"]]
            clauses = [r["text"] for r in db.execute("select text from clauses where doc_id = ? order by ordinal", (doc["id"],))]
            got = squash(doc["header_text"] + "".join(clauses))
            assert got == squash("".join(span)), f"{src['file']} {doc['title']}"


def test_no_line_is_left_outside_a_document_except_part_headers(db):
    import json

    for src in db.execute("select file, part_headers from sources"):
        lines = non_artefact_lines(SOURCES / src["file"])
        covered = set()
        for doc in db.execute("select start_line, end_line from documents where source_file = ?", (src["file"],)):
            covered.update(n for n in lines if doc["start_line"] <= n <= doc["end_line"])
        outside = [lines[n].strip() for n in lines if n not in covered]
        assert sorted(outside) == sorted(json.loads(src["part_headers"])), src["file"]


def test_documents_do_not_overlap(db):
    for src in db.execute("select file from sources"):
        spans = list(db.execute("select start_line, end_line from documents where source_file = ? order by start_line", (src["file"],)))
        for a, b in zip(spans, spans[1:], strict=False):
            assert a["end_line"] < b["start_line"]
