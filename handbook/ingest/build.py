"""Build ``db/handbook.sqlite`` from the source texts in ``resources/sources``.

Runs reflow → segment → structure → metadata → relations for every source listed in the
manifest and writes the result with sqlite-utils. The build is deterministic (same sources,
same bytes out apart from the build time), atomic (written to a temporary file that replaces
the old database only when complete) and leaves the old database untouched on any error.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from handbook.errors import SourceError, explain
from handbook.industries import default_catalogue
from handbook.ingest import metadata, relations
from handbook.ingest.reflow import clean_lines, paragraphs, read_source, wrap_width
from handbook.ingest.segment import Segment, SourceSegments, segment_source, squash
from handbook.ingest.structure import Clause, build_tree
from handbook.knowledge import annotate_document
from handbook.knowledge.relevance import RelevanceJudge
from handbook.knowledge.validity import DRAFT_STATUS, IN_FORCE
from handbook.knowledge.vocabulary import default_vocabulary
from handbook.limits import MAX_SOURCE_BYTES, check_file
from handbook.paths import resource_path
from handbook.store import SCHEMA_VERSION  # the schema is the store's contract; the build writes it
from handbook.taxonomy import Taxonomy

PARSER_VERSION = "1"
Progress = Callable[[str, float], None]


@dataclass
class BuiltDocument:
    id: str
    segment: Segment
    clauses: list[Clause]
    meta: metadata.Metadata
    source_file: str
    ordinal: int

    @property
    def all_clauses(self) -> list[Clause]:
        return [c for root in self.clauses for c in root.walk()]

    @property
    def header_text(self) -> str:
        return "\n".join(line.text for line in self.segment.header)

    def full_text(self) -> str:
        return self.meta.title + "\n" + "\n".join(c.text for c in self.all_clauses)


def load_manifest(sources_dir: Path) -> list[dict]:
    path = sources_dir / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        reason = explain(err) if isinstance(err, (OSError, UnicodeError)) else "格式错误"
        raise SourceError(f"来源清单无法读取（{reason}）。", "manifest.json") from err


def check_hash(sources_dir: Path, entry: dict) -> str:
    data = (sources_dir / entry["file"]).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry["sha256"]:
        raise SourceError(
            "文件内容与来源清单中的 SHA-256 不符；若这是新版本，请运行 "
            "python -m handbook build --update-manifest。",
            entry["file"],
        )
    return digest


def update_manifest(sources_dir: Path) -> None:
    path = sources_dir / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        data = (sources_dir / entry["file"]).read_bytes()
        entry["sha256"] = hashlib.sha256(data).hexdigest()
        entry["bytes"] = len(data)
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def parse_source(path: Path) -> tuple[SourceSegments, int | None]:
    return parse_lines(path.name, read_source(path))


def parse_lines(name: str, text: str) -> tuple[SourceSegments, int | None]:
    """Reflow and segment one source text; raises SourceError when no document is found."""
    lines = clean_lines(text)
    result = segment_source(name, lines)
    if not result.segments:
        raise SourceError("没有识别出任何文件（找不到标题或文号）。", name)
    return result, wrap_width(lines)


def document_id(title: str, number: str | None, taken: set[str]) -> str:
    base = hashlib.sha1(f"{squash(title)}|{number or ''}".encode()).hexdigest()[:10]
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def parse_text(name: str, text: str, home_region: str, taxonomy: Taxonomy, taken: set[str],
               first_ordinal: int = 0) -> tuple[list[BuiltDocument], SourceSegments]:
    """One source text → its documents (structure and metadata), the same path for every source.

    Used for the bundled sources and for a policy file the officer imports. ``taken`` holds the
    document ids already given out; ``first_ordinal`` is the ordinal of the first document.
    """
    parsed, width = parse_lines(name, text)
    docs: list[BuiltDocument] = []
    for seg in parsed.segments:
        clauses = build_tree(paragraphs(seg.body, width))
        body_text = "\n".join(c.text for root in clauses for c in root.walk())
        meta = metadata.extract(seg, [c for r in clauses for c in r.walk()], seg.title + body_text, taxonomy, home_region)
        doc_id = document_id(meta.title, meta.doc_number, taken)
        docs.append(BuiltDocument(doc_id, seg, clauses, meta, name, first_ordinal + len(docs)))
    ids = [d.id for d in docs]
    for doc in docs:
        if doc.segment.attachment_of is not None:
            doc.segment.attachment_of = ids[doc.segment.attachment_of]  # type: ignore[assignment]
    return docs, parsed


def source_row(name: str, data: bytes, label: str, home_region: str, parsed: SourceSegments) -> dict:
    return {"file": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data), "label": label,
            "home_region": home_region, "documents": len(parsed.segments),
            "part_headers": json.dumps([line.text for line in parsed.part_headers], ensure_ascii=False)}


def parse_all(sources_dir: Path, taxonomy: Taxonomy, progress: Progress | None = None) -> tuple[list[BuiltDocument], list[dict]]:
    entries = load_manifest(sources_dir)
    docs: list[BuiltDocument] = []
    sources: list[dict] = []
    taken: set[str] = set()
    for n, entry in enumerate(entries):
        if progress:
            progress(f"解析 {entry['file']}", n / (len(entries) + 2))
        path = sources_dir / entry["file"]
        if not path.exists():
            raise SourceError("文件不存在。", entry["file"])
        check_file(path, MAX_SOURCE_BYTES, "来源文本", SourceError)
        check_hash(sources_dir, entry)
        parsed_docs, parsed = parse_text(entry["file"], read_source(path), entry["home_region"], taxonomy, taken, len(docs))
        docs += parsed_docs
        sources.append(source_row(entry["file"], path.read_bytes(), entry["label"], entry["home_region"], parsed))
    return docs, sources


def content_version(sources: list[dict]) -> str:
    h = hashlib.sha256(f"parser={PARSER_VERSION};schema={SCHEMA_VERSION}".encode())
    for s in sources:
        h.update(s["sha256"].encode())
    for parts in (("taxonomy", "regions.json"), ("taxonomy", "themes.json"), ("knowledge", "vocabulary.json"),
                  ("knowledge", "kinds.json"), ("industries", "industries.json")):
        h.update(resource_path(*parts).read_bytes())
    # The parser's and annotator's code is part of the content: a rule fix gives a new version.
    handbook_dir = Path(__file__).parent.parent
    for code in sorted([*handbook_dir.joinpath("ingest").glob("*.py"), *handbook_dir.joinpath("knowledge").glob("*.py")]):
        h.update(code.read_bytes())
    return h.hexdigest()[:16]


def write_database(path: Path, docs: list[BuiltDocument], sources: list[dict], taxonomy: Taxonomy, progress: Progress | None) -> dict:
    refs = [
        relations.DocRef(d.id, d.meta.title, d.meta.doc_number, d.segment.kind, d.full_text(),
                         (d.meta.doc_number is None, d.segment.kind == "title_only", d.ordinal))
        for d in docs
    ]
    resolver = relations.Resolver(refs)
    citations = [
        cit for d in docs for c in d.all_clauses for cit in relations.find_citations(d.id, c.key, c.text, resolver)
    ]
    status = relations.statuses(refs, citations)
    dups = relations.duplicates(refs)
    if progress:
        progress("写入数据库", 0.8)

    db = sqlite_utils.Database(sqlite3.connect(str(path)))
    db.execute("PRAGMA journal_mode=MEMORY")  # a temporary file: it replaces the database only when complete
    db.execute("PRAGMA synchronous=OFF")
    version = content_version(sources)
    db["meta"].insert_all(
        [{"key": "content_version", "value": version}, {"key": "schema_version", "value": SCHEMA_VERSION},
         {"key": "built_at", "value": time.strftime("%Y-%m-%d")},
         {"key": "content_date", "value": max((d.meta.date or "") for d in docs) or ""}],
        pk="key",
    )
    db["sources"].insert_all(sources, pk="file")
    db["regions"].insert_all(
        [{"name": r.name, "level": r.level, "parent": r.parent, "ordinal": i} for i, r in enumerate(taxonomy.regions)], pk="name"
    )
    db["themes"].insert_all([{"name": t.name, "ordinal": i} for i, t in enumerate(taxonomy.themes)], pk="name")
    judge, vocab = RelevanceJudge(default_catalogue().industries), default_vocabulary()
    labels = {s["file"]: s["label"] for s in sources}
    doc_rows, clause_rows, theme_rows, fact_rows, industry_rows = [], [], [], [], []
    for d in docs:
        st, repealed_by = status[d.id]
        know = annotate_document(title=d.meta.title, doc_number=d.meta.doc_number, issuers=d.meta.issuers,
                                 date=d.meta.date, header=d.header_text, source_label=labels[d.source_file],
                                 roots=d.clauses, judge=judge, vocab=vocab)
        v = know.validity
        if v.draft and st == IN_FORCE:
            st = DRAFT_STATUS
        all_clauses = d.all_clauses
        doc_rows.append({
            "id": d.id, "ordinal": d.ordinal, "title": d.meta.title, "doc_number": d.meta.doc_number,
            "issuers": json.dumps(know.issuers, ensure_ascii=False), "issuers_inferred": int(know.issuers_inferred),
            "date": d.meta.date, "effective": v.effective, "valid_until": v.valid_until,
            "valid_until_source": v.valid_until_source, "trial": int(v.trial), "draft": int(v.draft),
            "year": v.year, "year_source": v.year_source,
            "level": d.meta.level, "region": d.meta.region, "themes": json.dumps(d.meta.themes, ensure_ascii=False),
            "status": st, "repealed_by": repealed_by, "duplicate_of": dups.get(d.id),
            "attachment_of": d.segment.attachment_of, "kind": d.segment.kind,
            "part": " / ".join(d.segment.context.values()) or None,
            "source_file": d.source_file, "start_line": d.segment.lines[0].number,
            "end_line": d.segment.lines[-1].number, "header_text": d.header_text,
            "clause_count": len(all_clauses), "char_count": sum(len(c.text) for c in all_clauses),
        })
        theme_rows += [{"doc_id": d.id, "theme": t} for t in d.meta.themes]
        ordinal = 0

        def add(clause: Clause, parent: str | None, depth: int, d: BuiltDocument = d, know=know) -> None:
            nonlocal ordinal
            ck = know.clauses[clause.key]
            key = f"{d.id}:{clause.key}"
            start, end = ck.window or (None, None)
            clause_rows.append({
                "key": key, "doc_id": d.id, "parent_key": f"{d.id}:{parent}" if parent else None,
                "ordinal": ordinal, "depth": depth, "label": clause.label, "kind": clause.kind,
                "heading": clause.heading, "text": clause.text, "responsible": clause.responsible,
                "first_line": clause.first_line, "last_line": clause.last_line,
                "role": ck.role, "heading_path": json.dumps(ck.heading_path, ensure_ascii=False),
                "citation": ck.citation, "window_start": start, "window_end": end,
            })
            for n, fact in enumerate(ck.facts):
                fact_start, fact_end = fact.window or (None, None)
                fact_rows.append({
                    "doc_id": d.id, "clause_key": key, "ordinal": n, "kind": fact.kind, "text": fact.text,
                    "amounts": json.dumps(fact.amounts, ensure_ascii=False), "beneficiary": fact.beneficiary,
                    "condition": fact.condition, "responsible": json.dumps(fact.responsible, ensure_ascii=False),
                    "heading_path": json.dumps(ck.heading_path, ensure_ascii=False), "citation": ck.citation,
                    "window_start": fact_start, "window_end": fact_end,
                })
            industry_rows.extend({"clause_key": key, "doc_id": d.id, "industry": ind, "relevance": rel}
                                 for ind, rel in ck.industries.items())
            ordinal += 1
            for child in clause.children:
                add(child, clause.key, depth + 1)

        for root in d.clauses:
            add(root, None, 0)
    db["documents"].insert_all(doc_rows, pk="id")
    db["clauses"].insert_all(clause_rows, pk="key")
    db["document_themes"].insert_all(theme_rows, pk=("doc_id", "theme"))
    db["incentives"].create({
        "id": int, "doc_id": str, "clause_key": str, "ordinal": int, "kind": str, "text": str, "amounts": str,
        "beneficiary": str, "condition": str, "responsible": str, "heading_path": str, "citation": str,
        "window_start": str, "window_end": str}, pk="id")
    db["incentives"].insert_all(fact_rows)
    db["clause_industries"].create({"clause_key": str, "doc_id": str, "industry": str, "relevance": str},
                                   pk=("clause_key", "industry"))
    db["clause_industries"].insert_all(industry_rows)
    db["citations"].insert_all(
        [{"doc_id": c.doc_id, "clause_key": f"{c.doc_id}:{c.clause_key}", "cited_title": c.cited_title,
          "cited_number": c.cited_number, "target_doc": c.target, "repeals": int(c.repeals)} for c in citations]
    )
    db["clauses"].create_index(["doc_id", "ordinal"])
    db["documents"].create_index(["region"])
    db["documents"].create_index(["doc_number"])
    db["document_themes"].create_index(["theme"])
    db["citations"].create_index(["doc_id"])
    db["citations"].create_index(["target_doc"])
    db["incentives"].create_index(["doc_id"])
    db["incentives"].create_index(["kind"])
    db["clause_industries"].create_index(["industry", "relevance"])
    db.conn.commit()
    db.execute("VACUUM")
    db.conn.close()
    return {"documents": len(docs), "clauses": len(clause_rows), "citations": len(citations),
            "incentives": len(fact_rows), "industry_links": len(industry_rows),
            "content_version": version, "duplicates": len(dups)}


def write_atomic(target: Path, docs: list[BuiltDocument], sources: list[dict], taxonomy: Taxonomy,
                 progress: Progress | None = None) -> dict:
    """``write_database`` into a temporary file that replaces ``target`` only when complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".handbook-", suffix=".sqlite", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()
        stats = write_database(tmp, docs, sources, taxonomy, progress)
        with open(tmp, "rb+") as fh:  # written without syncs: make it durable once, before it replaces the old file
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return stats


def build(target: Path, sources_dir: Path | None = None, progress: Progress | None = None) -> dict:
    """Rebuild the database at ``target``; on any error the old file is left as it was."""
    started = time.perf_counter()
    sources_dir = sources_dir or resource_path("sources")
    taxonomy = Taxonomy.load()
    docs, sources = parse_all(sources_dir, taxonomy, progress)
    stats = write_atomic(target, docs, sources, taxonomy, progress)
    if progress:
        progress("完成", 1.0)
    stats["seconds"] = round(time.perf_counter() - started, 2)
    stats["bytes"] = target.stat().st_size
    return stats
