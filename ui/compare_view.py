"""地区对比: one industry (or one kind of benefit) in 2–4 regions, side by side.

A row per kind of benefit, a column per region. Each column holds the region's own
measures and, marked ［上级：…］, those of the regions above it; amounts are bold, the
condition and the term follow, and the citation opens the clause (``clause_chosen``).
"隐藏共有的上级措施" leaves out what every compared region inherits alike. Export to PDF
and CSV goes through the service (the UI never lays out PDFs itself); print preview
prints the PDF.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from handbook.compare import KINDS, MAX_REGIONS
from handbook.errors import HandbookError
from ui.file_dialogs import save_file
from ui.look import colors
from ui.text import warn

NONE = "（不选）"


class CompareView(QWidget):
    clause_chosen = Signal(str, str)  # doc_id, clause key

    def __init__(self, service, settings=None, dark: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.settings = settings
        self.dark = dark
        self.comparison = None
        self.error = ""  # why there is no comparison (plain text), else ""
        self._links: list[tuple[str, str]] = []

        self.industry = QComboBox()
        self.industry.addItem("（不限产业）", None)
        for ind in service.industries():
            self.industry.addItem(ind["name"], ind["id"])
        self.kind = QComboBox()
        self.kind.addItem("全部扶持方式", None)
        for kind in KINDS:
            self.kind.addItem(kind, kind)
        self.region_boxes: list[QComboBox] = []
        regions = service.region_tree()
        for i in range(MAX_REGIONS):
            box = QComboBox()
            if i >= 2:
                box.addItem(NONE, None)
            for r in regions:
                box.addItem(r["name"], r["name"])
                box.setItemData(box.count() - 1, f"{r['level_name']}：{r['name']}", Qt.ItemDataRole.ToolTipRole)
            self.region_boxes.append(box)
        self.hide_shared = QCheckBox("隐藏各地共有的上级措施")
        self.hide_shared.setToolTip("所选地区都适用的上级（如自治区、国家）措施只在对比中占地方，勾选后不显示")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.export_pdf = QPushButton("导出 PDF…")
        self.export_csv = QPushButton("导出 CSV…")
        self.print_button = QPushButton("打印预览…")
        self.export_pdf.clicked.connect(lambda: self._export_dialog("pdf"))
        self.export_csv.clicked.connect(lambda: self._export_dialog("csv"))
        self.print_button.clicked.connect(lambda: self.print_preview())
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(lambda url: self._link(url.toString()))

        controls = QGridLayout()
        controls.addWidget(QLabel("产业："), 0, 0)
        controls.addWidget(self.industry, 0, 1)
        controls.addWidget(QLabel("扶持方式："), 0, 2)
        controls.addWidget(self.kind, 0, 3)
        controls.addWidget(self.hide_shared, 0, 4, 1, 2)
        controls.addWidget(QLabel("地区："), 1, 0)
        for i, box in enumerate(self.region_boxes):
            controls.addWidget(box, 1, 1 + i)
        controls.setColumnStretch(6, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.export_pdf)
        buttons.addWidget(self.export_csv)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(controls)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)

        self.choose("氢能", ["乌海市", "伊金霍洛旗"])
        for combo in (self.industry, self.kind, *self.region_boxes):
            combo.currentIndexChanged.connect(self.refresh)
        self.hide_shared.toggled.connect(self.render)

    # -- choosing --------------------------------------------------------------------------

    def choose(self, industry: str | None, regions: list[str], kind: str | None = None) -> None:
        """Set the industry (name or id), kind and regions, then compare; an industry not in
        the catalogue leaves the comparison empty with a message saying which ones there are."""
        for combo in (self.industry, self.kind, *self.region_boxes):
            combo.blockSignals(True)
        self.industry.setCurrentIndex(0)
        missing = industry
        for i in range(1, self.industry.count()):
            text = self.industry.itemText(i)
            if industry in (self.industry.itemData(i), text, *text.split(" / ")):
                self.industry.setCurrentIndex(i)
                missing = None
                break
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)) if kind else 0)
        for i, box in enumerate(self.region_boxes):
            wanted = regions[i] if i < len(regions) else None
            box.setCurrentIndex(max(0, box.findData(wanted)) if wanted else (0 if i >= 2 else min(i, box.count() - 1)))
        for combo in (self.industry, self.kind, *self.region_boxes):
            combo.blockSignals(False)
        self.refresh()
        if missing:
            names = "、".join(self.industry.itemText(i) for i in range(1, self.industry.count()))
            self.comparison, self.error = None, f"没有“{missing}”这个产业。可选：{names}。"
            self.status.setText(f"<span style='color:{colors(self.dark)['badge_bad']}'>{html.escape(self.error)}</span>")
            self.view.clear()
            self._enable(False)

    def regions(self) -> list[str]:
        return [box.currentData() for box in self.region_boxes if box.currentData()]

    def refresh(self) -> None:
        try:
            self.comparison = self.service.compare(self.regions(), industry=self.industry.currentData(),
                                                   kind=self.kind.currentData())
        except HandbookError as err:
            self.comparison = None
            self.error = str(err)
            self.status.setText(f"<span style='color:{colors(self.dark)['badge_bad']}'>{html.escape(str(err))}</span>")
            self.view.clear()
            self._enable(False)
            return
        self.error = ""
        self._enable(True)
        self.render()

    def _enable(self, on: bool) -> None:
        for button in (self.export_pdf, self.export_csv, self.print_button):
            button.setEnabled(on)

    # -- showing ---------------------------------------------------------------------------

    def column_measures(self, index: int) -> list:
        """The measures shown in column ``index`` (after the 隐藏共有 choice)."""
        hidden = self.comparison.shared() if self.hide_shared.isChecked() else set()
        return [m for m in self.comparison.columns[index].measures if m.own or m.incentive["id"] not in hidden]

    def render(self) -> None:
        comp = self.comparison
        if comp is None:
            return
        tone = colors(self.dark)
        e = html.escape
        self._links = []
        columns = [self.column_measures(i) for i in range(len(comp.columns))]
        kinds = [k for k in KINDS if any(m.kind == k for col in columns for m in col)]
        total = sum(len(c) for c in columns)
        hidden = len(comp.shared()) if self.hide_shared.isChecked() else 0
        self.status.setText(f"{e(comp.subject)}：{'、'.join(f'{c.region} {len(m)} 项' for c, m in zip(comp.columns, columns, strict=True))}"
                            + (f"（已隐藏共有的上级措施 {hidden} 项）" if hidden else "")
                            + "。各列含本级及上级地区的措施。")
        if not total:
            self.view.setHtml(f"<p style='color:{tone['muted']}'>所选地区没有找到与“{e(comp.subject)}”相关的扶持措施。"
                              "可以换一个产业或扶持方式，或选择“全部扶持方式”。</p>")
            return
        width = int(88 / len(comp.columns))
        head = "".join(f"<th width='{width}%' align='left' style='background:{tone['label']};color:white;padding:4px'>"
                       f"{e(c.region)}<br><span style='font-weight:400'>{e(c.level_name)}</span></th>" for c in comp.columns)
        rows = []
        for kind in kinds:
            cells = []
            for measures in columns:
                items = [self._measure_html(m, tone) for m in measures if m.kind == kind]
                cells.append(f"<td valign='top' style='padding:4px'>{''.join(items) or '—'}</td>")
            rows.append(f"<tr><td valign='top' style='padding:4px'><b>{e(kind)}</b></td>{''.join(cells)}</tr>")
        self.view.setHtml(f"<table width='100%' border='1' cellspacing='0' cellpadding='4' style='border-color:{tone['muted']}'>"
                          f"<tr><th width='12%' align='left' style='background:{tone['label']};color:white;padding:4px'>扶持方式</th>{head}</tr>"
                          f"{''.join(rows)}</table>")

    def _measure_html(self, m, tone) -> str:
        e = html.escape
        self._links.append((m.incentive["doc_id"], m.incentive.get("clause_key") or ""))
        link = len(self._links) - 1
        source = "" if m.own else f"<span style='color:{tone['badge_info']}'>［上级：{e(m.region)}·{e(m.level_name)}］</span>"
        amounts = f"<b>{e('；'.join(m.amounts))}</b>　" if m.amounts else ""
        condition = f"<br><span style='color:{tone['muted']}'>条件：{e(m.incentive['condition'])}</span>" if m.incentive.get("condition") else ""
        window = f"<br><span style='color:{tone['badge_warn']}'>期限：{e(m.window)}</span>" if m.window else ""
        return (f"<p style='margin:0 0 8px 0'>{source}{amounts}{e(m.incentive.get('text') or '')}{condition}{window}"
                f"<br><a href='clause:{link}'>{e(m.citation)}</a></p>")

    def _link(self, href: str) -> None:
        if href.startswith("clause:") and href[7:].isdigit() and int(href[7:]) < len(self._links):
            self.clause_chosen.emit(*self._links[int(href[7:])])

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self.render()

    # -- export and print ------------------------------------------------------------------

    def export_to(self, path: Path, fmt: str) -> Path:
        if self.comparison is None:
            raise HandbookError("请先选择产业和地区。")
        return self.service.export_comparison(self.comparison, Path(path), fmt)

    def _export_dialog(self, fmt: str) -> None:
        if self.comparison is None:
            return
        name = f"地区对比-{self.comparison.subject}-{'、'.join(self.comparison.regions)}.{fmt}".replace(" / ", "-").replace("/", "-")
        path = save_file(self, self.settings, "导出地区对比", name, "PDF (*.pdf)" if fmt == "pdf" else "CSV (*.csv)")
        if path:
            try:
                self.export_to(path, fmt)
                self.status.setText(f"已导出：{html.escape(str(path))}")
            except HandbookError as err:
                warn(self, "导出地区对比", str(err))

    def print_preview(self, modal: bool = True):
        from ui.printing import preview_pdf

        if self.comparison is None:
            return None
        try:
            return preview_pdf(self, lambda path: self.export_to(path, "pdf"),
                               f"打印预览 — 地区对比：{self.comparison.subject}", modal, landscape=None)
        except HandbookError as err:
            warn(self, "打印地区对比", str(err))
            return None
