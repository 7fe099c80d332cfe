"""责任单位: the bodies an item names as carrying it out, as printed.

Forms found in the sources: 〔责任单位：A、B〕, （责任单位：…）, （责任部门及旗市区：…）, （A牵头负责，
B配合）, （A、B按职责分工负责）, a bare line "牵头单位：A", and a bracket holding nothing but body
names printed right after a sentence ("…交易。（自治区能源局）"). An item that prints such a bracket
after each group of its sentences gives each group its own bodies (``duty_segments``).
"""

from __future__ import annotations

import re

# Words around the names, removed from what is kept (longest first).
DUTY_WORDS = re.compile(r"责任单位|责任部门|牵头单位|配合单位|牵头负责|按职责分工负责|分工负责|按职责分工|具体负责|负责|配合|牵头")
# "（人民银行呼和浩特中心支行、内蒙古银保监局等按职责分工）": 负责 may be left out
DUTY_KEYWORD = re.compile(r"责任单位|责任部门|牵头单位|负责|配合|按职责分工$")
LABEL = re.compile(r"^[^：:，、]{0,10}(?:责任|牵头|配合)[^：:，、]{0,6}[：:]\s*")
# a name may hold a short bracket of its own: 农牧厅（乡村振兴局）, 内蒙古电力〔集团〕公司
BRACKET = re.compile(r"[〔（(]((?:[^〔〕（）()]|[（〔(][^（）〔〕()]{1,12}[）〕)])*)[〕）)]")
BARE_DUTY = re.compile(r"^(?:牵头单位|责任单位|责任部门)[：:]\s*(?P<who>.+?)\s*$")
# A body's name: what a bracket of bare names must consist of.
BODY = re.compile(r"^[^，。；：:（）()]{2,30}?(?:厅|局|委|委员会|办|办公室|政府|公署|海关|银行|分局|支行|中心|总站|"
                  r"管委会|联席会议|旗市区|盟市|各部门|各有关部门|部门|法院|检察院|工会|团委|妇联|集团|公司|"
                  r"经开区|开发区|高新区)(?:等)?$")


# A group of bodies that only assists (协同单位：…) is not the item's 责任单位.
ASSISTING = re.compile(r"[，,；;]?\s*(?:协同单位|协办单位|协助单位)[：:][^；;]*")
# "（牵头部门：…；责任部门：…；完成时限：2024年 9月底前取得预期成效，持续推进）": a deadline names no body
DEADLINE = re.compile(r"[，,；;]?\s*(?:完成时限|完成时间|时间节点|时限要求|完成期限)[：:].*$", re.S)


def split_units(responsible: str | None) -> list[str]:
    """责任单位 as printed, one per body (split on 、，；), without 牵头负责 / 配合 / 按职责分工负责."""
    if not responsible:
        return []
    responsible = DEADLINE.sub("", ASSISTING.sub("", responsible))
    units = (DUTY_WORDS.sub("", re.split(r"[：:]", p)[-1]).strip() for p in re.split(r"[、，,；;]", responsible))
    # "内蒙古税务局等部门单位": the closing 等… says there are more, it is no body
    return [re.sub(r"等(?:有关|相关)?(?:部门)?(?:单位)?$", "", u) for u in units if u and u != "等"]


# whole names too short for BODY: "各旗市区", "相关旗市区", "各区"
GROUP_OF_PLACES = re.compile(r"^(?:(?:各|相关|有关)(?:旗市区|旗县区?|旗县（市、区）|区|盟市|地区)|经开区|高新区|开发区)$")


def _is_bare_names(inner: str) -> bool:
    parts = [p for p in re.split(r"[、，,；;]", inner) if p.strip()]
    return bool(parts) and all(BODY.match(p.strip()) or GROUP_OF_PLACES.match(p.strip()) for p in parts)


def _duty_groups(text: str) -> list[re.Match]:
    out = []
    for m in BRACKET.finditer(text):
        inner = m.group(1)
        # "（…按职责分工负责。以下任务均需…落实，不再列出）": a note may follow the bodies inside the bracket
        if len(inner) > 240 or ("。" in inner and not DUTY_KEYWORD.search(inner.split("。")[0])):
            continue
        after_sentence = m.start() > 0 and text[m.start() - 1] in "。；;"
        if DUTY_KEYWORD.search(inner) or (after_sentence and _is_bare_names(inner)):
            out.append(m)
    return out


def _units_of(group: re.Match) -> str | None:
    inner = LABEL.sub("", group.group(1).split("。")[0])
    return DUTY_WORDS.sub("", inner).strip("，、,；; ") or None


