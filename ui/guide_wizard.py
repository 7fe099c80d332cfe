"""The 投资指南 wizard: industry → region → scope → cover → preview, then save or print.

Generation runs on the task runner with a progress bar and can be cancelled; the preview
shows the real PDF pages (Qt PDF) and the page count. Saving copies the generated file
through a temporary file and a rename, so a full disk or a locked file gives a clear
message and leaves any earlier file intact. Cover details are remembered (QSettings).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from handbook.errors import HandbookError
from handbook.guide import SECTION_NAMES, SECTIONS, Cancelled
from ui.text import rich


class GuideWizard(QWizard):
    def __init__(self, service, runner, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.settings = settings
        self.setWindowTitle("生成投资指南")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(860, 640)
        self.generated: Path | None = None
        self.page_count = 0
        self.cancel_flag = threading.Event()
        self.state = "idle"  # idle | running | done | cancelled | failed
        self._tmp = Path(tempfile.mkdtemp(prefix="handbook-guide-"))
        self._title_edited = False

        # 1 industry
        self.industry_page = QWizardPage()
        self.industry_page.setTitle("第 1 步：选择产业")
        self.industry_page.setSubTitle("指南收录与该产业有关的政策条款。")
        self.industries = QListWidget()
        for ind in service.industries():
            item = QListWidgetItem(ind["name"])
            item.setData(Qt.ItemDataRole.UserRole, ind["id"])
            item.setToolTip("关键词：" + "、".join(ind["terms"]))
            self.industries.addItem(item)
        self.industries.setCurrentRow(0)
        layout = QVBoxLayout(self.industry_page)
        layout.addWidget(self.industries)

        # 2 region
        self.region_page = QWizardPage()
        self.region_page.setTitle("第 2 步：选择地区")
        self.region_page.setSubTitle("指南收录该地区及其上级地区（盟市、自治区、国家）现行有效的政策。")
        self.region = QComboBox()
        for r in service.region_tree():
            self.region.addItem(f"{r['name']}（{r['level_name']}）", r["name"])
        self.region.setCurrentIndex(max(0, self.region.findData("伊金霍洛旗")))
        layout = QFormLayout(self.region_page)
        layout.addRow("地区：", self.region)

        # 3 scope
        self.scope_page = QWizardPage()
        self.scope_page.setTitle("第 3 步：内容范围")
        grid = QGridLayout(self.scope_page)
        grid.addWidget(QLabel("层级："), 0, 0)
        self.levels: dict[str, QCheckBox] = {}
        for i, (key, name) in enumerate(service.level_names().items()):
            box = QCheckBox(name)
            box.setChecked(True)
            self.levels[key] = box
            grid.addWidget(box, 0, i + 1)
        grid.addWidget(QLabel("章节："), 1, 0)
        self.sections: dict[str, QCheckBox] = {}
        for i, key in enumerate(SECTIONS):
            box = QCheckBox(SECTION_NAMES[key] + ("（引用文件、书签）" if key == "appendix" else ""))
            box.setChecked(True)
            self.sections[key] = box
            grid.addWidget(box, 1 + i // 3, 1 + i % 3)
        self.include_repealed = QCheckBox("也收录已废止、已被替代的文件")
        grid.addWidget(self.include_repealed, 4, 1, 1, 3)
        self.briefing = QCheckBox("生成招商简报：以所选书签文件夹中的条款和备注为内容（不按产业挑选）")
        self.folder = QComboBox()
        self.folder.addItem("（不附书签）", None)
        try:
            for name in service.bookmarks.folders():
                self.folder.addItem(name, name)
        except HandbookError:
            pass
        self.page_size = QComboBox()
        self.page_size.addItems(["A4", "A5"])
        grid.addWidget(QLabel("书签文件夹："), 5, 0)
        grid.addWidget(self.folder, 5, 1, 1, 2)
        grid.addWidget(self.briefing, 6, 1, 1, 3)
        grid.addWidget(QLabel("纸张："), 7, 0)
        grid.addWidget(self.page_size, 7, 1)
        self.folder.currentIndexChanged.connect(self._folder_changed)
        self._folder_changed()

        # 4 cover
        self.cover_page = QWizardPage()
        self.cover_page.setTitle("第 4 步：封面信息")
        self.cover_page.setSubTitle("编制单位和联系方式会被记住，下次自动填好。")
        self.title = QLineEdit()
        self.title.textEdited.connect(lambda _t: setattr(self, "_title_edited", True))
        self.organisation = QLineEdit(str(settings.value("guide/organisation", "")))
        self.contact = QLineEdit(str(settings.value("guide/contact", "")))
        self.organisation.setPlaceholderText("例如：伊金霍洛旗招商服务中心")
        self.contact.setPlaceholderText("例如：0477-xxxxxxx")
        layout = QFormLayout(self.cover_page)
        layout.addRow("标题：", self.title)
        layout.addRow("编制单位：", self.organisation)
        layout.addRow("联系方式：", self.contact)

        # 5 preview
        self.preview_page = QWizardPage()
        self.preview_page.setTitle("第 5 步：预览与保存")
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.status = QLabel()
        self.cancel_button = QPushButton("取消生成")
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button = QPushButton("保存为 PDF…")
        self.save_button.clicked.connect(self._save_dialog)
        self.print_button = QPushButton("打印…")
        self.print_button.clicked.connect(self._print_dialog)
        self.pages_box = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_box)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages_box)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
        layout = QVBoxLayout(self.preview_page)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)

        for page in (self.industry_page, self.region_page, self.scope_page, self.cover_page, self.preview_page):
            self.addPage(page)
        self.currentIdChanged.connect(self._entered)
        self.setButtonText(QWizard.WizardButton.FinishButton, "完成")
        self.setButtonText(QWizard.WizardButton.NextButton, "下一步 >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< 上一步")
        self.setButtonText(QWizard.WizardButton.CancelButton, "关闭")

    # -- choices ---------------------------------------------------------------------------

    def _folder_changed(self, *_args) -> None:
        has_folder = self.folder.currentData() is not None
        self.briefing.setEnabled(has_folder)
        if not has_folder:
            self.briefing.setChecked(False)

    def industry_name(self) -> str:
        item = self.industries.currentItem()
        return item.text() if item else ""

    def options(self) -> dict:
        return {
            "levels": [k for k, box in self.levels.items() if box.isChecked()],
            "sections": tuple(k for k, box in self.sections.items() if box.isChecked()),
            "include_repealed": self.include_repealed.isChecked(),
            "bookmark_folder": self.folder.currentData(),
            "title": self.title.text().strip() or None,
            "organisation": self.organisation.text().strip(),
            "contact": self.contact.text().strip(),
        }

    def _entered(self, page_id: int) -> None:
        page = self.page(page_id)
        if page is self.cover_page and not self._title_edited:
            short = self.industry_name().split(" / ")[0]
            if self.briefing.isChecked():
                self.title.setText(f"{self.region.currentData()}招商简报：{self.folder.currentData()}")
            else:
                self.title.setText(f"{self.region.currentData()}{short}产业投资指南")
        if page is self.preview_page:
            self.settings.setValue("guide/organisation", self.organisation.text().strip())
            self.settings.setValue("guide/contact", self.contact.text().strip())
            self.generate()

    # -- generating ------------------------------------------------------------------------

    def generate(self) -> None:
        self.cancel_flag.clear()
        self.state = "running"
        self.generated = None
        self._clear_pages()
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.save_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.status.setText("正在生成…")
        industry, region = self.industries.currentItem().data(Qt.ItemDataRole.UserRole), self.region.currentData()
        options, size = self.options(), self.page_size.currentText()
        briefing = self.briefing.isChecked() and options["bookmark_folder"]
        target = self._tmp / f"guide-{id(options)}.pdf"
        flag = self.cancel_flag

        def work(report):
            def progress(message: str, fraction: float) -> None:
                if flag.is_set():
                    raise Cancelled()
                report(message, fraction)

            if briefing:
                folder = options.pop("bookmark_folder")
                options.pop("include_repealed")
                guide = self.service.compose_briefing(folder, region, progress=progress, **options)
            else:
                guide = self.service.compose_guide(industry, region, progress=progress, **options)
            result = self.service.render_guide(guide, target, size, progress)
            return result

        self.runner.run(work, on_done=self._generated, on_error=self._failed,
                        on_progress=lambda m, f: (self.progress.setValue(int(f * 100)), self.status.setText(m)),
                        key="guide")

    def cancel(self) -> None:
        if self.state == "running":
            self.cancel_flag.set()
            self.status.setText("正在取消…")

    def _generated(self, result: dict) -> None:
        self.state = "done"
        self.generated = Path(result["path"])
        self.page_count = result["pages"]
        self.progress.setValue(100)
        self.cancel_button.setEnabled(False)
        self.save_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self.status.setText(f"已生成，共 {self.page_count} 页。可保存为 PDF 或直接打印。")
        self._show_pages()

    def _failed(self, err: BaseException) -> None:
        self.cancel_button.setEnabled(False)
        if isinstance(err, Cancelled):
            self.state = "cancelled"
            self.status.setText("已取消生成。可返回上一步修改后重新生成。")
        else:
            self.state = "failed"
            self.status.setText(f"<span style='color:#c62828'>生成失败：{rich(err)}</span>")

    def _clear_pages(self) -> None:
        while self.pages_layout.count():
            widget = self.pages_layout.takeAt(0).widget()
            if widget:
                widget.deleteLater()

    def _show_pages(self, limit: int = 60) -> None:
        from PySide6.QtPdf import QPdfDocument

        doc = QPdfDocument(self)
        doc.load(str(self.generated))
        for i in range(min(doc.pageCount(), limit)):
            size = doc.pagePointSize(i)
            image = doc.render(i, QSize(int(size.width() * 1.1), int(size.height() * 1.1)))
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("border:1px solid #b8c2cf; background:white;")
            self.pages_layout.addWidget(label)
        doc.close()

    # -- saving and printing ---------------------------------------------------------------

    def save_to(self, path: Path) -> None:
        from handbook.fileio import atomic_write

        if self.generated is None:
            raise HandbookError("尚未生成指南。")
        atomic_write(Path(path), lambda tmp: shutil.copyfile(self.generated, tmp))

    def _save_dialog(self) -> None:
        default = Path(str(self.settings.value("guide/folder", str(Path.home())))) / f"{self.title.text().strip() or '投资指南'}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, "保存投资指南", str(default), "PDF (*.pdf)")
        if not path:
            return
        try:
            self.save_to(Path(path))
            self.settings.setValue("guide/folder", str(Path(path).parent))
            self.status.setText(f"已保存：{path}")
        except HandbookError as err:
            QMessageBox.warning(self, "保存投资指南", str(err))

    def print_to(self, printer) -> None:
        from PySide6.QtPdf import QPdfDocument

        doc = QPdfDocument(self)
        doc.load(str(self.generated))
        painter = QPainter(printer)
        for i in range(doc.pageCount()):
            if i:
                printer.newPage()
            rect = painter.viewport()
            image: QImage = doc.render(i, QSize(rect.width(), rect.height()))
            painter.drawImage(rect, image)
        painter.end()
        doc.close()

    def _print_dialog(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def done(self, result: int) -> None:  # noqa: D401 - Qt override
        self.cancel()
        super().done(result)
        if self.state != "running":  # a running job still writes there; the OS temp cleaner takes it later
            shutil.rmtree(self._tmp, ignore_errors=True)
