"""Composition root: parse arguments, create the QApplication, open storage, build the
Handbook service and hand it to ``MainWindow(service)``. Nothing else creates globals.

``--screenshot FILE.png [--open DOC_ID] [--search QUERY] [--theme dark]`` renders the
window offscreen at 1366×768 in that state, saves the PNG and exits (documentation, tests,
review). ``--startup-probe`` prints the seconds from interpreter start to the first shown,
populated window and exits (bench/startup_bench.py).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="政策手册")
    parser.add_argument("--db", type=Path, help="内容数据库（默认为随程序发布的 db/handbook.sqlite）")
    parser.add_argument("--data-dir", help="用户数据目录（也可用环境变量 HANDBOOK_DATA_DIR）")
    parser.add_argument("--screenshot", type=Path, help="离屏渲染窗口（1366×768）并保存为 PNG 后退出")
    parser.add_argument("--open", dest="open_doc", metavar="DOC_ID", help="打开指定文件")
    parser.add_argument("--clause", metavar="CLAUSE_KEY", help="与 --open 一起：定位到条款")
    parser.add_argument("--search", metavar="QUERY", help="启动后搜索")
    parser.add_argument("--theme", choices=["system", "light", "dark"], help="界面主题")
    parser.add_argument("--panel", choices=["search", "regions", "themes", "documents", "bookmarks"], help="左侧显示的页")
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def settle(app, window, timeout: float = 60.0) -> None:
    """Let background work (index build, search) finish and the window repaint."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if not window.runner.busy and not window.search.timer.isActive():
            break
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif args.startup_probe:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.data_dir:
        os.environ["HANDBOOK_DATA_DIR"] = args.data_dir

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    from handbook.errors import HandbookError, explain
    from handbook.paths import data_dir, notices
    from handbook.service import Handbook
    from ui.look import register_font
    from ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    app.setApplicationName("政策手册")
    app.setOrganizationName("PolicyHandbook")
    register_font(app)
    try:
        folder = data_dir(args.data_dir)
        service = Handbook.open(args.db, data_dir=args.data_dir)
    except (HandbookError, OSError) as err:
        QMessageBox.critical(None, "政策手册", f"无法启动：{explain(err)}")
        return 2
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    if args.theme:
        settings.setValue("view/theme", args.theme)
    window = MainWindow(service, settings)
    if notices():
        window.statusBar().showMessage("　".join(notices()), 30000)
    if args.screenshot:
        window.resize(1366, 768)
    window.show()
    if window.user_notice and not (args.screenshot or args.startup_probe):
        box = QMessageBox(QMessageBox.Icon.Warning, "政策手册", window.user_notice, parent=window)
        box.open()  # not modal for the whole app: the user can read on
    if args.open_doc:
        if not window.open_document(args.open_doc, args.clause):
            sys.stderr.write(f"没有编号为 {args.open_doc} 的文件。\n")
    if args.search:
        window.focus_search()
        window.search.set_query(args.search)
    if args.panel:
        pages = {"search": window.search, "regions": window.navigation.region_page, "themes": window.navigation.theme_page,
                 "documents": window.navigation.documents, "bookmarks": window.bookmarks_panel}
        if pages[args.panel] is not None:
            window.navigation.setCurrentWidget(pages[args.panel])
    if args.startup_probe:
        app.processEvents()
        sys.stdout.write(f"{time.perf_counter() - STARTED:.3f}\n")
        sys.stdout.flush()
        window.runner.wait(60000)
        return 0
    if args.screenshot:
        settle(app, window)
        if args.search:
            window.search.run_now()
            settle(app, window)
        window.grab().save(str(args.screenshot))
        window.runner.wait(60000)
        return 0
    code = app.exec()
    window.runner.wait(10000)
    return code


if __name__ == "__main__":
    sys.exit(main())