def _carries_units(group: re.Match) -> bool:
    inner = group.group(1).split("。")[0]
    return bool(re.search(r"责任单位|责任部门|牵头单位|牵头负责|负责[〕）)]?$|按职责分工$|配合", inner)) or _is_bare_names(inner)


UNNAMED = re.compile(r"[“”\"《》]|认定|获评|序号")  # a repeated table header ("序号 重点任务 责任部门") names no body
SENTENCE_END = re.compile(r"[。；;！？]")


def _join_cell(lines: list[str]) -> str:
    """Lines of one table cell or of two cells side by side: a line ending in a whole body name starts a new
    name ("市自然资源局" / "市工信局、能源局"); one cut inside a name is hard-wrapped ("…市发展和改革" / "委员会，…")."""
    out = ""
    for line in lines:
        if out and not out.endswith(("、", "，", ",", "；")):
            out += "；" if BODY.match(re.split(r"[、，,；;]", out)[-1].strip()) else ""
        out += line
    return out


def _is_cell(cell: str) -> bool:
    return _is_bare_names(cell) and not UNNAMED.search(cell)


def table_segments(text: str) -> list[tuple[str, str | None]]:
    """A task-table row (or several) printed as lines: the task sentences, then the cells of its 牵头单位 and
    责任单位/地区 columns holding nothing but body names, maybe hard-wrapped or glued after the last 。 of a line.
    Returns the text cut after each such group of cells, the cells left out, with their bodies; the rest
    after the last group carries None. A text with no such cells comes back whole."""
    if "\n" not in text and not SENTENCE_END.search(text[-40:]):
        return [(text, None)]  # one line with no sentence ending before a tail: no cells
    out: list[tuple[str, str | None]] = []
    segment: list[str] = []
    run: list[str] = []
    seen_sentence = False

    def close_run() -> None:
        nonlocal run
        if not run:
            return
        # the longest head of the run that names bodies only ("市高新工业投资集团有限责任公司" / "11 引导电商物流…")
        k = next((k for k in range(len(run), 0, -1) if _is_cell(_join_cell(run[:k]))), 0)
        if k:
            out.append(("\n".join(segment), _join_cell(run[:k])))
            segment.clear()
        segment.extend(run[k:])
        run = []

    for line in text.split("\n"):
        bare = line.strip()
        ends = list(SENTENCE_END.finditer(bare))
        if not ends:
            if seen_sentence and bare:
                run.append(bare)
            else:
                segment.append(line)
            continue
        close_run()
        tail = bare[ends[-1].end():].strip()
        if tail and _is_cell(tail):
            segment.append(bare[:ends[-1].end()])
            run.append(tail)  # "…运营能力。各区人民政府，市商务局"
        else:
            segment.append(line)
        seen_sentence = True
    close_run()
    if segment and any(x.strip() for x in segment):
        out.append(("\n".join(segment), None))
    return out


def _table_units(text: str) -> list[str]:
    return [units for _, units in table_segments(text) if units]


def responsible_in(text: str) -> str | None:
    """The last 责任单位 bracket (or bare 责任单位：… line) printed in ``text``, keywords removed, or None;
    else the body-name cells of a task-table row."""
    groups = [m for m in _duty_groups(text) if _carries_units(m)]
    if not groups:
        bare = BARE_DUTY.match(text.rsplit("\n", 1)[-1].strip())
        if bare:
            return DUTY_WORDS.sub("", bare.group("who")).strip("，、,；;。 ")
        return "；".join(_table_units(text)) or None
    return _units_of(groups[-1])


def strip_responsible(text: str) -> str:
    for m in reversed(_duty_groups(text)):
        text = text[: m.start()] + text[m.end():]
    if not _duty_groups(text):
        text = "\n".join(segment for segment, _ in table_segments(text))
    lines = text.split("\n")
    return "\n".join(line for line in lines if line.strip() and not BARE_DUTY.match(line.strip()))


def duty_segments(text: str) -> list[tuple[str, str | None]]:
    """``text`` cut after each 责任单位 bracket that closes a group of sentences, with that bracket's
    bodies; the rest after the last bracket (if any) carries None."""
    groups = [m for m in _duty_groups(text) if _carries_units(m) and text[m.start() - 1:m.start()] in ("。", "；", ";")]
    if not _duty_groups(text):
        return table_segments(text)
    out, start = [], 0
    for m in groups:
        out.append((text[start:m.end()], _units_of(m)))
        start = m.end()
    if text[start:].strip():
        out.append((text[start:], None))
    return out
