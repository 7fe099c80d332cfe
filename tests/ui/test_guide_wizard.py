"""The 投资指南 wizard, driven page by page over the real handbook."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from ui.guide_wizard import GuideWizard
from ui.tasks import TaskRunner


@pytest.fixture
def wizard(qtbot, searchable, tmp_path):
    wiz = GuideWizard(searchable, TaskRunner(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(wiz)
    wiz.show()
    return wiz


def choose(wiz, industry: str, region: str) -> None:
    items = wiz.industries.findItems(industry, __import__("PySide6.QtCore").QtCore.Qt.MatchFlag.MatchExactly)
    wiz.industries.setCurrentItem(items[0])
    wiz.next()
    wiz.region.setCurrentIndex(wiz.region.findData(region))
    wiz.next()


def test_wizard_generates_previews_and_saves(qtbot, wizard, tmp_path):
    choose(wizard, "氢能", "伊金霍洛旗")
    wizard.page_size.setCurrentText("A5")
    wizard.next()
    assert wizard.title.text() == "伊金霍洛旗氢能产业投资指南"  # prefilled
    wizard.organisation.setText("伊金霍洛旗招商服务中心")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.state == "done", timeout=60000)
    assert wizard.page_count > 5 and f"共 {wizard.page_count} 页" in wizard.status.text()
    assert wizard.pages_layout.count() == min(wizard.page_count, 60)  # page images shown
    target = tmp_path / "out" / "指南.pdf"
    wizard.save_to(target)
    assert target.read_bytes()[:4] == b"%PDF"
    assert wizard.settings.value("guide/organisation") == "伊金霍洛旗招商服务中心"  # remembered


def test_generation_can_be_cancelled(qtbot, wizard):
    choose(wizard, "冷链物流 / 商贸物流", "伊金霍洛旗")
    wizard.next()
    wizard.next()  # starts generating
    wizard.cancel()
    qtbot.waitUntil(lambda: wizard.state != "running", timeout=60000)
    assert wizard.state == "cancelled"  # the longest guide takes about a second; cancel is checked per step
    assert "已取消" in wizard.status.text() and wizard.generated is None
    assert not wizard.save_button.isEnabled()


def test_wizard_makes_a_briefing_from_a_bookmark_folder(qtbot, searchable, tmp_path):
    key = next(f["clause_key"] for f in searchable.incentives("氢能", "伊金霍洛旗") if f["amounts"])
    searchable.bookmarks.add(key, note="带去考察", folders=["考察简报"])
    wiz = GuideWizard(searchable, TaskRunner(), QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(wiz)
    wiz.show()
    choose(wiz, "氢能", "伊金霍洛旗")
    assert not wiz.briefing.isEnabled()  # no folder chosen yet
    wiz.folder.setCurrentIndex(wiz.folder.findData("考察简报"))
    assert wiz.briefing.isEnabled()
    wiz.briefing.setChecked(True)
    wiz.next()
    assert wiz.title.text() == "伊金霍洛旗招商简报：考察简报"
    wiz.next()
    qtbot.waitUntil(lambda: wiz.state in ("done", "failed"), timeout=60000)
    assert wiz.state == "done", wiz.status.text()
    assert wiz.page_count >= 4
