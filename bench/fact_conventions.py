"""How the judges of the tuned incentive-fact sets treat recurring kinds of sentence.

For every sentence in the covered ranges of every tuned set (tests/knowledge/incentive_facts_dev*.json;
the blind set is never read) this counts, per sentence pattern, how often the judge listed it as a fact,
as a look-alike, or left it out, and how often the extractor takes it. It shows the majority convention
where the judges disagree, so rules follow that and not one set.

Usage: .venv/bin/python bench/fact_conventions.py [--db db/handbook.sqlite] [--examples PATTERN]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.knowledge.incentives import INNER_SPACE, sentences  # noqa: E402
from handbook.store import Store  # noqa: E402
from tests.knowledge.scoring import load_set, norm  # noqa: E402

TUNED = sorted((p.stem.removeprefix("incentive_facts_") for p in (ROOT / "tests" / "knowledge").glob("incentive_facts_dev*.json")),
               key=lambda n: int(n[3:] or 1))

LOCAL = r"(?:各地区?|地方|各盟市|盟市|旗县|各旗县|有条件的(?:地区|地方|盟市|旗县)|各级[^，。；]{0,6}|所在地)"
BANK = r"(?:金融机构|银行|保险机构|保险公司|担保机构|金融资本)"
PARK = r"(?:园区|开发区|示范区|高新区|经开区|合作区|产业集群|基地|示范县|示范旗|盟市|旗县)"
PATTERNS = {
    "ask_local_to_grant": rf"^(?:鼓励|支持|引导|推动|指导){LOCAL}[^。；]*(?:给予|减免|补贴|奖励|补助|奖补|优惠|资助)",
    "ask_bank_to_provide": rf"^(?:鼓励|引导|支持|推动|督促)[^，。；]{{0,4}}{BANK}[^。；]*(?:提供|给予|加大|开发|创新|发放)",
    "bank_subject_provides": rf"^{BANK}[^。；]{{0,20}}(?:提供|给予|加大|开发|发放)",
    "park_or_region_beneficiary": rf"^(?:对|对于)[^，。；]{{0,40}}{PARK}[^，。；]{{0,6}}[，,]?[^。；]*(?:给予|奖励|补助|支持)",
    "fund_cap_no_grant_verb": r"^(?!.*(?:给予|予以))[^。；]*(?:奖励|补助|补贴|奖补|资助|支持)(?:资金|金额|额度|总额|标准)[^，。；]{0,6}(?:不超过|最高|最多)",
    "support_listing": r"支持[^。；]{0,30}(?:挂牌|上市|发债|新三板)",
    "into_spatial_plan": r"纳入[^。；]{0,20}(?:国土空间规划|空间规划|用地计划|年度计划)",
    "no_fee_charged": r"不向[^。；]{0,20}收取|不收取[^。；]{0,10}费|免收[^。；]{0,10}费",
    "priority_support": r"优先(?:支持|安排|保障|推荐|纳入|列入|考虑|供应)",
    "enjoy_policy": r"(?:享受|落实)[^。；]{0,30}(?:政策|待遇)",
    "provide_service": r"提供[^。；]{0,16}服务",
    "into_list_or_pool": r"纳入[^。；]{0,24}(?:库|名录|清单|试点|范围|目录)",
    "support_enterprise_to_do": r"^支持[^。；]{0,30}(?:企业|项目|机构)[^。；]{0,10}(?:建设|发展|开展|参与|申报|创建|实施)",
    "grant_support_no_amount": r"给予[^。；]{0,10}(?:资金)?支持(?![^。；]*\d)",
    "case_by_case": r"一事一议",
    "per_rules_grant": r"按(?:照)?(?:有关|相关)?规定给予",
    "pass_through_upper_funds": r"(?:争取|积极争取|对接)[^。；]{0,30}(?:资金|支持|政策)",
    "land_guarantee": r"(?:用地|土地)[^。；]{0,16}(?:保障|优先|指标)",
    "green_channel": r"绿色通道|直通车",
    "ask_local_concrete": rf"^(?:鼓励|支持){LOCAL}[^。；]{{0,40}}(?:(?:给予|实行|实施)[^，。；]{{0,16}}"
                          r"(?:减免|奖励|消费券|优惠券)|保障[^，。；]{0,20}(?:用地|用能)需求|减免)",
    "ask_local_subsidy": rf"^(?:鼓励|支持){LOCAL}[^。；]{{0,40}}(?:补贴|贴息)",
    "increase_support_effort": r"加大[^。；]{0,40}(?:支持|保障)力度",
    "ensure_land_energy_needs": r"保障[^，。；]{0,20}(?:用地|用能|用电|用水)需求",
    "implement_policy": r"^落实(?:好)?[^。；]{0,40}政策",
    "permission": r"^允许|[，,]允许",
    "explore": r"(?:^|[，,])(?:鼓励)?探索",
    "target_with_grant": r"(?:力争|争取)[^。；]{0,30}(?:为|给予|安排|使用|落实)[^。；]{0,20}(?:指标|资金|基金|万元|亿元)",
    "fund_supports_region": r"(?:安排|通过|利用|统筹)[^。；]{0,30}(?:资金|专项|预算)[^。；，]{0,10}[，,]?"
                            r"(?:支持|鼓励)[^，。；]{0,16}(?:盟市|旗县|园区|地区|地方)",
}
PATTERNS = {k: re.compile(v) for k, v in PATTERNS.items()}


def rows(db: Path):
    """(set, doc, sentence, status, taken) for every sentence in the covered ranges."""
    store = Store(db)
    clauses = defaultdict(list)
    for c in store.clause_rows():
        clauses[c["doc_id"]].append(c)
    taken = defaultdict(list)
    for f in store.incentives():
        taken[f["clause_key"]].append(norm(f["text"]))
    for name in TUNED:
        case = load_set(name)
        facts = defaultdict(list)
        looks = defaultdict(list)
        for f in case["facts"]:
            facts[f["doc_id"]].append(norm(f["anchor"]))
        for f in case["lookalikes"]:
            looks[f["doc_id"]].append(norm(f["anchor"]))
        seen = set()
        for cov in case["covered"]:
            lo, hi = cov["lines"]
            for c in clauses.get(cov["doc_id"], []):
                if c["key"] in seen or not (c["first_line"] <= hi and c["last_line"] >= lo):
                    continue
                seen.add(c["key"])
                for s in sentences(c["text"] or "", c.get("label") or ""):
                    flat = INNER_SPACE.sub("", s.replace("\n", ""))
                    n = norm(flat)
                    status = ("fact" if any(a in n for a in facts[c["doc_id"]])
                              else "look" if any(a in n for a in looks[c["doc_id"]]) else "omit")
                    got = any(n in t or t in n for t in taken[c["key"]])
                    yield name, c["doc_id"], flat, status, got


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=str(ROOT / "db" / "handbook.sqlite"))
    ap.add_argument("--examples", help="print the sentences of this pattern")
    ap.add_argument("--regex", help="count and print the sentences matching this ad-hoc pattern instead")
    args = ap.parse_args()
    if args.regex:
        PATTERNS.clear()
        PATTERNS["regex"] = re.compile(args.regex)
        args.examples = "regex"
    table = defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0, 0]))  # pattern → set → fact, look, omit, taken, taken facts
    examples = []
    for name, _doc, s, status, got in rows(Path(args.db)):
        for pat, rx in PATTERNS.items():
            if rx.search(s):
                cell = table[pat][name]
                cell[("fact", "look", "omit").index(status)] += 1
                cell[3] += got
                cell[4] += got and status == "fact"
                if pat == args.examples:
                    examples.append((name, status, "TAKEN" if got else "-", s[:140]))
    print(f"{'pattern':28} " + " ".join(f"{n:>11}" for n in TUNED) + "       total F/L/O  extracted      majority")
    for pat in PATTERNS:
        cells = table[pat]
        tot = [sum(cells[n][i] for n in TUNED) for i in range(5)]
        major = max(zip(tot[:3], ("fact", "look", "omit"), strict=True))[1]
        print(f"{pat:28} " + " ".join(f"{'/'.join(map(str, cells[n][:3])):>11}" for n in TUNED)
              + f"   {'/'.join(map(str, tot[:3])):>12}  {tot[3]:3} ({tot[4]} facts)  {major}")
    print("cells: fact/look-alike/left out (sentences in covered ranges); extracted: sentences the extractor takes")
    for e in examples:
        print(*e)


if __name__ == "__main__":
    main()
