"""Composition root: parse arguments, create the QApplication, open storage, build the
Handbook service and hand it to ``MainWindow(service)``. Nothing else creates globals."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="政策手册")
    parser.add_argument("--db", type=Path, help="内容数据库（默认为随程序发布的 db/handbook.sqlite）")
    parser.add_argument("--data-dir", help="用户数据目录（也可用环境变量 HANDBOOK_DATA_DIR）")
    parser.add_argument("--screenshot", type=Path, help="离屏渲染窗口并保存为 PNG 后退出")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if args.data_dir:
        os.environ["HANDBOOK_DATA_DIR"] = args.data_dir

    from PySide6.QtWidgets import QApplication, QMessageBox

    from handbook.errors import HandbookError
    from handbook.service import Handbook
    from ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    app.setApplicationName("政策手册")
    try:
        service = Handbook.open(args.db)
    except HandbookError as err:
        QMessageBox.critical(None, "政策手册", str(err))
        return 2
    window = MainWindow(service)
    window.resize(1366, 768)
    window.show()
    if args.screenshot:
        app.processEvents()
        window.grab().save(str(args.screenshot))
        return 0
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
