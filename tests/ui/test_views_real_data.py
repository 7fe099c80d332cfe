"""Start page, region comparison and expiry list over the real handbook (clause knowledge built in)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from handbook.service import Handbook
from tests.conftest import ROOT
from ui.compare_view import CompareView
from ui.expiring_view import ExpiringView
from ui.main_window import MainWindow


def _service(searchable, tmp_path, today: date) -> Handbook:
    return Handbook(searchable.store, cache_root=searchable.index_folder.root, user_db_path=tmp_path / "user.sqlite", today=today)


def _chain(service, region):
    parents = {r["name"]: r["parent"] for r in service.region_tree()}
    out = []
    while region:
        out.append(region)
        region = parents[region]
    return out


def test_compare_wuhai_and_ejin_horo_for_hydrogen(qtbot, searchable, tmp_path):
    service = _service(searchable, tmp_path, date(2026, 11, 21))
    view = CompareView(service)
    qtbot.addWidget(view)
    view.choose("氢能", ["乌海市", "伊金霍洛旗"])
    wuhai, ejin = (view.column_measures(i) for i in range(2))
    for region, measures in (("乌海市", wuhai), ("伊金霍洛旗", ejin)):
        sources = {m.region for m in measures}
        assert sources and sources <= set(_chain(service, region)), region  # its own and its parents' measures only
        assert all(m.own == (m.region == region) for m in measures)
    assert {"伊金霍洛旗", "鄂尔多斯市", "内蒙古自治区"} <= {m.region for m in ejin}
    assert "内蒙古自治区" in {m.region for m in wuhai} and not {"鄂尔多斯市", "伊金霍洛旗"} & {m.region for m in wuhai}
    regional = {m.incentive["id"] for m in wuhai if m.region == "内蒙古自治区"}
    assert regional <= {m.incentive["id"] for m in ejin}  # what the region above gives appears in both columns
    assert any(m.amounts for m in ejin)
    doc_id, key = view._links[0]  # a citation opens a real clause of that document
    assert service.clause(key)["doc_id"] == doc_id
    assert "［上级：内蒙古自治区·自治区级］" in view.view.toPlainText()


def test_expiry_list_follows_today(qtbot, searchable, tmp_path):
    before = ExpiringView(_service(searchable, tmp_path, date(2025, 11, 1)))
    after = ExpiringView(_service(searchable, tmp_path, date(2026, 1, 15)))
    qtbot.addWidget(before)
    qtbot.addWidget(after)
    ending = before.rows(0)
    assert ending and all(end == "2025年12月31日" for end, _ in ending)
    assert after.rows(0) == [] and sorted(after.rows(1)) == sorted(ending)  # the same measures, now ended


def test_start_page_on_real_data(qtbot, searchable, tmp_path):
    service = _service(searchable, tmp_path, date(2025, 11, 1))
    window = MainWindow(service, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), build_index=False)
    qtbot.addWidget(window)
    assert window.readers.currentWidget() is window.start_page
    page = window.start_page
    assert page.sections["ending"] and page.sections["ended"] == []
    assert page.sections["newest"][0] in {d["title"] for d in service.documents() if (d.get("year") or 0) == 2025}
    window.open_document("34467a7acf")
    window.show_start()
    assert page.sections["recent"][0] == service.document("34467a7acf")["title"]
    compare = window.open_compare("氢能", ["乌海市", "伊金霍洛旗"])
    assert window.readers.currentWidget() is compare and compare.comparison.regions == ["乌海市", "伊金霍洛旗"]


@pytest.mark.parametrize("page", ["start", "compare", "expiring"])
def test_screenshot_of_each_page(tmp_path, page):
    out = tmp_path / f"{page}.png"
    proc = subprocess.run([sys.executable, "main.py", "--data-dir", str(tmp_path / "data"), "--screenshot", str(out),
                           "--page", page, "--today", "2026-01-15", "--industry", "氢能", "--regions", "乌海市,伊金霍洛旗"],
                          cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    assert len({image.pixel(x, y) for x in range(300, 1366, 30) for y in range(100, 768, 30)}) > 5
