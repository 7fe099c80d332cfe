"""The window of a time-bounded measure: from when and until when a clause or sentence holds.

Read from the printed text, strongest form first: 自2021年1月1日至2030年12月31日, 自2022年1月1日至
12月31日 (the year implied), 执行至2025年12月31日, 自2022年起至2023年6月底, 政策至2025年底,
2022年9月1日前 / 2025年前, 自2021年1月1日起停止执行 (ends the day before), 自2022年1月1日起执行 /
2022年1月1日后 / 2021年以后 (a start only), “十四五”期间, 2023—2025年, and a year that opens a
measure (2022年免征…, …，2022年继续…). A year or plan period inside a target or a deadline
(力争2027年底前投产, “十五五”期间新增外送电量1000亿千瓦时左右, …前报送) is no window, and periods
inside cited titles (《…（2021—2025年）》) belong to the cited document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

YEAR = r"((?:19|20)\d\d)\s*年"
DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
DASH = r"(?:至|到|—|－|-|~|～)"
CITED = re.compile(r"《[^》]{0,120}》|（\d{4}\s*年版）")
SENTENCE = re.compile(r"[^。；;\n]+")
# What a target or a deadline says; what a measure does.
TARGETISH = re.compile(r"力争|争取|确保|达到|突破|超过|以上|左右|累计|新增[^，。；]{0,12}\d|报送|提交|上报|投产|建成|完成")
GRANTISH = re.compile(r"给予|予以|免予|不纳入|核减|补贴|补助|奖补|奖励|资助|免征|免收|减免|减征|减按|暂免|暂停|缓缴|返还|享受|执行|实施|实行|支持|安排")
PLAN_YEARS = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}


def iso(y: str | int, m: str | int, d: str | int) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def month_end(year: int | str, month: int | str = 12) -> str | None:
    year, month = int(year), int(month)
    if not 1 <= month <= 12:
        return None
    return (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).isoformat()


def day_before(y: str, m: str, d: str) -> str | None:
    day = iso(y, m, d)
    return (date.fromisoformat(day) - timedelta(days=1)).isoformat() if day else None


Window = tuple[str | None, str | None]
# (pattern, what it gives, soft: a soft form is skipped inside a target or deadline sentence)
RULES: list[tuple[re.Pattern[str], Callable[..., Window | None], bool]] = [
    (re.compile(rf"{DATE}\s*(?:起)?\s*{DASH}\s*{DATE}"), lambda y, m, d, y2, m2, d2: (iso(y, m, d), iso(y2, m2, d2)), False),
    (re.compile(rf"{DATE}\s*(?:起)?\s*{DASH}\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日"),
     lambda y, m, d, m2, d2: (iso(y, m, d), iso(y, m2, d2)), False),
    (re.compile(rf"(?:有效期|执行期限?|实施期限?|执行|实施|延续执行|延长)(?:至|到|截至)\s*{DATE}"),
     lambda y, m, d: (None, iso(y, m, d)), False),
    (re.compile(rf"(?:自\s*)?{YEAR}\s*(?:起)?\s*(?:至|到)\s*{YEAR}\s*(\d{{1,2}})\s*月\s*(?:底|末)"),
     lambda y, y2, m2: (f"{y}-01-01", month_end(y2, m2)) if int(y) <= int(y2) else None, False),
    (re.compile(rf"(?:执行|实施|延续|延长|有效|补贴|奖补|支持|补助|试行|政策)(?:期|期限)?(?:延长)?(?:至|到|截至)\s*{YEAR}"
                r"\s*(?:(\d{1,2})\s*月)?\s*(?:底|末)?(?!\s*\d{1,2}\s*日)"),
     lambda y, m: (None, month_end(y, m or 12)), False),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*(?:前|之前|以前)"), lambda y, m, d: (None, iso(y, m, d)), True),
    (re.compile(rf"{YEAR}\s*(?:底)?\s*(?:前|之前|以前)"), lambda y: (None, month_end(y)), True),
    (re.compile(rf"自\s*{DATE}\s*起(?:执行|实施)|{DATE}\s*(?:以后|之后|后)"),
     lambda *g: (iso(*[x for x in g if x]), None), True),
    (re.compile(rf"自\s*{DATE}\s*起\s*停止(?:执行|实施)"), lambda y, m, d: (None, day_before(y, m, d)), False),
    (re.compile(r"“?(十三五|十四五|十五五)”?\s*(?:规划)?\s*(?:期间|时期|期内)"),
     lambda p: (f"{PLAN_YEARS[p][0]}-01-01", f"{PLAN_YEARS[p][1]}-12-31"), True),
    (re.compile(rf"((?:19|20)\d\d)\s*(?:年)?\s*[—–\-－~～至到]\s*{YEAR}"),
     lambda y, y2: (f"{y}-01-01", f"{y2}-12-31") if int(y) <= int(y2) else None, True),
    (re.compile(rf"{YEAR}\s*(?:以后|之后|后)"), lambda y: (f"{y}-01-01", None), True),
    # "到2027年，…每年…给予…": a grant that runs until the end of that year
    (re.compile(rf"(?:^|[。；]\s*|^\s*\d+[.、．]\s*)(?:到|至)\s*{YEAR}\s*[，,]"), lambda y: (None, month_end(y)), True),
    # a year that opens a measure: "2022年免征…", "…，2022年继续…", "：2026年计划安排…"
    (re.compile(rf"(?:^|[。；，,：:]\s*|^\s*\d+[.、．]\s*){YEAR}(?!\s*\d|\s*(?:底|末|前|以来|起|度|以后|之后|后))\s*[，,]?\s*"
                r"(?:继续|延续|免征|减免|减征|暂停|暂免|对|按|给予|原则上|受|积极|实施|执行|安排|计划|补贴|重点|可)"),
     lambda y: (f"{y}-01-01", f"{y}-12-31"), True),
]


def _sentence_at(text: str, pos: int) -> str:
    for m in SENTENCE.finditer(text):
        if m.start() <= pos < m.end():
            return m.group(0)
    return ""


def window(text: str) -> Window | None:
    """(start, end) of a time-bounded measure printed in ``text``, or None."""
    text = CITED.sub(lambda m: "\u3000" * len(m.group(0)), text)
    for pattern, make, soft in RULES:
        for m in pattern.finditer(text):
            if soft:
                sentence = _sentence_at(text, m.start())
                if TARGETISH.search(sentence) and not GRANTISH.search(sentence):
                    continue
            found = make(*m.groups())
            if found and (found[0] or found[1]):
                return found
    return None


UNBOUNDED = re.compile(r"长期(?:执行|有效|实施)")


def sentence_window(sentence: str, clause_window: Window | None = None) -> Window | None:
    """The window of one granting sentence: its own, else its clause's — unless it says it holds
    for good (长期执行)."""
    return window(sentence) or (None if UNBOUNDED.search(sentence) else clause_window)
