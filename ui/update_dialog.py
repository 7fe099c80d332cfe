"""文件 → 更新政策库…: choose a content-update pack, see what it changes, install or roll back.

The pack is verified on the task runner as soon as it is chosen (checksums, format, date);
the dialog then shows its version and changelog, and 安装 installs it in the background.
Afterwards the same box lists what changed against the content that was in use and which
bookmarks moved or now point at reworded text; ``content_changed`` tells the main window
to reload. A damaged or older pack only produces a message: nothing changes.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

TAGS = {"［新增］": "#2e7d32", "［修改］": "#1565c0", "［废止］": "#b26a00", "［删除］": "#c62828",
        "［已重新定位］": "#1565c0", "［文字有改动］": "#b26a00", "［原文已变更］": "#c62828"}


def lines_html(lines: list[str]) -> str:
    out = []
    for line in lines:
        text = html.escape(line)
        for tag, color in TAGS.items():
            if line.startswith(tag):
                text = f"<span style='color:{color}'>{html.escape(tag)}</span>{html.escape(line[len(tag):])}"
        out.append(f"<p style='margin:2px 0'>{text}</p>")
    return "".join(out)


class UpdateDialog(QDialog):
    content_changed = Signal()

    def __init__(self, service, runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.path: Path | None = None
        self.state = "idle"  # idle | checking | ready | installing | done | failed
        self.setWindowTitle("更新政策库")
        self.resize(640, 480)

        installed = service.installed_update()
        self.current_label = QLabel()
        self._show_current()
        self.file_label = QLabel("请选择更新包文件（.hbpack）。更新包由负责内容维护的同事提供，可通过 U 盘、邮件等拷贝。")
        self.file_label.setWordWrap(True)
        choose = QPushButton("选择更新包…")
        choose.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.file_label, 1)
        row.addWidget(choose)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.log = QTextBrowser()
        self.log.setOpenLinks(False)
        self.buttons = QDialogButtonBox()
        self.install_button = self.buttons.addButton("安装", QDialogButtonBox.ButtonRole.AcceptRole)
        self.install_button.setEnabled(False)
        self.install_button.clicked.connect(self.install)
        self.rollback_button = self.buttons.addButton("恢复为随程序安装的内容", QDialogButtonBox.ButtonRole.ResetRole)
        self.rollback_button.setVisible(installed is not None)
        self.rollback_button.clicked.connect(self.rollback)
        self.close_button = self.buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.current_label)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.log, 1)
        layout.addWidget(self.buttons)

    def _show_current(self) -> None:
        installed = self.service.installed_update()
        current = f"正在使用：{'已安装的更新包' if installed else '随程序安装的内容'}（内容版本 {self.service.content_version[:12]}"
        current += f"，政策截至 {self.service.content_date}）" if self.service.content_date else "）"
        self.current_label.setText(current)

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择政策库更新包", "", "政策库更新包 (*.hbpack);;所有文件 (*)")
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Verify ``path`` in the background and show its changelog."""
        self.path = path
        self.state = "checking"
        self.install_button.setEnabled(False)
        self.file_label.setText(f"更新包：{path.name}")
        self.summary.setText("正在校验更新包…")
        self.log.clear()
        self.runner.run(lambda _report: self.service.read_update(path), on_done=self._checked, on_error=self._failed)

    def _checked(self, preview: dict) -> None:
        m = preview["manifest"]
        self.state = "ready"
        self.summary.setText(f"校验通过：内容版本 {m['content_version'][:12]}，政策截至 {m.get('content_date') or '—'}，"
                             f"{m['documents']} 个文件，{m.get('built_at', '')} 生成。以下为更新说明：")
        self.log.setHtml(lines_html(preview["lines"]))
        self.install_button.setEnabled(True)

    def install(self) -> None:
        if self.path is None:
            return
        self.state = "installing"
        self.install_button.setEnabled(False)
        self.rollback_button.setEnabled(False)
        self.summary.setText("正在安装更新包，并重新定位书签…")
        path = self.path
        self.runner.run(lambda _report: self.service.install_update(path), on_done=self._installed, on_error=self._failed)

    def rollback(self) -> None:
        self.state = "installing"
        self.install_button.setEnabled(False)
        self.rollback_button.setEnabled(False)
        self.summary.setText("正在恢复为随程序安装的内容…")
        self.runner.run(lambda _report: self.service.rollback_update(), on_done=self._rolled_back, on_error=self._failed)

    def _installed(self, report: dict) -> None:
        self.state = "done"
        self.summary.setText(f"已安装（用时 {report['seconds']} 秒）。与原内容相比：")
        self.log.setHtml(lines_html(report["lines"]))
        self.install_button.setEnabled(False)  # installed: choose another pack to install again
        self.rollback_button.setVisible(True)
        self.rollback_button.setEnabled(True)
        self._show_current()
        self.content_changed.emit()

    def _rolled_back(self, report: dict | None) -> None:
        self.state = "done"
        self.rollback_button.setVisible(False)
        self.summary.setText("已恢复为随程序安装的内容。与原内容相比：" if report else "当前使用的就是随程序安装的内容。")
        self._show_current()
        if report:
            self.log.setHtml(lines_html(report["lines"]))
            self.content_changed.emit()

    def _failed(self, err: BaseException) -> None:
        self.state = "failed"
        self.install_button.setEnabled(False)
        self.rollback_button.setEnabled(True)
        self.summary.setText(f"<span style='color:#c62828'>{html.escape(str(err))}</span>")
