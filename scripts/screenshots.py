"""Render the main views offscreen to PNG for review and documentation.

Run by hand (or ``make screenshots``): ``.venv/bin/python scripts/screenshots.py [OUT_DIR]``.
Writes navigation + reader, search results, and the dark theme at 1366×768, each through
``main.py --screenshot`` so they show exactly what a user's first window shows.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIEWS = {
    "reader.png": ["--open", "34467a7acf", "--clause", "34467a7acf:s3.p2", "--theme", "light"],
    "search.png": ["--search", "氢能 补贴", "--theme", "light"],
    "dark.png": ["--open", "4fe3df8b16", "--search", "西部大开发 企业所得税", "--theme", "dark"],
    "bookmarks.png": ["--open", "34467a7acf", "--clause", "34467a7acf:s3.p2", "--panel", "bookmarks", "--theme", "light"],
    "documents.png": ["--panel", "documents", "--open", "979037c37f", "--theme", "light"],
}
SAMPLE_BOOKMARKS = [  # what an officer preparing a trip might have marked
    ("34467a7acf:s3.p2", "问风光制氢项目的绿电配比和上网电量上限", "2026-12 鄂尔多斯考察"),
    ("34467a7acf:s3.p6", "", "2026-12 鄂尔多斯考察"),
    ("4fe3df8b16:s1", "西部大开发 15% 税率：确认主营业务占比 60%", "某某氢能项目"),
]


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data:  # a clean user folder: no restored state
        for key, note, folder in SAMPLE_BOOKMARKS:
            subprocess.run([sys.executable, "-m", "handbook", "--data-dir", data, "bookmarks", "add", key, "--note", note,
                            "--folder", folder], check=True, cwd=ROOT, capture_output=True)
        for name, args in VIEWS.items():
            cmd = [sys.executable, str(ROOT / "main.py"), "--data-dir", data, "--screenshot", str(out / name), *args]
            subprocess.run(cmd, check=True, cwd=ROOT)
            print(out / name)
    wizard_shot(out / "guide-wizard.png")
    print(out / "guide-wizard.png")
    return 0


def wizard_shot(path: Path) -> None:
    """The guide wizard's preview page after generating 伊金霍洛旗 氢能 (in process, offscreen)."""
    import os
    import time

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from handbook.service import Handbook
    from ui.guide_wizard import GuideWizard
    from ui.look import apply_theme, register_font
    from ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    register_font(app)
    apply_theme(app, "light")
    with tempfile.TemporaryDirectory() as data:
        wizard = GuideWizard(Handbook.open(data_dir=data), TaskRunner(), QSettings(str(Path(data) / "s.ini"), QSettings.Format.IniFormat))
        wizard.resize(1000, 720)
        wizard.show()
        wizard.industries.setCurrentRow(2)  # 氢能
        for _ in range(3):
            wizard.next()
        wizard.organisation.setText("伊金霍洛旗招商服务中心")
        wizard.next()
        deadline = time.monotonic() + 60
        while wizard.state == "running" and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        for _ in range(5):
            app.processEvents()
        wizard.grab().save(str(path))


if __name__ == "__main__":
    sys.exit(main())
