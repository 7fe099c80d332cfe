"""Score clause knowledge (incentive facts) on the hand-written sets, tuned (dev) and blind separately.

Usage: .venv/bin/python bench/knowledge_eval.py [--db db/handbook.sqlite] [--details dev] [--no-blind]
Tuned sets: every tests/knowledge/incentive_facts_dev*.json and validity_dev; blind sets: every
incentive_facts_blind*.json (blind, blind3: each written by a judge who never saw the extractor, on
text chosen before any tuning on it) and validity_blind.
``--no-blind`` (for whoever tunes the rules) never loads or prints the blind sets.
Prints precision, recall, amounts right, 责任单位 right and kind right per set, per source and per
kind. The baseline printed beside it is the extractor the guide used before clause knowledge
existed (any sentence with a grant word and an amount), scored on the same sets.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.store import Store  # noqa: E402
from tests.knowledge.scoring import load_set, load_validity, score, score_validity  # noqa: E402

OLD_GRANT = re.compile(r"给予|补贴|奖励|奖补|补助|贴息|减按|免征|减免|减征|返还|资助|扶持|优惠|配置|支持")
OLD_AMOUNT = re.compile(r"(?:(?:最高不超过|最高|不超过|不高于|不低于|上限为?|每亩|每吨|每千瓦时?|每人|每户|每年|一次性)\s*)?"
                        r"\d+(?:\.\d+)?\s*(?:[-—～~至]\s*\d+(?:\.\d+)?\s*)?(?:万元|亿元|元/[^\s，。；、）)]{1,5}|元|%|％|倍|个百分点)")


def baseline_facts(store: Store) -> list[dict]:
    out = []
    for c in store.clause_rows():
        for sentence in re.split(r"(?<=[。；])", (c["text"] or "").replace("\n", "")):
            if len(sentence) >= 8 and OLD_GRANT.search(sentence) and OLD_AMOUNT.search(sentence):
                out.append({"doc_id": c["doc_id"], "clause_key": c["key"], "text": sentence, "kind": "资金奖补",
                            "amounts": [m.group(0) for m in OLD_AMOUNT.finditer(sentence)],
                            "responsible": [c["responsible"]] if c["responsible"] else []})
    return out


TUNED = tuple(sorted((p.stem.removeprefix("incentive_facts_")
                      for p in (ROOT / "tests" / "knowledge").glob("incentive_facts_dev*.json")),
                     key=lambda n: int(n[3:] or 1)))
BLIND = tuple(sorted((p.stem.removeprefix("incentive_facts_")
                      for p in (ROOT / "tests" / "knowledge").glob("incentive_facts_blind*.json")),
                     key=lambda n: int(n[5:] or 1)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=str(ROOT / "db" / "handbook.sqlite"))
    ap.add_argument("--details", choices=list(TUNED), help="print misses and false positives of this tuned set")
    ap.add_argument("--no-blind", action="store_true", help="skip the blind sets (use this while tuning)")
    args = ap.parse_args()
    store = Store(Path(args.db))
    lines = {c["key"]: (store.document(c["doc_id"])["source"]["file"], c["first_line"], c["last_line"])
             for c in store.clause_rows()}
    facts = store.incentives()
    base = baseline_facts(store)
    for name in TUNED + (() if args.no_blind else BLIND):
        cases = load_set(name)
        if cases is None:
            continue
        for label, extracted in (("knowledge", facts), ("baseline", base)):
            s = score(cases, extracted, lines)
            print(f"[{name:6}] {label:9} facts={s.expected} found={s.found} extracted={s.extracted} "
                  f"precision={s.precision:.3f} recall={s.recall:.3f} amounts={s.amounts:.3f} "
                  f"responsible={s.responsible:.3f} kind={s.kind:.3f} lookalikes_taken={s.lookalikes_taken}/{s.lookalikes}")
            if label != "knowledge":
                continue
            for src, c in sorted(s.per_source.items()):
                print(f"         source {src}: recall {c['found']}/{c['expected']}  precision {c['correct']}/{c['extracted']}")
            for kind, c in sorted(s.per_kind.items(), key=lambda kv: -kv[1]["expected"]):
                print(f"         kind {kind}: recall {c['found']}/{c['expected']}")
            print("         kind confusions (expected→got):",
                  ", ".join(f"{a}→{b} {n}" for (a, b), n in s.kind_confusions.most_common(6)))
            if args.details == name:
                for m in s.misses:
                    print("  MISS", m["anchor"], "|", m["kind"], m["amounts"])
                for fp in s.false_positives:
                    print("  FP  ", fp)
                for e in s.amount_errors:
                    print("  AMT ", e)
                for e in s.responsible_errors:
                    print("  RESP", e)
    if not args.no_blind:
        for name in BLIND:
            split_report(name, load_set(name), [load_set(n) for n in TUNED], facts, lines)
    validity_report(store, "dev")
    if not args.no_blind:
        validity_report(store, "blind")


def untouched(case_set: dict, tuned: list[dict]) -> dict:
    """The part of ``case_set`` whose source lines no tuned set covers: its covered ranges minus every
    range a tuned set covers in the same source file, with the facts and look-alikes starting there."""
    taken: dict[str, list[tuple[int, int]]] = {}
    for other in tuned:
        for c in other["covered"]:
            taken.setdefault(c["source"], []).append(tuple(c["lines"]))
    covered = []
    for c in case_set["covered"]:
        pieces = [tuple(c["lines"])]
        for lo, hi in taken.get(c["source"], []):
            pieces = [part for a, b in pieces
                      for part in ((a, min(b, lo - 1)), (max(a, hi + 1), b)) if part[0] <= part[1]]
        covered += [{**c, "lines": list(piece)} for piece in pieces]

    def inside(case: dict) -> bool:
        return any(c["doc_id"] == case["doc_id"] and c["lines"][0] <= case["line"] <= c["lines"][1] for c in covered)

    return {"covered": covered, "facts": [f for f in case_set["facts"] if inside(f)],
            "lookalikes": [x for x in case_set["lookalikes"] if inside(x)]}


def split_report(name: str, blind: dict | None, tuned: list[dict | None], facts: list[dict], lines: dict) -> None:
    """Blind figures on the text no tuned set covers: there, neither the cases nor the sentences were tuned on."""
    if blind is None:
        return
    part = untouched(blind, [t for t in tuned if t])
    s = score(part, facts, lines)
    print(f"[{name}] on text no tuned set covers: facts={s.expected} found={s.found} extracted={s.extracted} "
          f"precision={s.precision:.3f} recall={s.recall:.3f} amounts={s.amounts:.3f} "
          f"responsible={s.responsible:.3f} kind={s.kind:.3f} lookalikes_taken={s.lookalikes_taken}/{s.lookalikes}")


def validity_report(store: Store, name: str) -> None:
    from datetime import date

    from handbook.industries import default_catalogue

    cases = load_validity(name)
    if cases is None:
        print(f"[validity {name}] set not present")
        return
    for label, (right, judged) in score_validity(cases, store, date(2026, 11, 21), default_catalogue()).items():
        print(f"[validity {name}] {label:28} {right}/{judged} = {right / judged if judged else 0:.3f}")


if __name__ == "__main__":
    main()
