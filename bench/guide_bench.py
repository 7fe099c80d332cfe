"""Benchmark: investment-guide generation time and page count for every industry.

Run by hand: ``.venv/bin/python bench/guide_bench.py [--region 伊金霍洛旗] [--page-size A4]``.
Each guide is composed and rendered to PDF (both reportlab passes) in a fresh temporary
file; the time covers composition, layout and writing. Wall-clock and process CPU time are
both printed: on a shared machine the CPU time is the stable figure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handbook.guide import compose, render  # noqa: E402
from handbook.industries import default_catalogue  # noqa: E402
from handbook.service import Handbook  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", default="伊金霍洛旗")
    parser.add_argument("--page-size", default="A4")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        hb = Handbook.open(data_dir=tmp)
        render(compose(hb, "氢能", args.region), Path(tmp) / "warm.pdf", args.page_size)  # font and imports loaded once
        times = []
        cpu_times = []
        print(f"{'industry':<24}{'seconds':>8}{'cpu s':>7}{'pages':>7}{'clauses':>9}{'incentives':>12}")
        for industry in default_catalogue().industries:
            started, cpu = time.perf_counter(), time.process_time()
            guide = compose(hb, industry, args.region)
            result = render(guide, Path(tmp) / f"{industry.id}.pdf", args.page_size)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            times.append(seconds)
            cpu_times.append(cpu)
            print(f"{industry.name:<24}{seconds:>8.2f}{cpu:>7.2f}{result['pages']:>7}{len(guide.quotes()):>9}"
                  f"{len(guide.incentives):>12}")
        print(f"\n{len(times)} guides for {args.region} ({args.page_size}): median {statistics.median(times):.2f} s, "
              f"max {max(times):.2f} s wall; CPU median {statistics.median(cpu_times):.2f} s, max {max(cpu_times):.2f} s "
              f"(wall > CPU means the machine was busy with other work); target ≤ 3 s per guide")


if __name__ == "__main__":
    main()
