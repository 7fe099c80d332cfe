"""文件 → 更新政策库… and 文件 → 导入政策文件…, driven over the real handbook."""

from __future__ import annotations

import pytest

from handbook.service import Handbook
from tests.handbook.content.conftest import changed_db, pack  # noqa: F401 - fixtures
from tests.handbook.content.test_imports import DOC_ID, make_docx
from ui.import_dialog import ImportDialog
from ui.tasks import TaskRunner
from ui.update_dialog import UpdateDialog


@pytest.fixture
def service(built_db, tmp_path):
    return Handbook.open(built_db, data_dir=str(tmp_path / "data"))


def test_update_dialog_shows_changelog_installs_and_reports_bookmarks(qtbot, service, pack, tmp_path):  # noqa: F811
    key = next(r["key"] for r in service.store.clause_rows() if "10万亩以上的一次性奖补500万元" in r["text"])
    service.bookmarks.add(key, note="奖补标准")
    dialog = UpdateDialog(service, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load(pack)
    qtbot.waitUntil(lambda: dialog.state == "ready", timeout=60000)
    assert "校验通过" in dialog.summary.text() and "［修改］" in dialog.log.toPlainText()
    assert dialog.install_button.isEnabled()
    with qtbot.waitSignal(dialog.content_changed, timeout=60000):
        dialog.install_button.click()
    assert dialog.state == "done"
    text = dialog.log.toPlainText()
    assert "［文字有改动］" in text and "1 条所在条款文字有改动" in text
    assert dialog.rollback_button.isVisible() and not dialog.install_button.isEnabled()
    assert "已安装的更新包" in dialog.current_label.text()
    dialog.grab().save(str(tmp_path / "update-dialog.png"))


def test_update_dialog_refuses_a_truncated_pack(qtbot, service, pack, tmp_path):  # noqa: F811
    broken = tmp_path / "broken.hbpack"
    broken.write_bytes(pack.read_bytes()[:100_000])
    dialog = UpdateDialog(service, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.load(broken)
    qtbot.waitUntil(lambda: dialog.state == "failed", timeout=30000)
    assert "不完整或已损坏" in dialog.summary.text() and not dialog.install_button.isEnabled()


def test_import_dialog_confirms_corrects_and_saves(qtbot, service, tmp_path):
    path = tmp_path / "细则.docx"
    make_docx(service, path)
    dialog = ImportDialog(service, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load(path)
    qtbot.waitUntil(lambda: dialog.state == "ready", timeout=60000)
    [form] = dialog.forms
    assert form.doc_number.text() == "内科发高字〔2021〕2号" and form.region.currentData() == "内蒙古自治区"
    form.region.setCurrentIndex(form.region.findData("伊金霍洛旗"))
    assert form.level.currentData() == "banner_county"  # follows the region
    form.date.setText("2021-03-01")
    dialog.grab().save(str(tmp_path / "import-dialog.png"))
    with qtbot.waitSignal(dialog.imported, timeout=60000) as signal:
        dialog.save_button.click()
    [doc_id] = signal.args[0]
    doc = service.document(doc_id)
    assert doc["origin"] == "自行导入" and doc["region"] == "伊金霍洛旗" and doc["date"] == "2021-03-01"
    assert doc["title"] == service.document(DOC_ID)["title"]


def test_import_dialog_explains_a_file_that_is_not_a_policy(qtbot, service, tmp_path):
    path = tmp_path / "照片.pdf"
    path.write_bytes(b"%PDF-1.4\n% not really a pdf\n")
    dialog = ImportDialog(service, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.load(path)
    qtbot.waitUntil(lambda: dialog.state == "failed", timeout=30000)
    assert "PDF" in dialog.message.text() and not dialog.save_button.isEnabled()


def test_file_menu_offers_update_and_import(qtbot, service, tmp_path):
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow

    window = MainWindow(service, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), TaskRunner(),
                        build_index=False)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "导入政策文件…" in texts and "更新政策库…" in texts
    dialog = window.open_import_dialog()
    assert dialog.isVisible()
    dialog.close()


def test_window_reloads_after_an_import_and_reports_a_damaged_update(qtbot, service, pack, tmp_path):  # noqa: F811
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow

    data = tmp_path / "data"
    service.install_update(pack)
    db = data / "content" / service.installed_update()["version"] / "handbook.sqlite"
    with open(db, "r+b") as f:
        f.seek(8192)
        f.write(b"\xff" * 32)
    damaged = Handbook.open(data_dir=str(data))
    window = MainWindow(damaged, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), TaskRunner(),
                        build_index=False)
    qtbot.addWidget(window)
    assert "已损坏" in window.status_text.text() and "随程序安装的内容" in window.status_text.text()
    before = window.navigation.region_item("伊金霍洛旗").text(1)
    path = tmp_path / "细则.docx"
    make_docx(damaged, path)
    damaged.save_import(damaged.draft_import(path), [{"region": "伊金霍洛旗"}])
    started = []
    window.start_index_build = lambda: started.append(True)  # the real one runs on the task runner
    window._imported([])
    assert started  # the index is brought up to date in the background
    assert int(window.navigation.region_item("伊金霍洛旗").text(1)) == int(before) + 1
    titles = [window.navigation.documents.tree.topLevelItem(i).text(0)
              for i in range(window.navigation.documents.tree.topLevelItemCount())]
    assert any(t.startswith("【自行导入】") for t in titles)
