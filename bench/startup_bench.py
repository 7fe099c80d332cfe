"""Benchmark: start-up time to the first shown, populated window, and typing responsiveness.

Run by hand: ``.venv/bin/python bench/startup_bench.py [--runs 7] [--bundle dist/handbook]``. Prints,
measured in interleaved rounds so a busy machine weighs on every row alike:

* baselines: the wall time of ``python -c "import PySide6.QtWidgets"`` and of an empty Qt
  main window shown and painted (what any PySide6 window costs here);
* the median wall time from launching ``main.py`` to its first shown, populated window
  (the region tree and the last document are there), offscreen, with the search index
  already built (a normal launch) and on a first launch with an empty user folder;
* the same to the populated start page, the first tab of a normal launch (continue reading,
  bookmark folders, what expires, newest policies), with the last document restored in the
  tab behind it (target ≤ 0.5 s) — as this environment runs it and with compiled bytecode:
  with ``PYTHONDONTWRITEBYTECODE`` set (as here) every launch compiles the project's modules
  again, which neither a normal checkout (Python writes ``__pycache__``) nor the packaged
  build (PyInstaller ships bytecode) does;
* the longest stall of the GUI event loop while a user types queries into the search box
  (a 2 ms timer on the event loop records the gaps while searches run in the background),
  beside the same typing with no search run (the baseline: typing and repainting alone), and
  the longest time the GUI thread spent showing one page of results.

With ``--bundle DIR`` (a one-folder build, ``make dist``) the launch figures are measured for
the checkout and for the bundle's executables in the same run and printed side by side,
together with the time to the first search answer on a first launch (the checkout builds its
index then, the bundle ships one), a CLI search with an empty user folder, and the sizes of
the bundle and of the .deb files beside it.
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
TARGET = 0.5  # seconds to the populated start page (issue 13)
RESTORED = ("[reader]\nlast_document=34467a7acf\nlast_clause=34467a7acf:s3.p2\n"
            'recent="[[\\"34467a7acf\\", \\"34467a7acf:s3.p2\\"]]"\n')  # a previous session's settings
EMPTY_WINDOW = ("import sys; from PySide6.QtWidgets import QApplication, QMainWindow; app = QApplication(sys.argv[:1]); "
                "w = QMainWindow(); w.resize(1366, 768); w.show(); app.processEvents(); print('shown', flush=True)")


def wall(cmd: list[str], marker: bool = False, env: dict | None = None) -> float:
    return wall_marks(cmd, 1 if marker else 0, env)[0]


def wall_marks(cmd: list[str], marks: int, env: dict | None = None) -> list[float]:
    """Wall seconds from launch to each of the first ``marks`` lines printed (else to exit)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env or ENV, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    times = []
    for _ in range(marks):
        proc.stdout.readline()  # the probe prints a line right after the first paint (and the first answer)
        times.append(time.perf_counter() - started)
    proc.wait()
    return times or [time.perf_counter() - started]


