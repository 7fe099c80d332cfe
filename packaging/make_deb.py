"""Build ``dist/policy-handbook_<version>_<arch>.deb`` from the one-folder build in dist/handbook.

Layout: the bundle under /opt/policy-handbook, launchers /usr/bin/policy-handbook (the app)
and /usr/bin/policy-handbook-cli (the command line) as symbolic links into it, the desktop
entry (Chinese name 政策手册) and the icon in every hicolor size plus the SVG. No maintainer
scripts: the icon cache and the menu are refreshed by the triggers of the packages that own
them, so installing needs no network and runs nothing of ours.

Depends is worked out from the bundle itself: every shared library the bundled binaries
load from the system (PyInstaller leaves libc, libGL/libEGL and libxcb to the system), mapped
to its Debian package with ``dpkg -S``, and libc6 at least the newest GLIBC symbol version any
of them needs. Built with ``dpkg-deb --root-owner-group -Zxz`` (xz: older dpkg on 统信 UOS and
银河麒麟 cannot read zstd).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "policy-handbook"
MAINTAINER = "Policy Handbook maintainers <maintainers@policy-handbook.invalid>"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def elf_files(bundle: Path) -> list[Path]:
    out = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    out.append(path)
    return out


def system_libraries(bundle: Path, files: list[Path]) -> set[str]:
    """Absolute paths of the libraries outside the bundle that its binaries load."""
    internal = bundle / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"}
    found, missing = set(), set()
    for path in files:
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            match = re.match(r"\s*(\S+) => (\S+)", line)
            if not match:
                continue
            name, target = match.groups()
            if target == "not":
                missing.add(f"{name} (needed by {path.relative_to(bundle)})")
            elif not Path(target).resolve().is_relative_to(bundle.resolve()):
                found.add(target)
    if missing:
        sys.exit("libraries found neither in the bundle nor on this system:\n  " + "\n  ".join(sorted(missing)))
    return found


def owning_package(path: str) -> str:
    candidates = [path, str(Path(path).resolve())]
    if path.startswith("/lib"):
        candidates.append("/usr" + path)
    for candidate in candidates:
        out = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if out.returncode == 0:
            return out.stdout.split(":", 1)[0].strip()
    sys.exit(f"no Debian package owns {path}")


def glibc_floor(files: list[Path]) -> str:
    newest = (2, 0)
    for path in files:
        out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True).stdout
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", out):
            newest = max(newest, (int(major), int(minor)))
    return f"{newest[0]}.{newest[1]}"


def depends(bundle: Path) -> str:
    files = elf_files(bundle)
    packages = sorted({owning_package(lib) for lib in system_libraries(bundle, files)} - {"libc6"})
    return ", ".join([f"libc6 (>= {glibc_floor(files)})", *packages])


def version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def stage(bundle: Path, root: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)
    opt = root / "opt" / PACKAGE
    shutil.copytree(bundle, opt, symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    os.symlink(f"/opt/{PACKAGE}/handbook", bin_dir / PACKAGE)
    os.symlink(f"/opt/{PACKAGE}/handbook-cli", bin_dir / f"{PACKAGE}-cli")
    apps = root / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy2(ROOT / "packaging" / "linux" / f"{PACKAGE}.desktop", apps)
    icons = ROOT / "resources" / "icons"
    hicolor = root / "usr" / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        target = hicolor / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy2(icons / f"handbook-{size}.png", target / f"{PACKAGE}.png")
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(icons / "handbook.svg", hicolor / "scalable" / "apps" / f"{PACKAGE}.svg")
    doc = root / "usr" / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "政策手册 (Policy Handbook)\n\n"
        "Bundled: Python (PSF licence), Qt 6 and PySide6 (LGPL-3.0), Whoosh (BSD), reportlab (BSD),\n"
        "WenQuanYi Micro Hei subset (Apache-2.0, see /opt/policy-handbook/_internal/resources/fonts/).\n"
        "Policy texts: public documents of the issuing governments.\n", encoding="utf-8")
    for path in [root, *root.rglob("*")]:  # no stray write bits from the build machine's umask
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~0o022)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "handbook")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    if not (args.bundle / "handbook").exists():
        sys.exit(f"{args.bundle} holds no one-folder build: run `make dist` first")
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    root = ROOT / "build" / "deb" / PACKAGE
    stage(args.bundle, root)
    installed_kb = sum(p.lstat().st_size for p in root.rglob("*")) // 1024 + 1
    control = (ROOT / "packaging" / "linux" / "control.in").read_text(encoding="utf-8").format(
        version=version(), arch=arch, maintainer=MAINTAINER, installed_kb=installed_kb, depends=depends(args.bundle))
    (root / "DEBIAN").mkdir()
    (root / "DEBIAN" / "control").write_text(control, encoding="utf-8")
    args.out.mkdir(parents=True, exist_ok=True)
    deb = args.out / f"{PACKAGE}_{version()}_{arch}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(deb)], check=True,
                   stdout=subprocess.DEVNULL)
    print(f"{deb.relative_to(ROOT) if deb.is_relative_to(ROOT) else deb}: {deb.stat().st_size / 1e6:.1f} MB "
          f"(installed {installed_kb / 1024:.0f} MB); Depends: {control.split('Depends: ')[1].splitlines()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
