"""文件 → 导入政策文件…: read a .txt/.docx/.pdf policy, let the officer confirm it, save it.

The file is read and parsed on the task runner by the same pipeline as the bundled content
(``Handbook.draft_import``). The dialog then shows, per document found, the title, 文号,
issuers, date, region and level as recognised — all editable — with the clause count and
the first clauses as a check. 导入 saves through ``Handbook.save_import``; ``imported``
carries the new document ids so the main window can reload and open the first one. A file
that is not a policy text only produces a message in the dialog.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

FILTER = "政策文件 (*.txt *.docx *.pdf);;文本 (*.txt);;Word (*.docx);;PDF (*.pdf)"


class _DocumentForm(QWidget):
    """The editable fields of one recognised document."""

    def __init__(self, proposal: dict, regions: list[dict], level_names: dict[str, str]):
        super().__init__()
        self.level_names = level_names
        self.title = QLineEdit(proposal["title"])
        self.doc_number = QLineEdit(proposal["doc_number"] or "")
        self.doc_number.setPlaceholderText("无文号可留空")
        self.issuers = QLineEdit("、".join(proposal["issuers"]))
        self.issuers.setPlaceholderText("多个机关用顿号分隔")
        self.date = QLineEdit(proposal["date"] or "")
        self.date.setPlaceholderText("YYYY-MM-DD，如 2024-03-01")
        self.region = QComboBox()
        self.region_levels = {}
        for r in regions:
            self.region.addItem(f"{r['name']}（{r['level_name']}）", r["name"])
            self.region_levels[r["name"]] = r["level"]
        self.region.setCurrentIndex(max(0, self.region.findData(proposal["region"])))
        self.level = QComboBox()
        for key, name in level_names.items():
            self.level.addItem(name, key)
        self.level.setCurrentIndex(max(0, self.level.findData(proposal["level"])))
        self.region.currentIndexChanged.connect(self._region_changed)
        preview = QPlainTextEdit("\n".join(proposal["first_clauses"]))
        preview.setReadOnly(True)
        preview.setMinimumHeight(90)
        outer = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(form, 1)
        form.addRow("标题", self.title)
        form.addRow("文号", self.doc_number)
        form.addRow("发文机关", self.issuers)
        form.addRow("成文日期", self.date)
        form.addRow("地区", self.region)
        form.addRow("层级", self.level)
        form.addRow("识别结果", QLabel(f"{proposal['clauses']} 个条款；主题：{'、'.join(proposal['themes']) or '—'}"))
        form.addRow("开头几条", preview)

    def _region_changed(self) -> None:
        level = self.region_levels.get(self.region.currentData())
        self.level.setCurrentIndex(max(0, self.level.findData(level)))

    def values(self) -> dict:
        return {"title": self.title.text().strip(), "doc_number": self.doc_number.text().strip(),
                "issuers": self.issuers.text().strip(), "date": self.date.text().strip(),
                "region": self.region.currentData(), "level": self.level.currentData()}


class ImportDialog(QDialog):
    imported = Signal(list)

    def __init__(self, service, runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.draft = None
        self.forms: list[_DocumentForm] = []
        self.state = "idle"  # idle | reading | ready | saving | done | failed
        self.setWindowTitle("导入政策文件")
        self.resize(640, 560)

        self.file_label = QLabel("可导入文本（.txt）、Word（.docx）和带文字的 PDF 文件。导入的文件保存在本机用户数据中，"
                                 "标为“自行导入”，可检索、加书签，政策库更新后仍然保留。")
        self.file_label.setWordWrap(True)
        choose = QPushButton("选择文件…")
        choose.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.file_label, 1)
        row.addWidget(choose)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        cancel = self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择要导入的政策文件", "", FILTER)
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        self.state = "reading"
        self.save_button.setEnabled(False)
        self.tabs.setVisible(False)
        self.file_label.setText(f"文件：{path.name}")
        self.message.setText("正在读取并识别文件…")
        self.runner.run(lambda _report: self.service.draft_import(path), on_done=self._drafted, on_error=self._failed)

    def _drafted(self, draft) -> None:
        self.state = "ready"
        self.draft = draft
        proposals = draft.proposals()
        regions = self.service.region_tree()
        self.tabs.clear()
        self.forms = [_DocumentForm(p, regions, self.service.level_names()) for p in proposals]
        for n, form in enumerate(self.forms):
            self.tabs.addTab(form, f"文件 {n + 1}" if len(self.forms) > 1 else "识别结果")
        self.tabs.setVisible(True)
        several = f"识别出 {len(proposals)} 个文件，将一并导入。" if len(proposals) > 1 else ""
        self.message.setText(f"{several}请核对以下信息，有误可直接修改，然后点“导入”。")
        self.save_button.setEnabled(True)

    def save(self) -> None:
        if self.draft is None:
            return
        self.state = "saving"
        self.save_button.setEnabled(False)
        corrections = [form.values() for form in self.forms]
        draft = self.draft
        self.message.setText("正在保存…")
        self.runner.run(lambda _report: self.service.save_import(draft, corrections), on_done=self._saved,
                        on_error=self._save_failed)

    def _saved(self, ids: list) -> None:
        self.state = "done"
        self.imported.emit(list(ids))
        self.accept()

    def _save_failed(self, err: BaseException) -> None:
        self.state = "ready"
        self.save_button.setEnabled(True)
        self.message.setText(f"<span style='color:#c62828'>{html.escape(str(err))}</span>")

    def _failed(self, err: BaseException) -> None:
        self.state = "failed"
        self.draft = None
        self.message.setText(f"<span style='color:#c62828'>{html.escape(str(err))}</span>")
