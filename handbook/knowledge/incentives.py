"""Incentive facts: what a clause grants, to whom, on what condition, with which 责任单位.

A clause is cut into sentences (。；！？ and line ends); a sentence is a fact when it grants
something concrete to an enterprise, project or person — money, tax or fee relief, an
electricity price, land, a quota, talent treatment, finance, customs facilitation or a
qualification — and is not an obligation, a cap on the applicant, a target or a statistic.
Every word list is in ``resources/knowledge/vocabulary.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from handbook.knowledge.amounts import AmountFinder
from handbook.knowledge.duty import duty_segments, split_units, strip_responsible
from handbook.knowledge.vocabulary import Vocabulary

GRANT_VERB = re.compile(r"给予|予以|可(?:以)?(?:享受|申请|获得)|(?:奖励|补贴|补助|奖补|资助)\s*\d|减按|免征|免收|不征收|享受")
INNER_SPACE = re.compile(r"(?<![A-Za-z])[ \t\u3000]+|[ \t\u3000]+(?![A-Za-z])")
CITED_TITLE = re.compile(r"《[^《》]{1,80}》")
PROHIBITION = re.compile(r"不得|严禁|禁止")
OBLIGATION_VERB = re.compile(r"(?:应当|必须|须|需|要|应|不得|严禁|禁止|承诺|负责)$")
GRANT_ELSEWHERE = re.compile(r"给予|可(?:同时)?享受|可申请")
PROVISO = re.compile(r"[，,]\s*但(?:是)?\s*$")
FUNDS_USE = re.compile(r"(?:资金|经费|补助|补贴|奖励)[^，。；]{0,4}$")
CLAUSE = re.compile(r"[，,]")
LATER_CASE = re.compile(r"[，,][^，。；]{2,80}的[，,]\s*$")  # "…，按比例计算后低于…之和的，" before a duty
PERSON_OR_FIRM = re.compile(r"企业|人才|人员|个人|外籍|高管|对象")
MONEY_HANDLING = re.compile(r"拨付|兑付|审核|审定|下达|公示|核查")  # how money is paid out: procedure
CONDITION_ONLY = re.compile(r"的\s*[。；;]?\s*$")  # "…更改企业名称的。": a condition printed as its own item
MONEY = re.compile(r"\d+(?:\.\d+)?\s*(?:万元|亿元)")
PROJECT_NEED = re.compile(r"保障[^，。；]{0,20}项目[^，。；]{0,6}(?:用地|用能|用电|用水)需求")  # a project's needs met
QUOTA = re.compile(r"\d+(?:\.\d+)?\s*(?:万立方米|万千瓦|万吨标准煤|亩)")  # a quantity handed out
GUIDING_THOUGHT = re.compile(r"^以[^，。；]{2,40}为指导|^坚持[^，。；]{0,8}[，、]")  # a preamble's guiding thought holds for its whole sentence
MERE_SERVICE = re.compile(r"提供[^，。；]{0,12}服务")
AGENCY_AT_WORK = re.compile(r"(?:厅|局|委员会|办公室|编办|编委|领导小组)[^，。；]{0,10}(?:负责|会同|根据|确定|报经|研究)")
ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇\d]+条")
SENTENCE_END = re.compile(r"(?<=[。；！？;!?\n])")
OBJECT = re.compile(r"^(?:对于|对|凡|为)(?P<span>[^。；]{2,120}?)(?:的[，,]|，给予|,给予|[，,](?=[^，,]{0,20}(?:给予|奖励|补贴|补助|奖补)))"
                    r"|^(?:对于|对|凡)(?P<span2>[^。；，,]{1,60}?的[^。；，,的]{1,24})[，,]")
ELIGIBLE = re.compile(r"(?P<cond>符合(?:条件|要求|规定|标准)[^，。；的]{0,20})的(?P<who>[^，。；]{2,30}?)(?:[，,]|可|均|给予|享受|按)")
SUBJECT = re.compile(r"^(?P<who>[^，。；]{2,24}?(?:企业|项目|人才|人员|单位|机构|园区|个人|主体|团队|平台|纳税人|合作社|农户|牧户))"
                     r"(?:[，,]|可|均|享受|按|减按|免征)")


@dataclass
class Fact:
    kind: str
    text: str
    amounts: list[str]
    beneficiary: str
    condition: str
    responsible: list[str] = field(default_factory=list)
    window: tuple[str | None, str | None] | None = None  # the sentence's own, else its clause's


def sentences(text: str, label: str = "") -> list[str]:
    body = strip_responsible(text)
    if label and body.startswith(label):
        body = body[len(label):].lstrip()
    return [s.strip() for s in SENTENCE_END.split(body) if len(s.strip()) >= 6]


def sentences_with_units(text: str, label: str, responsible: str | None) -> list[tuple[str, str | None]]:
    """Sentences with their 责任单位: an item that prints a bracket after each of its sentence groups
    ("…。（A负责）…。（B）") gives each group its own; otherwise every sentence gets ``responsible``."""
    segments = duty_segments(text)
    if len(segments) < 2:
        return [(s, responsible) for s in sentences(text, label)]
    out = []
    for n, (segment, units) in enumerate(segments):
        out += [(s, units or responsible) for s in sentences(segment, label if n == 0 else "")]
    return out


class IncentiveExtractor:
    def __init__(self, vocab: Vocabulary):
        self.v = vocab
        self.amounts = AmountFinder(vocab)
        # a weak grant word right before the benefit it gives, in one clause: "保障可降解材料产业项目用地"
        self.paired = re.compile(rf"(?:{vocab.grant_weak.pattern})[^，。；]{{0,16}}(?:{vocab.concrete.pattern})")

    def is_grant(self, s: str, whole: bool = True) -> bool:
        v = self.v
        if not (v.grant_strong.search(s) or (v.grant_weak.search(s) and v.concrete.search(s))
                or v.exemption.search(s) or v.grant_patterns.search(s)):
            return False  # nothing granted at all: the cheap test first, most sentences stop here
        if v.exemption.search(s) and not v.target.search(s):
            return True  # 不纳入能耗总量考核, 不需落实能耗指标: relief from a rule is granted, whatever 不/需 say
        if v.delegated.search(s) and not (v.target.search(s) or v.statistic.search(s) or v.negation.search(s)):
            return True  # "鼓励地方各级政府对充电基础设施场地租金实行阶段性减免": a concrete benefit passed on by local government
        if v.statistic.search(s) or v.target.search(s) or v.exhortation.search(s):
            return False
        neg = v.negation.search(s)
        if neg and not (len(v.negation.findall(s)) == 1 and self._grant_beside(s, neg)):
            return False
        if v.definition.search(s) or (whole and self.is_title_line(s)):
            return False
        ob = v.obligation.search(s)
        if ob and PROVISO.search(s[:ob.start()]):
            return self.is_grant(s[:ob.start()], whole=False)  # "可按…70%执行，但不得低于…成本": a floor on the grant
        if ob and v.duty_bearer.search(OBLIGATION_VERB.sub("", s[:ob.end()])):
            # "自然资源主管部门应当…保障可降解材料企业用地": a public body's duty is what the applicant gets —
            # when it names a benefit outright, not a list or a review that merely mentions 用地 ("…用地标准等方面进行审查")
            rest = s[:ob.start()] + s[ob.end():]
            return bool(self._names_grant(rest) or self.paired.search(rest)) and self.is_grant(rest, whole=False)
        strong = v.grant_strong.search(s) or v.grant_patterns.search(s)
        weak = v.grant_weak.search(s) and v.concrete.search(s)
        if not (strong or weak):
            return False
        if ob and strong and FUNDS_USE.search(s[:ob.start()]) and GRANT_VERB.search(s[:ob.start()]):
            return True  # "给予其补助，补助资金需继续用于…": the duty binds the money once granted
        if ob and strong and self._duty_for_later_case(s):
            return True  # "…可按…的70%执行，…低于…之和的，应按…确定": a duty for a later case bounds the grant
        if not strong and (v.obligation.search(s) or (v.cap.search(s) and not v.concrete.search(s))):
            return False  # a cap binds the applicant unless it bounds a benefit (贷款不超过…)
        if v.obligation.search(s) and not (self._grant_after_obligation(s) or self._duty_inside_grant(s)):
            return False
        return True

    def grant_in_clause(self, s: str) -> bool:
        """A sentence that fails as a whole because of one clause — an opening task, a target, a remark on
        publicity or funding — may grant in the clauses left ("持续优化入出境政策措施，为…提供入出境、停居留便利";
        "…予以适当支持，…，力争到 2025 年…达到一定规模"); never one that addresses a government or a bank
        (鼓励金融机构…，为企业提供…), binds someone, negates, defines, or shows an agency or a payment at work."""
        v = self.v
        if not (v.grant_strong.search(s) or v.grant_patterns.search(s) or v.exemption.search(s)):
            return False  # the cheap test first: nothing named that any clause could grant
        if any(p.search(s) for p in (v.addressee, v.negation, v.definition, GUIDING_THOUGHT)):
            return False
        if v.statistic.search(s) or any(CLAUSE.search(m.group(0)) for pattern in (v.exhortation, v.target)
                                         for m in pattern.finditer(s)):
            return False  # a statistic, or a task or target that spans clauses, holds for the whole sentence
        if AGENCY_AT_WORK.search(s) or MONEY_HANDLING.search(s) or CONDITION_ONLY.search(s):
            return False
        parts = CLAUSE.split(s)
        dropped = [p for p in parts if v.exhortation.search(p) or v.target.search(p) or v.obligation.search(p)]
        if not 0 < len(dropped) < len(parts) or any(self._names_grant(p) for p in dropped):
            return False  # the clause that failed is the one that grants: the sentence fails with it
        left = "，".join(p for p in parts if p not in dropped)
        if v.obligation.search(s) and not v.grant_patterns.search(left):
            return False  # past a duty only a phrase rule grants ("接入线路由电网企业建设"), not a bare money word
        # what is left must grant outright, or grant by a phrase rule to an enterprise or a person
        named = v.grant_strong.search(left) or v.exemption.search(left) or (
            PERSON_OR_FIRM.search(left) and self._grant_beyond_service(left)) or (
            v.grant_patterns.search(left) and MONEY.search(left)) or any(
            QUOTA.search(m.group(0)) for m in v.grant_patterns.finditer(left)) or PROJECT_NEED.search(left)  # "为沿黄盟市解决5000万立方米…用水指标"
        return bool(named) and self.is_grant(left, whole=False)

    def grant_before_target(self, s: str) -> bool:
        """A target that closes the sentence over several clauses ("…予以适当支持，…，力争到2025年，…达到一定规模")
        aims the grant before it; that grant still holds. A target that opens the sentence holds for all of it."""
        m = self.v.target.search(s)
        cut = max(s.rfind(c, 0, m.start()) for c in "，,") if m and CLAUSE.search(m.group(0)) else -1
        if cut <= 0 or not self._names_grant(s[:cut]):
            return False
        head = s[:cut]
        return self.is_grant(head, whole=False) or self.grant_in_clause(head)

    def _grant_beyond_service(self, s: str) -> bool:
        """A phrase rule grants something other than a mere service ("提供…服务" alone is no benefit, but
        "将…民营企业纳入重点企业清单，提供…用工服务" grants the listing)."""
        services = [m.span() for m in MERE_SERVICE.finditer(s)]
        return any(not any(a <= m.start() < b for a, b in services) for m in self.v.grant_patterns.finditer(s))

    def _names_grant(self, s: str) -> bool:
        return bool(self.v.grant_strong.search(s) or self.v.grant_patterns.search(s) or self.v.exemption.search(s))

    @staticmethod
    def _grant_beside(s: str, neg: re.Match) -> bool:
        """A negation binds its own part of the sentence: "考核优秀的…再给予一次性奖励，考核不合格的取消…"."""
        left = max(s.rfind(c, 0, neg.start()) for c in "，,") + 1
        right = min((i for i in (s.find(c, neg.end()) for c in "，,") if i >= 0), default=len(s))
        return bool(GRANT_ELSEWHERE.search(s[:left]) or GRANT_ELSEWHERE.search(s[right:]))

    def _duty_for_later_case(self, s: str) -> bool:
        """A duty that opens its own clause after a case ("…，按比例计算后低于…之和的，应按…") follows a grant
        made in the clauses before that case; the grant stands."""
        for ob in self.v.obligation.finditer(s):
            case = LATER_CASE.search(s[:ob.start()])
            if case and self._names_grant(s[:case.start()]) and self.is_grant(s[:case.start()], whole=False):
                return True
        return False

    def _duty_inside_grant(self, s: str) -> bool:
        """An obligation word inside a granting phrase describes its object: "允许…需按照…进行消防设计的“零增地”
        技改项目先建后验" grants 先建后验 to projects that need a fire design."""
        ob = self.v.obligation.search(s)
        return any(m.start() < ob.start() and ob.end() < m.end() and "的" in s[ob.end():m.end()]
                   for m in self.v.grant_patterns.finditer(s))

    def _grant_after_obligation(self, s: str) -> bool:
        """An obligation word may belong to a grant ("须经认定后给予…"): the grant must follow it."""
        ob = self.v.obligation.search(s)
        grant = GRANT_VERB.search(s, ob.end()) if ob else None
        if grant is None:
            return False
        # "不得对外商投资企业…享受政策设置额外条件": a prohibition in the grant's own clause binds the grant too
        if PROHIBITION.search(s[max(s.rfind(c, 0, grant.start()) for c in "，,") + 1:grant.start()]):
            return False
        between = s[ob.start():grant.start()]
        cap = self.v.cap.search(between)
        # a cap inside the condition ("承诺…不低于5年的，…给予") binds the applicant, not the grant
        return cap is None or bool(re.search(r"的[，,]", between[cap.end():]))

    def kind_of(self, s: str) -> str:
        """The first phrase rule that names what is granted, else the first kind whose words occur, else a
        fallback rule ("按…规定给予相应支持": support with nothing named is money), else 其他."""
        for kind, pattern in self.v.kind_rules:
            if pattern.search(s):
                return kind
        for kind, words in self.v.kinds:
            if words.search(s):
                return kind
        for kind, pattern in self.v.fallback_rules:
            if pattern.search(s):
                return kind
        return "其他"

    def facts(self, text: str, label: str = "", responsible: str | None = None) -> list[Fact]:
        out = []
        parts = sentences_with_units(text, label, responsible)
        for n, (s, own) in enumerate(parts):
            if n == 0 and label and len(parts) > 1 and self.is_heading(s) and not ARTICLE.match(label):
                continue  # "二、延续实施稳岗返还政策。" names the item; an article (第五条) opens with a sentence
            # PDF extraction leaves spaces inside words ("的 50%"); 可再生 / 可降解 hold no 可 that grants.
            # words inside a cited title (《…补贴办法》) grant nothing by themselves
            flat = self.v.false_friends.sub(lambda m: "□" * len(m.group(0)), INNER_SPACE.sub("", s))
            flat = CITED_TITLE.sub(lambda m: "《" + "□" * (len(m.group(0)) - 2) + "》", flat)
            flat = self.v.asides.sub("", flat)  # "（以下简称申报单位）", "（本条所称…是指…）": a name or a definition aside
            if not (self.is_grant(flat) or self.grant_in_clause(flat) or self.grant_before_target(flat)):
                continue
            amounts = self.granted_amounts(s)
            if not amounts and self.restates_grant(flat, out):
                continue  # "…满3年，由企业推荐可申请购房补贴。" after the sentence granting it: its condition
            who, cond = self.party(s)
            out.append(Fact(self.kind_of(flat), s, amounts, who, cond, split_units(own)))
        return out

    def restates_grant(self, s: str, earlier: list[Fact]) -> bool:
        """A sentence naming again a benefit that an earlier sentence of the clause grants with its amounts
        ("给予最低5万元…的购房补贴。…由企业推荐可申请购房补贴。") states who may apply, not a new benefit."""
        m = self.v.restated_grant.search(s)
        benefit = m and next((g for g in m.groups() if g), None)
        return bool(benefit) and any(benefit in f.text and f.amounts for f in earlier)

    @staticmethod
    def is_title_line(s: str) -> bool:
        """A printed line that is no sentence: a title or heading inside the text (a table cell that
        grants, "对入选…的项目给予支持", is no title)."""
        return not re.search(r"[。；！？;!?，,：:]|给予", s) and len(s) <= 40

    @staticmethod
    def is_heading(s: str) -> bool:
        return len(s) <= 24 and not re.search(r"\d", s) and s.count("，") == 0

    def granted_amounts(self, s: str) -> list[str]:
        """Amounts granted in ``s``: thresholds and the numbers of its "对…的" condition are left out."""
        obj = OBJECT.match(s)
        span = obj and (obj.group("span") or obj.group("span2"))
        cond_end = obj.end("span" if obj.group("span") else "span2") if span and not self.v.grant_strong.search(span) else -1
        # inside the "对…" span only a share (按…的) or a cap on what is lent or granted is no condition:
        # "对符合条件的人员，创业担保贷款额度最高30 万元，贷款期限不超过 3 年，给予…贴息补助"
        out = [a.text for a in self.amounts.find(s)
               if not a.condition and not (a.end <= cond_end and not a.text.startswith(("按", "最高"))
                                           and not re.search(r"(?:额度|期限)\s*$", s[:a.start]))]
        return out  # as printed: "分别给予2万元、2万元、1.5万元" keeps both 2万元

    @staticmethod
    def party(s: str) -> tuple[str, str]:
        """(beneficiary, condition) as printed, or empty strings."""
        m = OBJECT.match(s)
        if m:
            span = (m.group("span") or m.group("span2")).strip()
            if "的" in span:
                cond, who = span.rsplit("的", 1)
                return who.strip(), cond.strip()
            return span, ""
        m = ELIGIBLE.search(s)
        if m:
            return m.group("who").strip(), m.group("cond").strip()
        m = SUBJECT.match(s)
        if m:
            return re.sub(r"^(?:对于|对|凡)", "", m.group("who")).strip(), ""
        return "", ""
