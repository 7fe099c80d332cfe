"""Time: when a document takes effect, until when it holds, and the window of a time-bounded measure.

Everything is read from the printed text (自2024年1月1日起施行, 有效期3年, 执行至2027年12月31日,
（2022-2025年）, 征求意见稿, 试行). Expiry is judged at run time against the caller's date
(``effective_status``), never at build time, so an officer's laptop clock decides what has ended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from handbook.knowledge.windows import window  # noqa: F401  (the measure window, re-exported)

CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
# A document speaks of itself as 本办法 / 本细则 / 本公告 …; measures inside it have their own windows.
SELF = r"本(?:办法|细则|规定|条例|措施|意见|方案|通知|公告|决定|政策|清单|指引|实施细则|若干措施|若干政策|行动计划|计划)"
EFFECTIVE_ON = re.compile(rf"{SELF}[^。；]{{0,20}}?自\s*{DATE}\s*起(?:施行|执行|实施|生效)")
EFFECTIVE_ON_ISSUE = re.compile(rf"{SELF}?[^。；]{{0,20}}?自(?:印发|发布|公布|颁布|下发)之日起(?:施行|执行|实施|生效|[，,]\s*有效期)")
VALID_YEARS = re.compile(rf"{SELF}?[^。；]{{0,40}}?(?:有效期|试行期)(?:为|限为)?\s*(\d+|[一二两三四五六七八九十])\s*年")
VALID_UNTIL = re.compile(rf"(?:有效期|执行期限?|实施期限?|执行|实施|延续执行|延长)(?:至|到|截至)\s*{DATE}")
SELF_UNTIL = re.compile(rf"{SELF}[^。；]{{0,40}}?(?:有效期|执行期限?|实施期限?|执行|实施)(?:为|限)?[^。；]{{0,20}}?(?:至|到|截至)\s*{DATE}")
YEAR_RANGE = re.compile(r"((?:19|20)\d\d)\s*(?:年)?\s*[—–\-－~～至到]\s*((?:19|20)\d\d)\s*年")
TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
NUMBER_YEAR = re.compile(r"[〔\[（(]\s*((?:19|20)\d\d)\s*[〕\]）)]|公告\s*((?:19|20)\d\d)\s*年")
DRAFT = re.compile(r"征求意见稿|送审稿|草案")
TRIAL = re.compile(r"试行|暂行")

IN_FORCE = "现行有效"
DRAFT_STATUS = "征求意见稿"
EXPIRED = "已到期"


@dataclass
class Validity:
    effective: str | None = None
    valid_until: str | None = None
    valid_until_source: str | None = None  # printed | computed | upper_bound | title_period
    trial: bool = False
    draft: bool = False
    year: int | None = None
    year_source: str | None = None  # date | doc_number | title


def iso(y: str, m: str, d: str) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _years(token: str) -> int:
    return int(token) if token.isdigit() else CN_DIGITS.get(token, 0)


def add_years(start: str, years: int) -> str:
    d = date.fromisoformat(start)
    try:
        end = d.replace(year=d.year + years)
    except ValueError:  # 29 February
        end = d.replace(year=d.year + years, day=28)
    return (end - timedelta(days=1)).isoformat()


def _issue_year(doc_number: str | None) -> int | None:
    m = NUMBER_YEAR.search(doc_number or "")
    return int(m.group(1) or m.group(2)) if m else None


def document_validity(title: str, header: str, body: str, doc_number: str | None, doc_date: str | None) -> Validity:
    v = Validity(draft=bool(DRAFT.search(title) or DRAFT.search(header[:200])), trial=bool(TRIAL.search(title)))
    tail = body[-3000:]  # the closing articles say when a rule takes effect and for how long
    m = EFFECTIVE_ON.search(tail)
    if m:
        v.effective = iso(*m.groups())
    elif EFFECTIVE_ON_ISSUE.search(tail):
        v.effective = doc_date or "on_issue"
    m = SELF_UNTIL.search(tail)
    if m:
        v.valid_until, v.valid_until_source = iso(*m.groups()[-3:]), "printed"
    else:
        years = VALID_YEARS.search(tail)
        start = v.effective if v.effective and v.effective != "on_issue" else doc_date
        if years and start:
            v.valid_until, v.valid_until_source = add_years(start, _years(years.group(1))), "computed"
        elif years and v.effective == "on_issue" and (issued := _issue_year(doc_number)):
            # Issued some day in that year: the validity ends at the latest N years after its last day.
            v.valid_until, v.valid_until_source = add_years(f"{issued + 1}-01-01", _years(years.group(1))), "upper_bound"
        else:
            period = YEAR_RANGE.search(title)
            if period and int(period.group(1)) <= int(period.group(2)):
                v.valid_until, v.valid_until_source = f"{period.group(2)}-12-31", "title_period"
    if doc_date:
        v.year, v.year_source = int(doc_date[:4]), "date"
    elif issued := _issue_year(doc_number):
        v.year, v.year_source = issued, "doc_number"
    elif m := TITLE_YEAR.search(title):
        v.year, v.year_source = int(m.group(1)), "title"
    return v


def effective_status(doc: dict, today: date) -> str:
    """The status to show on ``today``: the stored one, or 已到期 when the document's validity ended."""
    stored = doc.get("status") or IN_FORCE
    if stored != IN_FORCE:
        return stored
    until = doc.get("valid_until")
    if until and until < today.isoformat():
        return EXPIRED
    return stored


def window_ended(start_end: tuple[str | None, str | None] | None, today: date) -> bool:
    return bool(start_end and start_end[1] and start_end[1] < today.isoformat())
