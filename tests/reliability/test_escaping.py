"""Item 6: imported or typed text that looks like HTML is shown as the characters it is,
in the citation label, its tooltip and the folder-rename warning (one escaping rule)."""

from __future__ import annotations

import json
import shutil

from PySide6.QtCore import Qt

from handbook.bookmarks import FORMAT
from tests.reliability.ui_helpers import open_window, plain_message_boxes, seen

HOSTILE = "<b>粗体</b><img src=x>&amp;"


def _import_hostile(win) -> int:
    item = {"uid": "hostile0001", "clause_key": "gone:s1", "doc_id": "gone", "doc_number": "<i>号</i>",
            "doc_title": HOSTILE, "label": "<u>一、</u>", "clause_text": "<script>x</script>正文", "note": "<b>备注</b>",
            "created_at": "2026-01-01T00:00:00", "updated_at": "2026-01-01T00:00:00", "folders": ["<b>甲</b>"]}
    report = win.marks.import_json(json.dumps({"format": FORMAT, "version": 1, "bookmarks": [item]}))
    assert report["added"] == 1
    win.bookmarks_panel.refresh()
    return win.marks.for_uid("hostile0001").id


def test_citation_label_and_tooltip_show_markup_as_text(qtbot, small_db, tmp_path):
    shutil.copy(small_db, tmp_path / "c.sqlite")
    win = open_window(qtbot, tmp_path / "c.sqlite", tmp_path)
    bookmark_id = _import_hostile(win)
    panel = win.bookmarks_panel
    panel.select_bookmark(bookmark_id)
    label = seen(panel.saved.text(), panel.saved.textFormat())
    assert HOSTILE in label and "<i>号</i>" in label and "<u>一、</u>" in label
    item = panel.tree.currentItem()
    tip = seen(item.toolTip(0))
    assert HOSTILE in tip and "<script>x</script>正文" in tip and "<b>备注</b>" in tip


def test_folder_rename_warning_shows_the_name_as_typed(qtbot, small_db, tmp_path, monkeypatch):
    import ui.bookmarks_panel as panel_module

    shutil.copy(small_db, tmp_path / "c.sqlite")
    win = open_window(qtbot, tmp_path / "c.sqlite", tmp_path)
    _import_hostile(win)
    win.marks.add(win.service.store.clause_rows()[0]["key"], folders=["乙"])
    monkeypatch.setattr(panel_module.QInputDialog, "getText", lambda *a, **k: ("<b>甲</b>", True))
    win.bookmarks_panel._rename("乙")
    boxes = plain_message_boxes()
    assert boxes, "a warning must be shown"
    assert "已有名为“<b>甲</b>”的文件夹" in seen(boxes[-1].text(), boxes[-1].textFormat())
    assert boxes[-1].textFormat() == Qt.TextFormat.PlainText
    for box in boxes:
        box.close()


def test_the_escaping_rule_keeps_any_text_literal(qtbot):
    from ui.text import rich, tip

    for text in (HOSTILE, "A<B & C>D", "第一行\n第二行 <br>", "&lt;已转义&gt;", "普通文字"):
        assert seen(tip(text)) == text
        assert seen(f"<small>{rich(text)}</small>").replace("\u2028", "\n") == text
