"""Bookmark files: the export formats (JSON, CSV for Excel, PDF list) and checking an import.

JSON is the complete, re-importable format, written with real Chinese characters. CSV is
UTF-8 with BOM for Excel/WPS and names 发文机关, 地区 and 层级 so a clause without 文号 can
be identified; every cell passes ``csv_cell``, so a note or folder starting with ``=``,
``+``, ``-``, ``@`` or a tab never becomes a live formula. ``parse_export`` checks an import
completely before anything is written: size, nesting depth (no recursion on hostile
input), version, field types and text that cannot be stored (lone surrogates such as
``\\ud800``); every refusal is an ``ImportFormatError`` with a Chinese reason.
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

from handbook.errors import ImportFormatError, explain
from handbook.limits import MAX_IMPORT_BYTES, MAX_NOTE_CHARS, check_file

FORMAT = "policy-handbook-bookmarks"
FORMAT_VERSION = 1
LEVEL_NAMES = {"national": "国家级", "autonomous_region": "自治区级", "league_city": "盟市级", "banner_county": "旗县级"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
MAX_NESTING = 40  # an export is 3 levels deep; anything far deeper is not ours
CSV_COLUMNS = ["文件", "文号", "发文机关", "地区", "层级", "条款", "条款原文", "备注", "文件夹", "状态", "创建时间", "修改时间",
               "条款编号"]


def csv_cell(value) -> str:
    """A CSV cell Excel and WPS show as text: one that could start a formula gets a leading '."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def json_text(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


def csv_text(bookmarks, document_of) -> str:
    """CSV of ``bookmarks``; ``document_of(doc_id)`` gives the document (issuers, region, level) or None."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for b in bookmarks:
        doc = document_of(b.doc_id) or {}
        row = [b.doc_title, b.doc_number or "", "、".join(doc.get("issuers") or []), doc.get("region", ""),
               LEVEL_NAMES.get(doc.get("level", ""), doc.get("level", "")), b.label, b.clause_text, b.note,
               "；".join(b.folders), b.state_label or "正常", b.created_at, b.updated_at, b.clause_key]
        writer.writerow([csv_cell(v) for v in row])
    return "\ufeff" + out.getvalue()  # BOM: Excel then reads the file as UTF-8


def parse_export(text: str) -> dict:
    """Validate an export file completely before anything is written."""
    if len(text) > MAX_IMPORT_BYTES:
        raise ImportFormatError(f"书签文件过大（{len(text) // 1024 // 1024} MB），不是政策手册导出的书签文件。")
    if _nesting(text) > MAX_NESTING:
        raise ImportFormatError("不是有效的书签文件（括号嵌套层数过多）。")
    try:
        data = json.loads(text)
    except ValueError as err:
        raise ImportFormatError(f"不是有效的书签文件（JSON 格式错误：第 {getattr(err, 'lineno', '?')} 行）。") from err
    except RecursionError as err:
        raise ImportFormatError("不是有效的书签文件（括号嵌套层数过多）。") from err
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFormatError("不是政策手册导出的书签文件。")
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise ImportFormatError(f"书签文件的版本号无效（{str(version)[:20]}），文件可能已被改动或损坏。")
    if version > FORMAT_VERSION:
        raise ImportFormatError("书签文件的版本比本程序新，请先更新程序。")
    items = data.get("bookmarks")
    if not isinstance(items, list):
        raise ImportFormatError("书签文件缺少书签列表。")
    required = {"uid": str, "clause_key": str, "doc_id": str, "doc_title": str, "clause_text": str,
                "created_at": str, "updated_at": str}
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise ImportFormatError(f"第 {i} 个书签格式错误。")
        for key, kind in required.items():
            if not isinstance(item.get(key), kind) or not item[key]:
                raise ImportFormatError(f"第 {i} 个书签缺少或错误的字段：{key}。")
        if not isinstance(item.get("folders", []), list) or not all(isinstance(f, str) and f.strip() for f in item.get("folders", [])):
            raise ImportFormatError(f"第 {i} 个书签的文件夹格式错误。")
        if not isinstance(item.get("note", ""), str):
            raise ImportFormatError(f"第 {i} 个书签的备注格式错误。")
        for key in ("doc_number", "label", "state"):
            if item.get(key) is not None and not isinstance(item[key], str):
                raise ImportFormatError(f"第 {i} 个书签缺少或错误的字段：{key}。")
        if len(item.get("note", "")) > MAX_NOTE_CHARS:
            raise ImportFormatError(f"第 {i} 个书签的备注过长（超过 {MAX_NOTE_CHARS} 字）。")
        if _broken_text(item):
            raise ImportFormatError(f"第 {i} 个书签含有损坏的文字（无法编码的字符），文件可能已被改动。")
    folders = data.get("folders")
    if folders is not None and (not isinstance(folders, list) or _broken_text(folders)):
        raise ImportFormatError("书签文件的文件夹列表格式错误。")
    return data


def read_export_file(path) -> str:
    """The text of a bookmark export file, or ImportFormatError with a Chinese reason."""
    path = Path(path)
    check_file(path, MAX_IMPORT_BYTES, "书签文件", ImportFormatError)
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeError) as err:
        raise ImportFormatError(f"无法读取书签文件 {path.name}：{explain(err)}。") from err


def _nesting(text: str) -> int:
    """Deepest bracket nesting outside strings, without recursion (a hostile file cannot overflow the stack)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_NESTING:
                    return deepest
        elif ch in "]}":
            depth -= 1
    return deepest


def _broken_text(value) -> bool:
    """True when a string anywhere in ``value`` cannot be stored as UTF-8 (lone surrogates such as \\ud800)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_broken_text(k) or _broken_text(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_broken_text(v) for v in value)
    return isinstance(value, float) and not math.isfinite(value)


def write_pdf(bookmarks: list, path, title: str, subtitle: str = "") -> None:
    """A printable list of bookmarks: citation, clause text as saved, note (A4, CJK font embedded)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer

    from handbook.guide.fonts import register_font
    from handbook.guide.layout import para, styles, write_story

    st = styles(10.5)
    font = register_font()
    story = [para(title, st["h1"])]
    if subtitle:
        story.append(para(subtitle, st["small"]))
    story.append(Spacer(1, 4 * mm))
    if not bookmarks:
        story.append(para("（没有书签）", st["body"]))
    for i, b in enumerate(bookmarks, 1):
        block = [para(f"{i}. {b.citation}", st["h3"])]
        if b.state == "changed":
            block.append(para("［原文已变更：以下为加入书签时保存的原文］", st["small"]))
        block.append(para(b.clause_text, st["clause"]))
        if b.note:
            block.append(para(f"备注：{b.note}", st["note"]))
        if b.folders:
            block.append(para(f"文件夹：{'；'.join(b.folders)}", st["small"]))
        block.append(Spacer(1, 3 * mm))
        story.append(KeepTogether(block[:3]) if len(block) > 3 else KeepTogether(block))
        story.extend(block[3:] if len(block) > 3 else [])

    write_story(path, story, title=title, footer="政策手册书签　以政策原文为准", font=font, pagesize=A4, margins_mm=(20, 18))
