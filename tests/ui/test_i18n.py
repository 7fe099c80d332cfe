"""Qt's own dialogs speak Chinese once main.py's translators are installed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel, QMessageBox, QPushButton, QTabBar

from tests.ui.fakes import FakeService
from ui.i18n import install_translations
from ui.reader_tabs import ReaderTabs


@pytest.fixture
def chinese(qapp):
    translators = install_translations(qapp)
    yield qapp
    for translator in translators:
        QApplication.removeTranslator(translator)


def _texts(widget, kind) -> list[str]:
    return [w.text().replace("&", "") for w in widget.findChildren(kind) if w.text()]


def test_message_box_buttons_are_chinese(qtbot, chinese):
    box = QMessageBox(QMessageBox.Icon.Question, "政策手册", "保存更改？",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Save)
    qtbot.addWidget(box)
    box.open()
    labels = [b.text().replace("&", "") for b in box.buttons()]
    assert any("确定" in t for t in labels) and any("取消" in t for t in labels) and any("保存" in t for t in labels)
    assert not {"OK", "Cancel", "Save"} & set(labels)
    box.close()


def test_file_dialog_is_chinese(qtbot, chinese, tmp_path):
    dialog = QFileDialog(None, "导出书签", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own dialog, as on a desktop without a portal
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.open()
    buttons, labels = _texts(dialog, QPushButton), _texts(dialog, QLabel)
    assert any("保存" in t for t in buttons) and any("取消" in t for t in buttons)
    assert not {"Save", "Cancel", "Open"} & set(buttons)
    assert any("查找范围" in t for t in labels) and any("文件类型" in t for t in labels)
    assert not any(t.startswith(("Look in", "Files of type", "File name")) for t in labels)
    dialog.close()


def test_tab_close_button_and_print_preview_are_chinese(qtbot, chinese):
    tabs = ReaderTabs(FakeService())
    qtbot.addWidget(tabs)
    close = tabs.findChild(QTabBar).findChildren(QAbstractButton)[0]
    assert close.toolTip() == "关闭标签页"
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    preview = QPrintPreviewDialog()
    qtbot.addWidget(preview)
    tips = {a.text() for a in preview.findChildren(QAction) if a.text()}
    assert {"打印", "下一页", "放大"} <= tips
    assert QCoreApplication.translate("QPlatformTheme", "OK") == "确定"
