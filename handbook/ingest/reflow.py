"""Reflow: turn a raw source text into clean lines and paragraphs.

The sources are PDF extractions. This module removes only layout artefacts: blank lines,
page numbers ("— 61 —", or a bare number standing alone after a page gap), the leading
space that marks a page break, and hard wraps. Every other character is kept. The
output keeps the 1-based raw line numbers so later stages can cite source spans.

Paragraph breaks follow what is printed: a heading or list label after a finished sentence
or a closed 〔责任单位：…〕 bracket, a table row after the row before it, and list items
that the PDF ran together on one line ("…（责任单位：…）5.开展…") are split at their labels.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from handbook.errors import SourceError

PAGE_NUMBER = re.compile(r"^[—–\-]+\s*\d{1,4}\s*[—–\-]+$")
BARE_NUMBER = re.compile(r"^\d{1,4}$")
TERMINAL = "。；！？：」』”）)"
# After "N." a digit means a decimal ("1.5亿元"), unless it starts a year ("87.2024年安排…").
NOT_DECIMAL = r"(?:(?!\d)|(?=(?:19|20)\d{2}\s*年))"
HEADING_START = re.compile(
    r"^(第[一二三四五六七八九十百零〇\d]+[章节条篇]|[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）"
    rf"|\d{{1,3}}[\.．、]{NOT_DECIMAL}|（\d{{1,3}}）|[①-⑳]|——|附件|[一二三四五六七八九十]是)"
)


@dataclass(frozen=True)
class Line:
    """One non-blank, non-artefact line of a source."""

    number: int  # 1-based line number in the raw file
    text: str  # without leading/trailing whitespace
    page_start: bool  # first line of a page (leading-space mark or after a page number)
    tabbed: bool  # a table cell (the raw line began with a tab)


@dataclass(frozen=True)
class Paragraph:
    text: str
    first_line: int
    last_line: int


def read_source(path: Path) -> str:
    """Read a source as strict UTF-8; a bad byte raises SourceError naming file and line."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise SourceError("不是有效的 UTF-8 文本，无法读取。", path.name, line) from err
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise SourceError("文件为空。", path.name)
    return text


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def is_page_number(raw_lines: list[str], index: int) -> bool:
    text = raw_lines[index].strip()
    if PAGE_NUMBER.match(text):
        return True
    if BARE_NUMBER.match(text):
        # A stray page number stands after a gap of two or more blank lines; a bare
        # number elsewhere is content (e.g. a table's row number) and is kept.
        gap = 0
        j = index - 1
        while j >= 0 and not raw_lines[j].strip():
            gap += 1
            j -= 1
        return gap >= 2
    return False


def clean_lines(text: str) -> list[Line]:
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[Line] = []
    after_page_number = True  # the first line of the file starts a page
    for index, raw in enumerate(raw_lines):
        stripped = raw.strip()
        if not stripped:
            continue
        if is_page_number(raw_lines, index):
            after_page_number = True
            continue
        page_start = after_page_number or raw.startswith((" ", "\u3000"))
        lines.append(Line(index + 1, stripped, page_start, raw.startswith("\t")))
        after_page_number = False
    return lines


def wrap_width(lines: list[Line]) -> int | None:
    """Typical full-line width of a hard-wrapped source, or None for one paragraph per line."""
    widths = [display_width(line.text) for line in lines]
    if not widths:
        return None
    long_share = sum(1 for w in widths if w > 90) / len(widths)
    if long_share > 0.05:
        return None
    common = Counter(w for w in widths if w >= 40).most_common(1)
    return common[0][0] if common else None


def join_wrapped(left: str, right: str) -> str:
    """Join two halves of a hard-wrapped line; only Latin words get their lost space back."""
    if left and right and left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha():
        return left + " " + right
    return left + right


def is_full(line: Line, width: int) -> bool:
    return display_width(line.text) >= width - 8


RESPONSIBLE_START = re.compile(r"^[（(〔\[]?责任单位")
# A closed responsibility bracket ends a list item: "…〔责任单位：自治区财政厅〕" or
# "…（自治区能源局，电网企业按职责分工负责）".
RESPONSIBLE_END = re.compile(
    r"(?:[〔（(\[]\s*(?:责任单位|牵头单位)\s*[：:][^〔〕\[\]。；]*|[〔（(][^〔〕。；：]{2,160}负责)[〕）)\]]\s*$"
)
ROW_NUMBER = re.compile(r"^\d{1,3}$")  # a table's 序号 cell on a line of its own
ROW_START = re.compile(r"^(\d{1,3})\s+[\u4e00-\u9fff“]")  # "11 引导电商物流做大做强"
SUB_ROW = re.compile(r"^(\d{1,2})\.(\d{1,2})\s+\S")  # "6.2 新能源产业对 GDP贡献率 7% 10% 15%"


HEADING_LINE = re.compile(r"^[一二三四五六七八九十]+、[^，。；：,;]{2,30}$")


