"""Reflow: turn a raw source text into clean lines and paragraphs.

The sources are PDF extractions. This module removes only layout artefacts: blank lines,
page numbers ("— 61 —", or a bare number standing alone after a page gap), the leading
space that marks a page break, and hard wraps. Every other character is kept. The
output keeps the 1-based raw line numbers so later stages can cite source spans.
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
HEADING_START = re.compile(
    r"^(第[一二三四五六七八九十百零〇\d]+[章节条篇]|[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）"
    r"|\d{1,3}[\.．、](?!\d)|（\d{1,3}）|[①-⑳]|——|附件|[一二三四五六七八九十]是)"
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


HEADING_LINE = re.compile(r"^[一二三四五六七八九十]+、[^，。；：,;]{2,30}$")


def starts_paragraph(prev: Line, line: Line, width: int | None, current: list[Line] | None = None) -> bool:
    """Does ``line`` open a new paragraph after ``prev`` (``current``: the paragraph so far)?

    A heading after a full line usually continues a wrapped sentence, unless the sentence
    ended. Two exceptions: a 责任单位 list ends without punctuation, so a heading after a
    paragraph holding one ("…工业和信息化厅" / "四、保障措施") opens a new paragraph; and a
    short line that is only a numbered heading ("六、提升危化品物流服务水平") is one.
    """
    if width is None or prev.tabbed or line.tabbed:
        return True
    if not is_full(prev, width):
        return True
    if not HEADING_START.match(line.text):
        return False
    if prev.text.endswith(tuple(TERMINAL)) or (HEADING_LINE.match(line.text) and not is_full(line, width)):
        return True
    return any(RESPONSIBLE_START.match(x.text) for x in (current or [prev]))


def paragraphs(lines: list[Line], width: int | None) -> list[Paragraph]:
    out: list[Paragraph] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            text = current[0].text
            for nxt in current[1:]:
                text = join_wrapped(text, nxt.text)
            out.append(Paragraph(text, current[0].number, current[-1].number))
            current.clear()

    for line in lines:
        if current and starts_paragraph(current[-1], line, width, current):
            flush()
        current.append(line)
    flush()
    return out
