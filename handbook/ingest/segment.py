"""Segmentation: split one source's clean lines into its individual documents.

A source is a compilation. Documents start with a title block: a title on a new page, a
title introduced by "——" (the 003 guide's way to reproduce a policy), a title-only entry
followed by "（微信扫一扫下载政策全文）", or a section of the guide's own chapters. Part
headers (" 内蒙古自治区级优惠政策", "第三篇 外资外贸政策", "（一）国家级政策") are navigation:
they are recorded as context (level, region) but are not documents. A title that a
transmittal notice (印发/转发 … 的通知) names is part of that notice, not a new document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from handbook.errors import SourceError
from handbook.ingest.reflow import HEADING_START, Line, join_wrapped

CN_NUM = "一二三四五六七八九十百零〇"
DOC_TYPE = re.compile(
    r"(通知|意见|办法|细则|方案|措施|公告|条例|规定|清单|标准|决定|规划|指南|要点|通告|举措|指引|政策|计划"
    r"|规则|目录|手册|批复|纲要|决议|函)$"
)
# Trailing qualifiers after the document type: "（试行）", "（2023年版）", " 2023年修订版（试行）".
TRAILING_QUALIFIER = re.compile(r"(\s*[（(][^（）()]{1,20}[）)]|\s*\d{4}\s*年(?:修订)?版)+$")
STANDALONE_RULE = re.compile(r"(办法|细则|规定|条例|规则)$")
PUNCT_IN_TITLE = re.compile(r"[，。；：！？,;]")
DOC_NUMBER_LINE = re.compile(
    r"^[（(]?\s*([^（）()]{0,40}[〔\[［【]\s*\d{4}\s*[〕\]］】]\s*\d+\s*号|[^（）()]{0,40}公告\s*\d{4}\s*年\s*第\s*\d+\s*号"
    r"|[^（）()]{0,30}令\s*第\s*\d+\s*号|第[一二三四五六七八九十百零\d]+号)\s*[）)]?$"
)
INLINE_NUMBER = re.compile(
    r"\s*(?:[（(][^（）()]*[〔\[［【]\s*\d{4}\s*[〕\]］】]\s*\d+\s*号[）)]|[\u4e00-\u9fff 、]*公告\s*\d{4}\s*年\s*第\s*\d+\s*号)$"
)
DATE_IN_PARENS = re.compile(r"^[（(]\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[）)]$")
QUALIFIER_LINE = re.compile(r"^([（(][^（）()]{1,14}[）)]|\d{4}\s*年修订版\s*[（(][^（）()]{1,6}[）)]|\d{4}\s*年版)$")
DOWNLOAD_MARKER = re.compile(r"^[（(][^（）()]*(扫一扫|下载)[^（）()]*[）)]$")
PART_HEADER = re.compile(
    rf"^(第[{CN_NUM}]+篇\s*\S.*|(国家级|内蒙古自治区级|自治区级|[\u4e00-\u9fff]{{2,6}}[市盟旗县])优惠政策)$"
)
LEVEL_HEADER = re.compile(
    rf"^（[{CN_NUM}]+）(国家级|国家|内蒙古自治区|自治区|[\u4e00-\u9fff]{{2,6}}[市盟旗县])政策$"
)
SECTION_HEADING = re.compile(rf"^（(?P<num>[{CN_NUM}]+)）(?P<title>[^，。；：！？,;]{{2,20}})$")
BODY_OPENER = re.compile(r"^(为|根据|按照|经|现将|近日|各|本|依据|对|在)")
ATTACHMENT = re.compile(r"^附件\s*\d*$")


@dataclass
class Segment:
    """One document of a source, as raw lines."""

    source: str
    kind: str  # "document" | "own_chapter" | "title_only"
    header: list[Line]  # title lines, qualifiers and the 文号 line
    title: str
    number_text: str | None  # the 文号 as printed (header line or end of the title)
    context: dict[str, str]  # part headers in force: {"part": ..., "level_header": ...}
    body: list[Line] = field(default_factory=list)
    attachment_of: int | None = None  # index of the parent segment in the same source

    @property
    def lines(self) -> list[Line]:
        return self.header + self.body


@dataclass
class SourceSegments:
    source: str
    segments: list[Segment]
    part_headers: list[Line]


def cn_to_int(text: str) -> int:
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["〇"] = 0
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = digits.get(ch, 0)
    return total + current


def balanced(text: str) -> bool:
    pairs = ("《》", "（）", "()", "“”", "〈〉")
    return all(text.count(a) == text.count(b) for a, b in pairs)


ANNOUNCEMENT_TAIL = re.compile(r"公告\s*\d{4}\s*年\s*第\s*\d+\s*号$")


def split_inline_number(text: str) -> tuple[str, str | None]:
    """Split "…的公告财政部 税务总局公告 2020 年第 23 号" or "…政策 （内工信…〔2022〕405 号）"."""
    tail = ANNOUNCEMENT_TAIL.search(text)
    if tail:
        own = text.find("公告", 0, tail.start())
        if own > 4:
            return text[: own + 2], text[own + 2 :].strip()
    m = INLINE_NUMBER.search(text)
    if m and m.start() > 4 and not tail:
        return text[: m.start()].rstrip(), m.group(0).strip()
    return text, None


def title_like(text: str) -> bool:
    if not text or len(text) > 110 or PUNCT_IN_TITLE.search(text) or "序号" in text:
        return False
    if not balanced(text):
        return False
    core, _ = split_inline_number(text)
    core = core.rstrip("》").rstrip()
    core = TRAILING_QUALIFIER.sub("", core).rstrip("》").rstrip()
    return bool(DOC_TYPE.search(core)) and len(core) >= 6


@dataclass
class Header:
    lines: list[Line]
    title: str
    number_text: str | None


def read_header(lines: list[Line], start: int, dash: bool) -> Header | None:
    """The longest title block starting at ``start``, with qualifier and 文号 lines."""
    best: tuple[int, str] | None = None
    text = ""
    for j in range(start, min(start + 7, len(lines))):
        line = lines[j]
        t = line.text
        if j == start and dash:
            t = t.lstrip("—").strip()
        if j > start:
            if line.page_start or line.tabbed or t.startswith("——") or DOWNLOAD_MARKER.match(t):
                break
            if DOC_NUMBER_LINE.match(t) and best is None and text and title_like(join_wrapped(text, t)):
                # A 公告 number wrapped onto the next line of an inline-numbered title.
                text = join_wrapped(text, t)
                best = (j, text)
                break
            if DOC_NUMBER_LINE.match(t) or DATE_IN_PARENS.match(t) or HEADING_START.match(t):
                break
            if QUALIFIER_LINE.match(t) and best is not None and best[0] == j - 1:
                text += t
                best = (j, text)
                continue
        if PUNCT_IN_TITLE.search(t) or (j == start and not dash and HEADING_START.match(t)):
            break
        if best is not None and BODY_OPENER.match(t):
            break
        text = join_wrapped(text, t) if text else t
        if len(text) > 110:
            break
        if title_like(text):
            best = (j, text)
    if best is None:
        return None
    end, title = best
    used = lines[start : end + 1]
    title, number_text = split_inline_number(title)
    k = end + 1
    for _ in range(2):
        if k >= len(lines) or lines[k].page_start and not DOC_NUMBER_LINE.match(lines[k].text):
            break
        t = lines[k].text
        if number_text is None and (DOC_NUMBER_LINE.match(t) or DATE_IN_PARENS.match(t)):
            if DOC_NUMBER_LINE.match(t):
                number_text = t
            used.append(lines[k])
            k += 1
        elif QUALIFIER_LINE.match(t) and number_text is None:
            title += t
            used.append(lines[k])
            k += 1
        else:
            break
    if title.startswith("《") and title.endswith("》") and balanced(title[1:-1]):
        title = title[1:-1]
    return Header(used, title, number_text)


def squash(text: str) -> str:
    return re.sub(r"[\s《》〈〉“”\"]", "", text)


REGION_PREFIX = re.compile(r"^(内蒙古自治区|自治区|关于)+")


def named_by(parent: Segment, title: str) -> bool:
    """Does the transmittal notice ``parent`` name ``title`` as what it transmits?"""
    if not re.search(r"印发|转发|发布", parent.title):
        return False
    core = REGION_PREFIX.sub("", squash(title))
    core = TRAILING_QUALIFIER.sub("", core)
    if len(core) < 6:
        return False
    seen = squash(parent.title + "".join(line.text for line in parent.body[:40]))
    return core in seen


def segment_source(source: str, lines: list[Line]) -> SourceSegments:
    segments: list[Segment] = []
    parts: list[Line] = []
    context: dict[str, str] = {}
    current: Segment | None = None
    expected_section = 1  # next own-chapter section number in a topical part
    topical_part = False
    at_boundary = True
    i = 0

    def open_segment(seg: Segment) -> None:
        nonlocal current
        segments.append(seg)
        current = seg

    while i < len(lines):
        line = lines[i]
        text = line.text

        if PART_HEADER.match(text) or LEVEL_HEADER.match(text):
            if text.startswith("第") or text.endswith("优惠政策"):
                context = {"part": text}
                topical_part = text.startswith("第")
                expected_section = 1
            else:
                context = {**context, "level_header": text}
                topical_part = False
            parts.append(line)
            current = None
            at_boundary = True
            i += 1
            continue

        section = SECTION_HEADING.match(text)
        if topical_part and section and cn_to_int(section.group("num")) == expected_section:
            expected_section += 1
            open_segment(Segment(source, "own_chapter", [line], section.group("title"), None, dict(context)))
            at_boundary = False
            i += 1
            continue

        if at_boundary or line.page_start:
            marker = next((k for k in range(i, min(i + 4, len(lines))) if DOWNLOAD_MARKER.match(lines[k].text)), None)
            if marker is not None and marker > i and all(
                not PUNCT_IN_TITLE.search(lines[k].text) for k in range(i, marker)
            ):
                title = "".join(lines[k].text for k in range(i, marker)).lstrip("—")
                seg = Segment(source, "title_only", lines[i:marker], title, None, dict(context))
                seg.body = [lines[marker]]
                open_segment(seg)
                current = None
                at_boundary = True
                i = marker + 1
                continue

        dash = text.startswith("——")
        after_attachment = current is not None and bool(current.body) and bool(ATTACHMENT.match(current.body[-1].text))
        if line.page_start or dash or current is None or after_attachment:
            header = read_header(lines, i, dash)
            if header and after_attachment:
                if STANDALONE_RULE.search(header.title):
                    # A rule attached to a plan is a document of its own, linked to its parent.
                    parent = segments.index(current)
                    attach = current.body.pop()
                    seg = Segment(source, "document", [attach, *header.lines], header.title, header.number_text, dict(context))
                    seg.attachment_of = parent
                    open_segment(seg)
                    i += len(header.lines)
                    continue
                header = None  # an attachment that stays inside its document
            if header and not (current is not None and header.number_text is None and named_by(current, header.title)):
                open_segment(Segment(source, "document", header.lines, header.title, header.number_text, dict(context)))
                at_boundary = False
                i += len(header.lines)
                continue

        if current is None:
            if not context:
                raise SourceError("没有识别出任何文件：此处的文字前面找不到文件标题。", source, line.number)
            # Text under a part header before any title: the guide's own prose.
            open_segment(Segment(source, "own_chapter", [], context.get("level_header") or context.get("part") or source, None, dict(context)))
        current.body.append(line)
        at_boundary = False
        i += 1

    return SourceSegments(source, segments, parts)
