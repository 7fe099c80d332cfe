"""Composition root: parse arguments, create the QApplication, open storage, build the
Handbook service and hand it to ``MainWindow(service)``. Nothing else creates globals.

``--screenshot FILE.png [--open DOC_ID] [--search QUERY] [--theme dark]
[--page start|compare|expiring [--industry NAME --regions A,B]]`` renders the window
offscreen at 1366×768 in that state, saves the PNG and exits (documentation, tests,
review). ``--today YYYY-MM-DD`` judges terms and expiry against that date (a demonstration,
a test) instead of the clock. ``--startup-probe`` prints the seconds from interpreter start to
the first shown, populated window (with ``--search QUERY`` a second line: to the first search
answer on screen) and exits (bench/startup_bench.py).
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
    parser.add_argument("--page", choices=["start", "compare", "expiring"], help="显示开始页、地区对比或到期提醒")
    parser.add_argument("--industry", metavar="NAME", help="与 --page compare 一起：产业，如 氢能")
    parser.add_argument("--regions", metavar="A,B", help="与 --page compare 一起：2–4 个地区，用逗号分隔")
    parser.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD", help="按此日期判断有效期和到期（演示、测试用）")
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def iso_date(text: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(text).isoformat()
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD，例如 2026-03-01（收到：{text}）") from err


def settle(app, window, timeout: float = 60.0) -> None:
    """Let background work (index build, search) finish and the window repaint."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if not window.runner.busy and not window.search.timer.isActive() and not window.index_pending():
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
    if args.today:
        os.environ["HANDBOOK_TODAY"] = args.today

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    from handbook.errors import HandbookError, explain
    from handbook.paths import data_dir, notices
    from handbook.service import Handbook
    from ui.i18n import install_translations
    from ui.look import app_icon, register_font
    from ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    app.setApplicationName("政策手册")
    app.setOrganizationName("PolicyHandbook")
    install_translations(app)
    app.setWindowIcon(app_icon())
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
    # A screenshot of a page that does not search has no use for the search index: do not build it
    # (building it on a fresh data folder takes seconds and the screenshot would wait for it).
    needs_index = not args.screenshot or bool(args.search) or args.panel == "search"
    window = MainWindow(service, settings, build_index=needs_index)
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
    if args.page == "start":
        window.show_start()
    elif args.page == "compare":
        regions = [r.strip() for r in (args.regions or "").replace("，", ",").split(",") if r.strip()]
        known = {r["name"] for r in service.region_tree()}
        unknown = [r for r in regions if r not in known]
        if unknown:
            sys.stderr.write(f"没有“{'、'.join(unknown)}”这个地区。可选：{'、'.join(sorted(known))}。\n")
            return 2
        view = window.open_compare(args.industry or "氢能", regions or ["乌海市", "伊金霍洛旗"])
        if view.comparison is None:
            sys.stderr.write(f"{view.error}\n")
            return 2
    elif args.page == "expiring":
        window.open_expiring()
    if args.panel:
        pages = {"search": window.search, "regions": window.navigation.region_page, "themes": window.navigation.theme_page,
                 "documents": window.navigation.documents, "bookmarks": window.bookmarks_panel}
        if pages[args.panel] is not None:
            window.navigation.setCurrentWidget(pages[args.panel])
    if args.startup_probe:
        app.processEvents()
        sys.stdout.write(f"{time.perf_counter() - STARTED:.3f}\n")
        sys.stdout.flush()
        if args.search:
            deadline = time.monotonic() + 120
            while window.search.searches_run == 0 and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.002)
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
