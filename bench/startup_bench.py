"""Benchmark: start-up time to the first shown, populated window, and typing responsiveness.

Run by hand: ``.venv/bin/python bench/startup_bench.py [--runs 7]``. Prints:

* the median wall time of ``python -c "import PySide6.QtWidgets"`` (the floor);
* the median wall time from launching ``main.py`` to its first shown, populated window
  (the region tree and the last document are there), offscreen, with the search index
  already built (a normal launch) and on a first launch with an empty user folder;
* the same to the populated start page, the first tab of a normal launch (continue reading,
  bookmark folders, what expires, newest policies), with the last document restored in the
  tab behind it;
* the longest stall of the GUI event loop while a user types queries into the search box
  (a 2 ms timer on the event loop records the gaps while searches run in the background).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def wall(cmd: list[str], marker: bool = False) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if marker:
        proc.stdout.readline()  # printed right after the first paint
        elapsed = time.perf_counter() - started
        proc.wait()
        return elapsed
    proc.wait()
    return time.perf_counter() - started


def typing_stalls(queries: list[str]) -> tuple[float, float, int]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from handbook.service import Handbook
    from ui.look import register_font
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    register_font(app)
    data = tempfile.mkdtemp()
    service = Handbook.open(data_dir=data)
    service.ensure_index()
    window = MainWindow(service, QSettings(str(Path(data) / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1366, 768)
    window.show()
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(tick)
    timer.start()

    def pump(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.001)

    pump(0.3)
    gaps.clear()
    last[0] = clock.nsecsElapsed()
    before = window.search.searches_run
    for query in queries:
        window.search.query_edit.clear()
        for char in query:  # a fast typist: 8 characters a second
            window.search.query_edit.insert(char)
            pump(0.125)
        pump(0.4)
    timer.stop()
    window.close()
    gaps.sort()
    return gaps[-1], gaps[int(0.99 * (len(gaps) - 1))], window.search.searches_run - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    py = sys.executable

    imports = [wall([py, "-c", "import PySide6.QtWidgets"]) for _ in range(args.runs)]
    with tempfile.TemporaryDirectory() as warm:
        wall([py, "main.py", "--data-dir", warm, "--startup-probe"], marker=True)  # builds the index once
        reopen = ["--open", "34467a7acf", "--clause", "34467a7acf:s3.p2"]  # as a restored session does
        normal = [wall([py, "main.py", "--data-dir", warm, "--startup-probe", *reopen], marker=True) for _ in range(args.runs)]
        Path(warm, "settings.ini").write_text("[reader]\nlast_document=34467a7acf\nlast_clause=34467a7acf:s3.p2\n"
                                              'recent="[[\\"34467a7acf\\", \\"34467a7acf:s3.p2\\"]]"\n', encoding="utf-8")
        start = [wall([py, "main.py", "--data-dir", warm, "--startup-probe"], marker=True) for _ in range(args.runs)]
    first = []
    for _ in range(max(3, args.runs // 2)):
        with tempfile.TemporaryDirectory() as fresh:
            first.append(wall([py, "main.py", "--data-dir", fresh, "--startup-probe"], marker=True))
    print(f"import PySide6.QtWidgets          median {statistics.median(imports):.3f} s  (min {min(imports):.3f})")
    print(f"launch → first populated window   median {statistics.median(normal):.3f} s  (min {min(normal):.3f}, "
          f"max {max(normal):.3f}, {args.runs} runs, index ready, a document open)")
    print(f"launch → populated start page     median {statistics.median(start):.3f} s  (min {min(start):.3f}, "
          f"max {max(start):.3f}, {args.runs} runs, last document restored in the next tab)")
    print(f"first launch (empty user folder)  median {statistics.median(first):.3f} s  (index builds after the window shows)")

    worst, p99, searches = typing_stalls(["氢能 补贴", "光伏治沙", "西部大开发企业所得税", "国发〔2023〕16号", "人才 购房补贴", "储能"])
    print(f"GUI event loop while typing 6 queries: longest stall {worst:.1f} ms, p99 gap {p99:.1f} ms "
          f"({searches} searches run in the background)")


if __name__ == "__main__":
    main()