def starts_paragraph(prev: Line, line: Line, width: int | None, current: list[Line] | None = None,
                     next_row: int | None = None) -> bool:
    """Does ``line`` open a new paragraph after ``prev`` (``current``: the paragraph so far)?

    A heading after a full line usually continues a wrapped sentence, unless the sentence
    ended. Exceptions: a 责任单位 list ends without punctuation, so a heading after a
    paragraph holding one ("…工业和信息化厅" / "四、保障措施") or ending with a closed
    〔责任单位：…〕 bracket opens a new paragraph; and a short line that is only a numbered
    heading ("六、提升危化品物流服务水平") is one. In a table, a line that is only a row
    number, or that starts with the next row number (``next_row``, or the current one
    repeated at the top of a page), or the next sub-row ("6.2 …" after "6.1 …") opens a new row.
    """
    if width is None or prev.tabbed or line.tabbed:
        return True
    if not is_full(prev, width):
        return True
    if ROW_NUMBER.match(line.text):
        return True
    row = ROW_START.match(line.text)
    if row and next_row is not None and int(row.group(1)) in (next_row - 1, next_row):
        return True
    sub, first = SUB_ROW.match(line.text), SUB_ROW.match((current or [prev])[0].text)
    if sub and first and sub.group(1) == first.group(1) and int(sub.group(2)) == int(first.group(2)) + 1:
        return True
    if not HEADING_START.match(line.text):
        return False
    if prev.text.endswith(tuple(TERMINAL)) or (HEADING_LINE.match(line.text) and not is_full(line, width)):
        return True
    lines = current or [prev]
    if prev.text.endswith(("〕", "）", ")", "]")) and RESPONSIBLE_END.search("".join(x.text for x in lines[-4:])):
        return True
    return any(RESPONSIBLE_START.match(x.text) for x in lines)


RUN_ON_LABEL = re.compile(rf"(\d{{1,3}})[\.．、]{NOT_DECIMAL}|（([一二三四五六七八九十]+)）")
HEADING_SENTENCE = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)[^。；：，]{2,40}。$")
BRACKETS = ("（）", "()", "《》", "“”", "〔〕", "〈〉", "[]")


def _open_brackets(text: str) -> bool:
    return any(text.count(a) != text.count(b) for a, b in BRACKETS)


def run_on_splits(text: str, last_item: int) -> tuple[list[int], int]:
    """Offsets where a list item printed on the same line as the one before it begins.

    A new item begins at a numbered label that directly follows a closed 〔责任单位：…〕
    bracket ("…财政厅）6.建立…", "…公司〕（四）支持…"), or that continues the item
    numbering right after a one-sentence heading ("（一）增强粮食综合生产能力。1.实施…").
    ``last_item`` is the last "N." item number seen in the document; returns it updated.
    """
    cuts: list[int] = []
    start = 0
    head = re.match(rf"^(\d{{1,3}})[\.．、]{NOT_DECIMAL}", text)
    if head:
        last_item = int(head.group(1))
    for m in RUN_ON_LABEL.finditer(text):
        k = m.start()
        piece = text[start:k].rstrip()
        if k == start or not piece.endswith(("。", "〕", "）", ")", "]")) or _open_brackets(piece):
            continue
        number = int(m.group(1)) if m.group(1) else None
        after_responsible = bool(RESPONSIBLE_END.search(piece[-200:]))
        after_heading = (
            number is not None and number in (1, last_item + 1) and bool(HEADING_SENTENCE.match(piece))
        )
        if after_responsible or after_heading:
            cuts.append(k)
            start = k
            if number is not None:
                last_item = number
    return cuts, last_item


def paragraphs(lines: list[Line], width: int | None) -> list[Paragraph]:
    out: list[Paragraph] = []
    current: list[Line] = []
    last_item = 0
    last_row: int | None = None

    def flush() -> None:
        nonlocal last_item
        if not current:
            return
        text = current[0].text
        starts = [0]  # offset of each line in the joined text
        for nxt in current[1:]:
            text = join_wrapped(text, nxt.text)
            starts.append(len(text) - len(nxt.text))
        cuts, last_item = run_on_splits(text, last_item)
        bounds = [0, *cuts, len(text)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            first = max(i for i, s in enumerate(starts) if s <= a)
            last = max(i for i, s in enumerate(starts) if s < b)
            out.append(Paragraph(text[a:b].rstrip(), current[first].number, current[last].number))
        current.clear()

    for line in lines:
        next_row = last_row + 1 if last_row is not None else None
        if current and starts_paragraph(current[-1], line, width, current, next_row):
            flush()
        if line.text.startswith("序号") and last_row is None:
            last_row = 0  # a table with numbered rows begins
        row = ROW_NUMBER.match(line.text) or ROW_START.match(line.text)
        if row and not current and last_row is not None:
            last_row = int(row.group(1) if row.lastindex else row.group(0))
        current.append(line)
    flush()
    return out
