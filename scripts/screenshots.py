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
}


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data:  # a clean user folder: no restored state
        for name, args in VIEWS.items():
            cmd = [sys.executable, str(ROOT / "main.py"), "--data-dir", data, "--screenshot", str(out / name), *args]
            subprocess.run(cmd, check=True, cwd=ROOT)
            print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
