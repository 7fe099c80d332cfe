"""Amounts and rates exactly as printed: the number, its unit and the qualifier that limits it.

"按照设备投资总额的10%" and "最高500万元" and "每人每月1000元" come back as printed. Numbers that
are conditions rather than benefits (投资5亿元及以上, 占比90%以上) are told apart so the caller can
keep them out of a fact's amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handbook.knowledge.vocabulary import Vocabulary

NUMBER = r"(?:\d+(?:\.\s?\d+)?|[一二两三四五六七八九十百千]+)"  # "8. 5": a space the PDF left
RANGE = rf"{NUMBER}\s*(?:[%％]|万元|元|万|亿|折)?\s*(?:[—–\-~～至到]\s*{NUMBER})?"
# "按照活动的宣传推广、场租和展场搭建总费用的 50%": the base may list costs, never hold the grant verb
SHARE = re.compile(rf"按(?:照)?(?:(?!给予)[^，。；按]){{1,40}}?的?\s*"
                   rf"(?:\d+/\d+|{NUMBER}(?:\.\d+)?\s*(?:[—–\-~～至]\s*{NUMBER}\s*)?(?:[%％]|倍))")
CAP_SHARE = re.compile(rf"(?:最高不超过|不超过|不高于)[^，。；、按的（）()]{{1,24}}的\s*{NUMBER}\s*(?:[%％]|倍)"
                       # "再给予不低于总投入 20%": a share granted with its base
                       rf"|(?<=给予)\s*(?:最高不超过|不超过|不低于)[^，。；、按的（）()\d]{{1,24}}的?\s*{NUMBER}\s*(?:[%％]|倍)"
                       # "一次性给予设备总投资20%的资金补助": the base named right after the grant verb
                       rf"|(?<=给予)\s*[^，。；、按的（）()\d给提]{{1,4}}?(?:投资|投资额|成本|费用|投入|支出|金额|总额)"
                       rf"的?\s*{NUMBER}\s*[%％]")
SHARE_QUALIFIER = re.compile(r"最高不超过|不超过|不高于|不低于|最高")
DURATION = re.compile(rf"(?:最长(?:补贴|支持|给予|资助)?|(?:减免|免收|免征|缓缴|延长|延期|支付|增加|发放)\s*(?:到|至)?)\s*"
                      rf"((?!(?:19|20)\d\d){NUMBER}\s*(?:年|个月))"
                      rf"|期限\s*((?:最长)?(?:不超过)\s*{NUMBER}\s*(?:年|个月))"
                      # "连续 5 年每年给予…": how long a benefit runs (not "连续两年入库的", a condition)
                      rf"|(连续\s*{NUMBER}\s*年)(?=\s*(?:每年|给予|按|享受|予以|免|减|补贴|奖励|支持))"
                      # "最多连续支持 3年", "连续补贴 24个月": the term after the grant
                      rf"|连续(?:支持|补贴|资助|奖励|给予)\s*((?!(?:19|20)\d\d){NUMBER}\s*(?:年|个月))(?!\s*[内以前后])"
                      rf"(?=[\s，,。；;]|$)"
                      # "3年内给予租金…减免", "5年内按销售收入的5%", "三年内免费": how long a benefit runs
                      # (not "引进3年内达到…标准的", a condition)
                      rf"|((?!(?:19|20)\d\d){NUMBER}\s*(?:年|个月)内)(?=\s*(?:给予|按|免|减|享受|不改变|予以|补贴|奖励|可享受))"
                      # "6小时内放行", "“6小时通关”": a customs clearance time granted
                      rf"|({NUMBER}\s*小时(?:内)?)(?=[”\"]?\s*(?:放行|通关|验放|办结|提离))"
                      # "实行按原用途…使用土地为期 5年的过渡期政策"
                      rf"|为期\s*((?!(?:19|20)\d\d){NUMBER}\s*(?:年|个月))"
                      # "容积率可提升至 2.0以上": a plot ratio granted has no unit
                      rf"|容积率[^，。；\d]{{0,8}}?(?:提升至|提高到|提高至|放宽至|可达)\s*(\d+(?:\.\d+)?\s*(?:以上)?)"
                      # "给予一年贴息补助": the term of the granted subsidy
                      rf"|给予\s*((?!(?:19|20)\d\d){NUMBER}\s*(?:年|个月))(?=\s*的?\s*(?:贴息|租金|免|减|补贴|补助))"
                      # "给予最多5年、最高2亿元", "连续5年、每年给予…": the term listed before the money
                      rf"|((?:最多|连续)\s*{NUMBER}\s*年)(?=\s*、)"
                      # "第1年至第3年免征…，第4年至第6年减半征收": the years a relief runs
                      rf"|(第\s*{NUMBER}\s*年\s*至\s*第\s*{NUMBER}\s*年)")
# "安排 40亿元以上资金": a floor on the money set aside is part of the amount, not a threshold
FUNDS_FLOOR = re.compile(r"\s*以上(?:的)?(?:资金|经费|专项资金)")
CONDITION_NOTE = re.compile(r"[（(](?:含|按季|按月|按年)")
DATE_YEAR = re.compile(r"^(?:19|20)\d\d\s*年")


@dataclass(frozen=True)
class Amount:
    text: str
    start: int
    end: int
    condition: bool  # a threshold the applicant must meet, not what is granted


class AmountFinder:
    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        units = "|".join(re.escape(u) for u in vocab.units if u not in ("年", "个月"))
        per = "每(?:" + "|".join(re.escape(p) for p in vocab.per_prefix) + ")"
        quals = "|".join(re.escape(q) for q in vocab.qualifiers) + "|" + per
        slash = "|".join(re.escape(u) for u in vocab.per_units)
        self.pattern = re.compile(rf"(?:(?:{quals})\s*)*{RANGE}\s*(?:(?:万元|元)\s*/\s*(?:{slash})|{units})")
        self.qual_re = re.compile(rf"^(?:(?:{quals})\s*)+")

    def find(self, sentence: str) -> list[Amount]:
        found: list[Amount] = []
        taken: list[tuple[int, int]] = []
        for m in SHARE.finditer(sentence):
            # "按不超过 60%" names no base: the amount is the capped rate itself
            text = re.sub(r"^按(?:照)?(?=\s*(?:最高不超过|不超过|不高于|最高|不低于)?\s*\d)", "", m.group(0).strip()).strip()
            text = self._share_text(text)
            found.append(Amount(text, m.start(), m.end(), False))
            taken.append((m.start(), m.end()))
        for m in CAP_SHARE.finditer(sentence):  # "投放金额不超过项目总投资的 30%"
            if not any(s <= m.start() < e for s, e in taken):
                found.append(Amount(m.group(0).strip(), m.start(), m.end(), False))
                taken.append((m.start(), m.end()))
        for m in DURATION.finditer(sentence):
            g = next(n for n in range(1, m.re.groups + 1) if m.group(n))
            found.append(Amount(m.group(g).strip(), m.start(g), m.end(g), False))
            taken.append((m.start(g), m.end(g)))
        for m in self.vocab.amount_words.finditer(sentence):  # "减半征收", "翻倍奖补": a rate printed in words
            if not any(s <= m.start() < e for s, e in taken):
                found.append(Amount(m.group(0), m.start(), m.end(), False))
                taken.append((m.start(), m.end()))
        for m in self.pattern.finditer(sentence):
            if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
                continue
            text = re.sub(r"([%％])\s*折$", r"\1", m.group(0).strip())  # "5%折扣": the rate is 5%
            bare = self.qual_re.sub("", text)
            if DATE_YEAR.match(bare) or re.fullmatch(r"[\d.]+", bare):
                continue
            if not re.search(r"[\d一二两三四五六七八九十百千]", bare):
                continue
            floor = FUNDS_FLOOR.match(sentence, m.end())
            if floor and re.search(r"安排|统筹|投入|筹集|筹措", sentence[max(0, m.start() - 12):m.start()]):
                found.append(Amount(text + "以上", m.start(), m.end() + floor.group(0).index("以上") + 2, False))
                continue
            found.append(Amount(text, m.start(), m.end(), self._is_condition(sentence, m.start(), m.end(), bare)))
        return sorted(found, key=lambda a: a.start)

    @staticmethod
    def _share_text(text: str) -> str:
        """"按照不高于上年度平均销售价格 30%" is printed as the capped rate "不高于上年度平均销售价格 30%";
        "按照融资成本最高不超过 8%的标准" names its base without 的, so the amount is "最高不超过 8%"
        ("按不超过…的 30%" keeps its 按, as printed)."""
        body = re.sub(r"^按(?:照)?\s*", "", text)
        q = SHARE_QUALIFIER.search(body)
        if q is None:
            return text
        if q.start() == 0:
            return body if text.startswith("按照") else text
        return body[q.start():] if "的" not in body[:q.start()] else text

    def _is_condition(self, sentence: str, start: int, end: int, bare: str) -> bool:
        after = re.sub(r"^[（(]含[）)]", "", sentence[end:end + 8])
        granted_for_use = after.startswith("用于") and re.search(
            r"(?:给予|奖励|补助|补贴|奖补|资助|安排)\s*(?:一次性)?\s*$", sentence[max(0, start - 8):start])
        if after.startswith(self.vocab.condition_suffix) and not granted_for_use:
            return True  # "投资 5000万元以上", but "奖励 20 万元用于技术创新" grants
        opened = max(sentence.rfind("（", 0, start), sentence.rfind("(", 0, start))
        if opened > max(sentence.rfind("）", 0, start), sentence.rfind(")", 0, start)) \
                and CONDITION_NOTE.match(sentence, opened):
            return True  # （含100万元） / （按季9万元） restate a threshold
        span_start = max(sentence.rfind(p, 0, start) for p in "，,。；：、（(") + 1
        before = sentence[span_start:start]
        per_unit = sentence.startswith("每", start)  # "按出栏每头肉牛300元": a rate granted per unit
        if bare != sentence[start:end].strip() and re.match(r"\s*(?:不低于|不少于)", sentence[start:end]) \
                and re.search(r"对[^，。；]{0,24}$", before) and not self.vocab.grant_strong.search(before):
            return True  # "对年度研发费用不低于 500万元…的企业": a floor the beneficiary must reach
        if self.vocab.condition_context.search(before) and not self.vocab.grant_strong.search(before) and not per_unit:
            return True
        return bool(re.search(r"(?:达到|超过|低于|少于|高于|不足|在)\s*$", before)) and not bare.startswith(("最高", "不超过"))
