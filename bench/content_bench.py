"""Benchmark: content-update packs and imports, beside the plain build time as a baseline.

Run by hand: ``.venv/bin/python bench/content_bench.py``. In one run it prints the build time
of the bundled sources with one clause reworded (the baseline; that build is the new edition),
the pack's size and the time to write it, the time to verify and install it, a full
search-index build, and the time to import a 20-page text PDF made from a source document
(beside the same text as a .txt file, so the PDF extraction's share is visible) and to bring
the search index up to date after it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handbook.content.pack import write_pack  # noqa: E402
from handbook.ingest.build import build, update_manifest  # noqa: E402
from handbook.paths import bundled_db_path, resource_path  # noqa: E402
from handbook.service import Handbook  # noqa: E402

EDITED = "001_d6d39994a278070f.txt"
REWORD = ("10万亩以上的一次性奖补500万元", "10万亩以上的一次性奖补800万元")
LINES_PER_PAGE = 32
PAGES = 20


def pdf_of(lines: list[str], path: Path) -> int:
    """A text PDF laid out line by line as printed, with "— n —" page numbers. Returns pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from handbook.guide.fonts import FALLBACK, register_fonts

    register_fonts()
    font = FALLBACK  # WenQuanYi: all of GB2312
    c = canvas.Canvas(str(path), pagesize=A4)
    pages = 0
    for start in range(0, len(lines), LINES_PER_PAGE):
        y = 780
        for line in lines[start:start + LINES_PER_PAGE]:
            c.setFont(font, 11)
            c.drawString(60, y, line.strip())
            y -= 22
        c.setFont(font, 9)
        c.drawCentredString(297, 40, f"— {start // LINES_PER_PAGE + 1} —")
        c.showPage()
        pages += 1
    c.save()
    return pages


def long_document(hb: Handbook) -> tuple[dict, list[str]]:
    """The first bundled document with at least 20 pages of printed lines, cut to 20 pages."""
    need = LINES_PER_PAGE * PAGES
    for doc in hb.documents():
        src = doc["source"]
        raw = resource_path("sources", src["file"]).read_text(encoding="utf-8").split("\n")
        lines = [x for x in raw[src["start_line"] - 1: src["end_line"]] if x.strip()]
        if len(lines) >= need:
            return doc, lines[:need]
    raise SystemExit("no document long enough")


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        sources = tmp / "sources"  # a new edition: the bundled sources with one clause reworded
        shutil.copytree(resource_path("sources"), sources)
        text = (sources / EDITED).read_text(encoding="utf-8")
        (sources / EDITED).write_text(text.replace(*REWORD), encoding="utf-8")
        update_manifest(sources)
        db = tmp / "handbook.sqlite"
        stats, seconds = timed(lambda: build(db, sources))
        print(f"baseline  build of the sources (one clause reworded): {seconds:.2f} s ({stats['documents']} documents, "
              f"{stats['clauses']} clauses, database {db.stat().st_size / 1024 / 1024:.1f} MB)")

        pack = tmp / "handbook-bench.hbpack"
        manifest, seconds = timed(lambda: write_pack(db, pack, previous=bundled_db_path()))
        print(f"pack      size {pack.stat().st_size / 1024 / 1024:.2f} MB (database {db.stat().st_size / 1024 / 1024:.1f} MB, "
              f"{manifest['documents']} documents); written in {seconds:.2f} s")

        hb = Handbook.open(data_dir=str(tmp / "data"))
        same_version = manifest["content_version"] == hb.content_version
        if same_version:
            print("install   skipped: the pack holds the content already in use (rebuild db/handbook.sqlite first?)")
        else:
            report, seconds = timed(lambda: hb.install_update(pack))
            print(f"install   verify + unpack + switch + re-attach bookmarks: {seconds:.2f} s "
                  f"(changelog: {len(report['changelog']['changed'])} changed)")
        _, seconds = timed(hb.ensure_index)
        print(f"index     full search-index build for the content in use: {seconds:.2f} s (baseline for the next line)")
        indexed = hb

        doc, lines = long_document(hb)
        pdf = tmp / "twenty-pages.pdf"
        pages = pdf_of(lines, pdf)
        txt = tmp / "twenty-pages.txt"
        txt.write_text("\n".join(lines), encoding="utf-8")
        for label, path, data in (("txt", txt, "data-txt"), ("pdf", pdf, None)):
            hb = Handbook.open(data_dir=str(tmp / data)) if data else indexed
            draft, parse = timed(lambda path=path, hb=hb: hb.draft_import(path))
            ids, save = timed(lambda draft=draft, hb=hb: hb.save_import(draft))
            what = f"{pages}-page PDF" if label == "pdf" else f".txt of the same {len(lines)} lines"
            print(f"import    {what}: extract + parse {parse:.2f} s, save (annotate + write user DB) {save:.2f} s, "
                  f"total {parse + save:.2f} s -> {len(ids)} document(s), "
                  f"{sum(hb.document(i)['clause_count'] for i in ids)} clauses (from 《{doc['title'][:20]}…》)")

        stats, seconds = timed(indexed.ensure_index)
        print(f"          search index after the PDF import: {seconds:.2f} s "
              f"({'derived from the existing index' if stats and stats.get('derived') else 'full build'})")


if __name__ == "__main__":
    main()
