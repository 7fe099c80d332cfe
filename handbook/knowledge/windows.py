"""The window of a time-bounded measure: from when and until when a clause or sentence holds.

Read from the printed text: 自2021年1月1日至2030年12月31日, 自2022年1月1日至12月31日 (the year
implied), 执行至2025年12月31日, 政策至2025年底, 2022年12月31日前, 自2022年起至2023年6月底,
“十四五”期间, 2023—2025年, and — for a granting sentence — a year that opens it (2022年免征…,
到2027年，每年…给予…). Periods inside cited titles (《…（2021—2025年）》) belong to the cited document.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
PERIOD = re.compile(rf"{DATE}\s*(?:起)?\s*(?:至|到|—|－|-|~|～)\s*{DATE}")
# 自2022年1月1日至12月31日: the end's year is the start's.
PERIOD_SAME_YEAR = re.compile(rf"{DATE}\s*(?:起)?\s*(?:至|到|—|－|-|~|～)\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日")
VALID_UNTIL = re.compile(rf"(?:有效期|执行期限?|实施期限?|执行|实施|延续执行|延长)(?:至|到|截至)\s*{DATE}")
BEFORE_DATE = re.compile(r"(?:^|[，,。；\s])(?:在\s*)?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*(?:前|之前|以前)")
# 自2022年起至2023年6月底 / 2022年至2023年6月底
YEAR_TO_MONTH_END = re.compile(r"(?:自\s*)?((?:19|20)\d\d)\s*年\s*(?:起)?\s*(?:至|到)\s*((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(?:底|末)")
YEAR_RANGE = re.compile(r"((?:19|20)\d\d)\s*(?:年)?\s*[—–\-－~～至到]\s*((?:19|20)\d\d)\s*年")
UNTIL_YEAR_END = re.compile(r"(?:执行|实施|延续|延长|有效|补贴|奖补|支持|补助|试行|政策)(?:期|期限)?(?:延长)?(?:至|到|截至)\s*"
                            r"((?:19|20)\d\d)\s*年\s*(?:(\d{1,2})\s*月)?\s*(?:底|末)?(?!\s*\d{1,2}\s*日)")
PLAN_PERIOD = re.compile(r"“?(十三五|十四五|十五五)”?\s*(?:期间|时期|期内)")
PLAN_YEARS = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}
CITED = re.compile(r"《[^》]{0,120}》|（\d{4}\s*年版）")
# A granting sentence that opens with its year: "2022年免征…", "2022 年继续实施…" (the whole year).
OPENING_YEAR = re.compile(r"(?:^(?:\d+[.、．]\s*)?|[，,]\s*)((?:19|20)\d\d)\s*年(?!\s*\d|\s*(?:底|末|前|以来|起|度|以后|之后))\s*[，,]?\s*"
                          r"(?:继续|延续|免征|减免|减征|暂停|暂免|对|按|给予|原则上|受|积极|实施|执行)")
# "到2027年，…每年…": a grant that runs until the end of that year.
UNTIL_YEAR_OPENING = re.compile(r"^(?:\d+[.、．]\s*)?(?:到|至)\s*((?:19|20)\d\d)\s*年\s*[，,]")


def iso(y: str | int, m: str | int, d: str | int) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def month_end(year: int, month: int) -> str | None:
    if not 1 <= month <= 12:
        return None
    return (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).isoformat()


def window(text: str) -> tuple[str | None, str | None] | None:
    """(start, end) of a time-bounded measure printed in ``text``, or None."""
    text = CITED.sub(lambda m: "\u3000" * len(m.group(0)), text)
    m = PERIOD.search(text)
    if m:
        return iso(*m.groups()[:3]), iso(*m.groups()[3:])
    m = PERIOD_SAME_YEAR.search(text)
    if m:
        y, mo, d, mo2, d2 = m.groups()
        return iso(y, mo, d), iso(y, mo2, d2)
    m = VALID_UNTIL.search(text)
    if m:
        return None, iso(*m.groups())
    m = YEAR_TO_MONTH_END.search(text)
    if m and int(m.group(1)) <= int(m.group(2)):
        return f"{m.group(1)}-01-01", month_end(int(m.group(2)), int(m.group(3)))
    m = UNTIL_YEAR_END.search(text)
    if m and (end := month_end(int(m.group(1)), int(m.group(2) or 12))):
        return None, end
    m = BEFORE_DATE.search(text)
    if m:
        return None, iso(*m.groups())
    m = PLAN_PERIOD.search(text)
    if m:
        first, last_year = PLAN_YEARS[m.group(1)]
        return f"{first}-01-01", f"{last_year}-12-31"
    m = YEAR_RANGE.search(text)
    if m and int(m.group(1)) <= int(m.group(2)):
        return f"{m.group(1)}-01-01", f"{m.group(2)}-12-31"
    return None


def sentence_window(sentence: str) -> tuple[str | None, str | None] | None:
    """The window of one granting sentence: as ``window``, or the year it opens with."""
    found = window(sentence)
    if found:
        return found
    flat = sentence.strip()
    m = OPENING_YEAR.search(flat)
    if m:
        return f"{m.group(1)}-01-01", f"{m.group(1)}-12-31"
    m = UNTIL_YEAR_OPENING.match(flat)
    if m:
        return None, f"{m.group(1)}-12-31"
    return None
