"""What goes into the one-folder build, used by packaging/handbook.spec.

* ``resource_datas``: every data file under resources/ (sources, taxonomy, synonyms,
  industries, fonts with their licence, icons).
* ``build_prebuilt_index``: builds the search index for the content database that is in the
  checkout right now, through the same service call the app uses, so the bundle ships an
  index named for exactly that content version.
* ``keep_binary`` / ``keep_data``: drop the Qt plugins and translations the app never loads.
  PyInstaller's Qt hooks collect every plugin type a module *may* use (EGL device
  integrations, VNC and framebuffer platforms, …) and every language; the app needs a window
  platform, printing, image formats, input methods and the zh_CN translations only.

Paths are handled with os.path only, so this works on Windows and macOS as well.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

# Python modules that are never needed at run time (tests, tooling, other GUI toolkits, the
# Qt modules the app does not use). Excluding them also keeps their Qt libraries out.
EXCLUDED_MODULES = [
    "tkinter", "_tkinter", "pytest", "_pytest", "pytestqt", "ruff", "importlinter", "grimp",
    "PyInstaller", "pydoc_data", "lib2to3", "ensurepip", "idlelib", "test",
    # reportlab imports PIL.Image at start but our PDFs embed no raster image: Pillow's
    # optional codecs and toolkit bridges (and the libraries they link) stay out.
    "PIL._avif", "PIL._webp", "PIL._imagingft", "PIL._imagingcms", "PIL._imagingmath", "PIL._imagingmorph",
    "PIL._imagingtk", "PIL.ImageQt", "PIL.ImageTk", "PIL.ImageShow", "PIL.ImageCms", "PIL.ImageFont",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebChannel",
    "PySide6.Qt3DCore", "PySide6.QtMultimedia", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql", "PySide6.QtSvg", "PySide6.QtSvgWidgets", "PySide6.QtXml", "PySide6.QtDBus",
    "PySide6.QtCharts", "PySide6.QtDataVisualization", "PySide6.QtBluetooth", "PySide6.QtPositioning",
    "PySide6.QtSerialPort", "PySide6.QtTest", "PySide6.QtUiTools", "PySide6.QtDesigner",
]

# Qt plugins (path fragments below PySide6/Qt/plugins, '/' separated) the app does not load.
DROPPED_PLUGINS = [
    "platforms/*eglfs*", "platforms/*linuxfb*", "platforms/*minimal*", "platforms/*vnc*",
    "platforms/*vkkhrdisplay*", "egldeviceintegrations/*", "generic/*",
    # Wayland: needs libwayland-cursor/-egl from the system; X11 (and XWayland) covers the
    # desktops officers use (UOS DDE, Kylin UKUI, Windows), so the xcb platform is enough.
    "platforms/*wayland*", "wayland-*/*",
    "platformthemes/*gtk3*",  # would pull GTK into the bundle; Fusion + our palettes are used
    "imageformats/*pdf*", "imageformats/*tga*", "imageformats/*tiff*", "imageformats/*webp*",
    "imageformats/*wbmp*", "imageformats/*icns*", "imageformats/*svg*",
    "platforminputcontexts/*virtualkeyboard*",  # would pull QtQuick and QML
    "sqldrivers/*", "multimedia/*", "networkinformation/*", "tls/*", "qmltooling/*",
]

# Translations kept: Qt's own Chinese catalogue for the standard dialogs (qt_zh_CN.qm is only
# a list of module catalogues, qtmultimedia among them, and would not load without them).
KEPT_TRANSLATIONS = ["qtbase_zh_CN.qm"]


def _norm(path: str) -> str:
    return path.replace("\\", "/")


def keep_binary(dest: str) -> bool:
    dest = _norm(dest)
    if "/plugins/" in dest or dest.startswith("plugins/"):
        tail = dest.split("plugins/", 1)[1]
        return not any(fnmatch.fnmatch(tail, pattern) for pattern in DROPPED_PLUGINS)
    return True


def keep_data(dest: str) -> bool:
    dest = _norm(dest)
    if dest.endswith(".qm") and "/translations/" in dest:
        return os.path.basename(dest) in KEPT_TRANSLATIONS
    return keep_binary(dest)


def _is_library_dependency(dest: str) -> bool:
    """A shared library that is only there because something else links it."""
    dest = _norm(dest)
    name = os.path.basename(dest).lower()
    if "plugins/" in dest or "lib-dynload/" in dest or name.endswith(".pyd") or ".abi3." in name or ".cpython-" in name:
        return False
    return not (name.startswith(("libpython", "python3")))


def drop_unreached_libraries(binaries: list[tuple]) -> list[tuple]:
    """Drop the shared libraries no kept extension module or plugin needs.

    PyInstaller resolves the dependencies of every plugin before ``keep_binary`` drops some,
    so the libraries of a dropped plugin (GTK's cairo and pango for the gtk3 theme, QtQuick
    for the virtual keyboard, the EGLFS support libraries) would stay behind without this.
    """
    from PyInstaller.depend.bindepend import get_imports

    by_name = {os.path.basename(_norm(entry[0])).lower(): entry for entry in binaries}
    needed: set[str] = set()
    stack = [entry[1] for entry in binaries if not _is_library_dependency(entry[0])]
    while stack:
        for name, full in get_imports(stack.pop()):
            key = os.path.basename(_norm(full or name)).lower()
            if key in by_name and key not in needed:
                needed.add(key)
                stack.append(by_name[key][1])
    return [entry for entry in binaries
            if not _is_library_dependency(entry[0]) or os.path.basename(_norm(entry[0])).lower() in needed]


def prune(binaries: list[tuple], datas: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """The Analysis' binaries and datas without what the app never loads (see module doc)."""
    binaries = drop_unreached_libraries([entry for entry in binaries if keep_binary(entry[0])])
    datas = [entry for entry in datas if keep_data(entry[0])]
    present = {_norm(entry[0]) for entry in binaries + datas if entry[2] != "SYMLINK"}
    # PyInstaller links some libraries from the top folder (entries typed SYMLINK whose
    # second field is the target): keep a link only while its target stays.
    binaries = [e for e in binaries if e[2] != "SYMLINK" or _norm(e[1]) in present]
    datas = [e for e in datas if e[2] != "SYMLINK" or _norm(e[1]) in present]
    return binaries, datas


def resource_datas(root: str) -> list[tuple[str, str]]:
    """(source file, destination folder) for every data file under resources/."""
    out = []
    base = os.path.join(root, "resources")
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in sorted(files):
            if name.startswith(".") or name.endswith((".pyc", ".py")):
                continue
            rel = os.path.relpath(folder, root)
            out.append((os.path.join(folder, name), rel))
    return out


def build_prebuilt_index(db_path: str, stage: str) -> str:
    """Build the index of ``db_path`` under ``stage``; returns the index folder's name."""
    from handbook.service import Handbook
    from handbook.store import Store

    service = Handbook(Store(Path(db_path)), cache_root=Path(stage))
    stats = service.build_index()
    folder = service.index_folder
    if folder.state() != "ready":
        raise SystemExit(f"prebuilt index in {folder.path} is not usable")
    hits = service.search("氢能").hits
    if not hits:
        raise SystemExit("prebuilt index answers no search for 氢能")
    print(f"prebuilt index {folder.name}: {stats['clauses']} clauses, {stats['bytes'] / 1e6:.1f} MB, {stats['seconds']} s")
    return folder.name
