"""Render the update dialog (after installing a pack, with its changelog) and the import
confirmation dialog offscreen to PNG, for review.

Run by hand: ``.venv/bin/python scripts/content_screenshots.py [OUT_DIR]`` (default
docs/screenshots). The pack is made on the spot from the bundled sources with one clause
reworded, and a bookmark sits on that clause, so the report shows both kinds of lines.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

OLD, NEW = "10万亩以上的一次性奖补500万元", "10万亩以上的一次性奖补800万元"
SOURCE = "001_d6d39994a278070f.txt"


def settle(app, done, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from handbook.content.pack import write_pack
    from handbook.ingest.build import build, update_manifest
    from handbook.paths import bundled_db_path, resource_path
    from handbook.service import Handbook
    from ui.import_dialog import ImportDialog
    from ui.look import apply_theme, register_font
    from ui.tasks import TaskRunner
    from ui.update_dialog import UpdateDialog

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    register_font(app)
    apply_theme(app, "light")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        sources = tmp / "sources"
        shutil.copytree(resource_path("sources"), sources)
        text = (sources / SOURCE).read_text(encoding="utf-8")
        (sources / SOURCE).write_text(text.replace(OLD, NEW), encoding="utf-8")
        update_manifest(sources)
        build(tmp / "new.sqlite", sources)
        pack = tmp / "handbook-20261201.hbpack"
        write_pack(tmp / "new.sqlite", pack, previous=bundled_db_path())

        service = Handbook.open(data_dir=str(tmp / "data"))
        key = next(r["key"] for r in service.store.clause_rows() if OLD in (r["text"] or ""))
        service.bookmarks.add(key, note="问奖补标准")
        dialog = UpdateDialog(service, TaskRunner())
        dialog.resize(720, 480)
        dialog.show()
        dialog.load(pack)
        settle(app, lambda: dialog.state != "checking")
        dialog.install()
        settle(app, lambda: dialog.state not in ("installing", "ready"))
        dialog.grab().save(str(out / "update-dialog.png"))
        print(out / "update-dialog.png")

        doc = next(d for d in service.documents() if d["doc_number"] == "内科发高字〔2021〕2号")
        raw = resource_path("sources", doc["source"]["file"]).read_text(encoding="utf-8").split("\n")
        policy = tmp / "高新技术企业奖补实施细则.txt"
        policy.write_text("\n".join(raw[doc["source"]["start_line"] - 1: doc["source"]["end_line"]]), encoding="utf-8")
        importer = ImportDialog(service, TaskRunner())
        importer.show()
        importer.load(policy)
        settle(app, lambda: importer.state != "reading")
        importer.grab().save(str(out / "import-dialog.png"))
        print(out / "import-dialog.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