def launch_figures(app: list[str], cli: list[str], runs: int) -> dict[str, list[float]]:
    """Start-up figures for one way of running the app (checkout or bundle)."""
    figures: dict[str, list[float]] = {"normal": [], "start": [], "first_window": [], "first_answer": [], "cli_search": []}
    with tempfile.TemporaryDirectory() as warm:
        wall([*app, "--data-dir", warm, "--startup-probe"], marker=True)  # builds the index once where needed
        reopen = ["--open", "34467a7acf", "--clause", "34467a7acf:s3.p2"]  # as a restored session does
        for _ in range(runs):
            figures["normal"].append(wall([*app, "--data-dir", warm, "--startup-probe", *reopen], marker=True))
            Path(warm, "settings.ini").write_text(RESTORED, encoding="utf-8")
            figures["start"].append(wall([*app, "--data-dir", warm, "--startup-probe"], marker=True))
    for _ in range(max(3, runs // 2)):
        with tempfile.TemporaryDirectory() as fresh:
            window, answer = wall_marks([*app, "--data-dir", fresh, "--startup-probe", "--search", "氢能"], 2)
            figures["first_window"].append(window)
            figures["first_answer"].append(answer)
        with tempfile.TemporaryDirectory() as fresh:
            figures["cli_search"].append(wall([*cli, "--data-dir", fresh, "search", "氢能", "--json", "--limit", "5"]))
    return figures


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def compare_with_bundle(bundle: Path, runs: int) -> None:
    py = sys.executable
    checkout = launch_figures([py, "main.py"], [py, "-m", "handbook"], runs)
    packaged = launch_figures([str(bundle / "handbook")], [str(bundle / "handbook-cli")], runs)
    rows = [("launch → populated window (index ready, a document open)", "normal"),
            ("launch → populated start page (last document restored)", "start"),
            ("first launch (empty user folder) → window", "first_window"),
            ("first launch (empty user folder) → first search answer", "first_answer"),
            ("CLI `search 氢能` with an empty user folder", "cli_search")]
    print(f"{'median seconds (min)':58} {'checkout':>16} {'bundle':>16}")
    for label, key in rows:
        cells = [f"{statistics.median(f[key]):.3f} ({min(f[key]):.3f})" for f in (checkout, packaged)]
        print(f"{label:58} {cells[0]:>16} {cells[1]:>16}")
    print(f"bundle {bundle}: {tree_bytes(bundle) / 1e6:.1f} MB in {sum(1 for _ in bundle.rglob('*'))} files "
          f"(index {tree_bytes(bundle / '_internal' / 'index') / 1e6:.1f} MB)")
    for deb in sorted(bundle.parent.glob("*.deb")):
        print(f"package {deb.name}: {deb.stat().st_size / 1e6:.1f} MB")


def typing_stalls(queries: list[str], data: str, search: bool = True) -> tuple[float, float, int, float]:
    """(longest gap, p99 gap, searches shown, longest time showing one page) in ms while typing
    ``queries``; ``search`` False: the same typing with no search run (the index is not ready)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from handbook.service import Handbook
    from ui.look import register_font
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    register_font(app)
    service = Handbook.open(data_dir=data)
    service.ensure_index()
    window = MainWindow(service, QSettings(str(Path(data) / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1366, 768)
    window.show()
    shown: list[float] = []
    show_result = window.search.show_result

    def timed_show(result) -> None:  # what the GUI thread does when a search answers
        started = time.perf_counter()
        show_result(result)
        shown.append((time.perf_counter() - started) * 1000)

    window.search.show_result = timed_show
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

    pump(0.5)
    if not search:
        window.search.set_index_ready(False)  # each query now only shows a line of text
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
    window.runner.wait(10000)
    gaps.sort()
    return gaps[-1], gaps[int(0.99 * (len(gaps) - 1))], window.search.searches_run - before, max(shown, default=0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, help="a one-folder build (dist/handbook) to compare with the checkout")
    args = parser.parse_args()
    py = sys.executable
    if args.bundle and not (args.bundle / "handbook").exists():
        parser.error(f"{args.bundle} holds no one-folder build (make dist)")
    if args.bundle:
        imports = [wall([py, "-c", "import PySide6.QtWidgets"]) for _ in range(args.runs)]
        print(f"import PySide6.QtWidgets          median {statistics.median(imports):.3f} s  (min {min(imports):.3f})")
        compare_with_bundle(args.bundle.resolve(), args.runs)
        with tempfile.TemporaryDirectory() as warm:
            print_typing(warm)
        return
    with tempfile.TemporaryDirectory() as warm, tempfile.TemporaryDirectory() as pycache:
        compiled = {k: v for k, v in ENV.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"PYTHONPYCACHEPREFIX": pycache}
        wall([py, "main.py", "--data-dir", warm, "--startup-probe"], marker=True)  # builds the index once
        wall([py, "main.py", "--data-dir", warm, "--startup-probe"], marker=True, env=compiled)  # writes the bytecode
        reopen = ["--open", "34467a7acf", "--clause", "34467a7acf:s3.p2"]  # as a restored session does
        rows: dict[str, list[float]] = {k: [] for k in ("import", "empty", "normal", "start", "start_compiled")}
        for _ in range(args.runs):  # interleaved: a busy machine weighs on every row alike
            rows["import"].append(wall([py, "-c", "import PySide6.QtWidgets"]))
            rows["empty"].append(wall([py, "-c", EMPTY_WINDOW], marker=True))
            rows["normal"].append(wall([py, "main.py", "--data-dir", warm, "--startup-probe", *reopen], marker=True))
            Path(warm, "settings.ini").write_text(RESTORED, encoding="utf-8")
            rows["start"].append(wall([py, "main.py", "--data-dir", warm, "--startup-probe"], marker=True))
            Path(warm, "settings.ini").write_text(RESTORED, encoding="utf-8")
            rows["start_compiled"].append(wall([py, "main.py", "--data-dir", warm, "--startup-probe"], marker=True, env=compiled))
        first = []
        for _ in range(max(3, args.runs // 2)):
            with tempfile.TemporaryDirectory() as fresh:
                first.append(wall([py, "main.py", "--data-dir", fresh, "--startup-probe"], marker=True))

        def row(label: str, values: list[float], note: str = "") -> None:
            print(f"{label:58} median {statistics.median(values):.3f} s  (min {min(values):.3f}, max {max(values):.3f}){note}")

        flag = "PYTHONDONTWRITEBYTECODE=1" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "bytecode cached as usual"
        print(f"{args.runs} interleaved rounds, offscreen, index ready; target: start page ≤ {TARGET} s")
        row("baseline: import PySide6.QtWidgets", rows["import"])
        row("baseline: an empty Qt main window shown and painted", rows["empty"])
        row("launch → first populated window (a document open)", rows["normal"])
        row(f"launch → populated start page ({flag})", rows["start"])
        row("launch → populated start page, compiled bytecode", rows["start_compiled"], "  (as the packaged build)")
        row("first launch (empty user folder) → window", first, "  (index builds after)")
        print_typing(warm)


def print_typing(data: str) -> None:
    queries = ["氢能 补贴", "光伏治沙", "西部大开发企业所得税", "国发〔2023〕16号", "人才 购房补贴", "储能"]
    floor = typing_stalls(queries, data, search=False)
    worst, p99, searches, showing = typing_stalls(queries, data)
    print(f"GUI event loop while typing 6 queries: longest stall {worst:.1f} ms, p99 gap {p99:.1f} ms "
          f"({searches} searches shown; longest showing one page {showing:.1f} ms)")
    print(f"  baseline, the same typing with no search run: longest stall {floor[0]:.1f} ms, p99 gap {floor[1]:.1f} ms")


if __name__ == "__main__":
    main()
