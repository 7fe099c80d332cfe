"""Smoke test of the packaged app (``make dist-test``; .ci/run runs it after the tests).

The one-folder build is copied out of the checkout and run as an officer's machine would:
an empty HOME, no network, and — where this machine allows a private mount namespace — the
checkout, the virtual environment and Python's own library hidden under empty folders and
the bundle mounted read-only, so nothing can come from a developer set-up and nothing may be
written into the install folder. Then:

1. the bundled CLI answers a search from the shipped index, building none (the user cache
   stays empty and the index in the bundle is byte-for-byte unchanged);
2. the bundled CLI writes an investment-guide PDF (its text is checked with pdftotext);
3. the bundled app renders ``--screenshot`` of a document and of a search;
4. the .deb installs with ``dpkg -i``, the launcher in /usr/bin starts the app (screenshot
   mode) and the CLI, and ``dpkg -r`` removes every file again.

Screenshots are copied to dist/smoke/ to be looked at. Exit status 0 only if every check
passed. Step 4 needs root; without it the step is reported as skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "policy-handbook"
DOC_ID = "34467a7acf"  # 内蒙古自治区人民政府办公厅关于促进氢能产业高质量发展的意见
OUT = ROOT / "dist" / "smoke"

results: list[tuple[str, bool, str]] = []


def check(name: str, ok: bool, detail: str = "") -> bool:
    results.append((name, ok, detail))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}", flush=True)
    return ok


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def hidden_folders() -> list[Path]:
    """Where a developer's Python lives: the checkout, the venv's packages, the standard library."""
    folders = {ROOT.resolve(), Path(sysconfig.get_paths()["purelib"]).resolve(), Path(sysconfig.get_paths()["stdlib"]).resolve()}
    folders = {f for f in folders if f.is_dir()}
    # Only the outermost: a tmpfs over the checkout already hides a venv inside it, and mounting
    # over the venv afterwards would fail (its mount point is gone).
    return sorted(f for f in folders if not any(other != f and f.is_relative_to(other) for other in folders))


class Sandbox:
    """Runs commands with an empty HOME, no network and (if possible) a read-only install folder."""

    def __init__(self, home: Path, read_only: list[Path]):
        self.home = home
        self.read_only = read_only
        self.mode = self._probe()

    def _probe(self) -> str:
        if not shutil.which("unshare"):
            return "none"
        if subprocess.run(["unshare", "--net", "--mount", "true"], capture_output=True).returncode == 0:
            return "namespace"
        if subprocess.run(["unshare", "--map-root-user", "--net", "true"], capture_output=True).returncode == 0:
            return "user-net"
        return "none"

    def describe(self) -> str:
        return {"namespace": "no network (unshare --net), checkout/venv/stdlib hidden, install folder read-only",
                "user-net": "no network (unshare --map-root-user --net); checkout not hidden",
                "none": "unshare unavailable: network NOT cut off (the app opens no connections by design)"}[self.mode]

    def run(self, cmd: list[str], timeout: int = 240) -> subprocess.CompletedProcess:
        env = {"HOME": str(self.home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
        if self.mode == "namespace":
            script = []
            for folder in hidden_folders():
                script.append(f"mount -t tmpfs -o size=1m handbook-hidden {shlex.quote(str(folder))}")
            for folder in self.read_only:
                q = shlex.quote(str(folder))
                script.append(f"mount --bind {q} {q} && mount -o remount,bind,ro {q}")
            script.append('exec "$@"')
            cmd = ["unshare", "--net", "--mount", "sh", "-c", " && ".join(script), "sh", *cmd]
        elif self.mode == "user-net":
            cmd = ["unshare", "--map-root-user", "--net", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout, cwd="/")


def index_folders(home: Path) -> list[Path]:
    cache = home / ".cache"
    return [p for p in cache.rglob("READY")] if cache.exists() else []


def check_screenshot(name: str, proc: subprocess.CompletedProcess, png: Path) -> None:
    from PIL import Image

    if not check(f"{name} exits 0", proc.returncode == 0, "" if proc.returncode == 0 else proc.stderr.strip()[-300:]):
        return
    if not check(f"{name} wrote a PNG", png.exists(), str(png)):
        return
    shutil.copy2(png, OUT / png.name)  # kept to be looked at
    with Image.open(png) as image:
        colours = len(image.convert("RGB").getcolors(1 << 20) or [])
        check(f"{name} is a rendered 1366×768 window", image.size == (1366, 768) and colours > 50,
              f"{image.size[0]}×{image.size[1]}, {colours} colours")


def bundle_checks(bundle: Path, box: Sandbox, work: Path) -> None:
    cli, app = bundle / "handbook-cli", bundle / "handbook"
    shipped = bundle / "_internal" / "index"
    before = snapshot(shipped)
    check("bundle ships a prebuilt index", bool(before), f"{len(before)} files in {shipped.relative_to(bundle)}")

    started = time.perf_counter()
    proc = box.run([str(cli), "search", "氢能", "--json", "--limit", "5"])
    seconds = time.perf_counter() - started
    hits = json.loads(proc.stdout) if proc.returncode == 0 and proc.stdout.strip() else []
    check("CLI search answers from the shipped index", len(hits) == 5 and "索引" not in proc.stderr,
          f"{len(hits)} hits in {seconds:.2f} s, first {hits[0]['doc_number'] if hits else proc.stderr.strip()[-300:]}")
    check("no index built in the user cache", not index_folders(box.home), str([str(p) for p in index_folders(box.home)]))

    proc = box.run([str(cli), "index"])
    check("CLI reports the index inside the bundle", proc.returncode == 0 and str(shipped) in proc.stderr, proc.stderr.strip())

    pdf = work / "guide.pdf"
    proc = box.run([str(cli), "guide", "--industry", "氢能", "--region", "伊金霍洛旗", "-o", str(pdf)])
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout if pdf.exists() else ""
    ok = proc.returncode == 0 and pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-" and "氢能" in text and "伊金霍洛旗" in text
    check("CLI writes a guide PDF", ok, proc.stderr.strip().splitlines()[-1] if ok else proc.stderr.strip()[-300:])

    png = work / "bundle-document.png"
    check_screenshot("app --screenshot of a document", box.run([str(app), "--screenshot", str(png), "--open", DOC_ID]), png)
    png = work / "bundle-search.png"
    check_screenshot("app --screenshot of a search", box.run([str(app), "--screenshot", str(png), "--search", "储能"]), png)
    check("still no index built in the user cache", not index_folders(box.home))
    check("shipped index unchanged", snapshot(shipped) == before)


def deb_checks(deb: Path, work: Path) -> None:
    if os.geteuid() != 0:
        check("deb install (needs root: skipped)", True, "run `sudo make dist-test` to include it")
        return
    was_installed = subprocess.run(["dpkg", "-s", PACKAGE], capture_output=True).returncode == 0
    if was_installed:
        print(f"note: {PACKAGE} was installed before the test; it is reinstalled and removed at the end")
    proc = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True)
    if not check("dpkg -i installs the .deb", proc.returncode == 0, proc.stderr.strip()[-400:]):
        return
    try:
        files = subprocess.run(["dpkg", "-L", PACKAGE], capture_output=True, text=True).stdout.split()
        wanted = [f"/opt/{PACKAGE}/handbook", f"/opt/{PACKAGE}/handbook-cli", f"/usr/bin/{PACKAGE}", f"/usr/bin/{PACKAGE}-cli",
                  f"/usr/share/applications/{PACKAGE}.desktop", f"/usr/share/icons/hicolor/48x48/apps/{PACKAGE}.png",
                  f"/usr/share/icons/hicolor/scalable/apps/{PACKAGE}.svg"]
        check("package holds app, launchers, desktop entry and icons", all(f in files and os.path.lexists(f) for f in wanted),
              ", ".join(f for f in wanted if f not in files))
        home = work / "installed-home"
        home.mkdir()
        box = Sandbox(home, [Path(f"/opt/{PACKAGE}")])
        png = work / "installed-search.png"
        check_screenshot(f"/usr/bin/{PACKAGE} --screenshot", box.run([f"/usr/bin/{PACKAGE}", "--screenshot", str(png), "--search", "氢能"]), png)
        proc = box.run([f"/usr/bin/{PACKAGE}-cli", "search", "储能", "--json", "--limit", "3"])
        check(f"/usr/bin/{PACKAGE}-cli search", proc.returncode == 0 and len(json.loads(proc.stdout or "[]")) == 3, proc.stderr.strip()[-300:])
        check("installed app built no index", not index_folders(home))
    finally:
        proc = subprocess.run(["dpkg", "-r", PACKAGE], capture_output=True, text=True)
        left = [p for p in (f"/opt/{PACKAGE}", f"/usr/bin/{PACKAGE}", f"/usr/share/applications/{PACKAGE}.desktop",
                            f"/usr/share/icons/hicolor/48x48/apps/{PACKAGE}.png") if os.path.lexists(p)]
        # dpkg may say that /opt itself is "not empty so not removed" (other software lives there): fine.
        ours = [line for line in proc.stderr.splitlines() if "not empty" in line and f"/{PACKAGE}" in line]
        check("dpkg -r removes it cleanly", proc.returncode == 0 and not left and not ours,
              "; ".join(ours + [f"left: {', '.join(left)}" if left else ""]).strip("; "))


def main() -> int:
    bundle = ROOT / "dist" / "handbook"
    debs = sorted((ROOT / "dist").glob(f"{PACKAGE}_*.deb"), key=lambda p: p.stat().st_mtime)
    if not (bundle / "handbook").exists() or not debs:
        print("run `make deb` first: dist/handbook or the .deb is missing")
        return 2
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="handbook-smoke-") as tmp:
        work = Path(tmp)
        copy = work / "handbook"
        shutil.copytree(bundle, copy, symlinks=True)  # run away from the checkout
        home = work / "home"
        home.mkdir()
        box = Sandbox(home, [copy])
        print(f"smoke test of {bundle.relative_to(ROOT)} (copied to {copy}) and {debs[-1].name}; {box.describe()}", flush=True)
        bundle_checks(copy, box, work)
        deb_checks(debs[-1], work)
    failed = [name for name, ok, _ in results if not ok]
    print(f"smoke test: {len(results) - len(failed)} of {len(results)} checks ok" + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
