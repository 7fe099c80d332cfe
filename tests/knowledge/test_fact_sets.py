"""The incentive facts in the bundled database against the hand-written sets.

Two tuned sets (incentive_facts_dev.json, incentive_facts_dev2.json: the rules were adjusted while
looking at their misses) are scored together here as a regression floor. The issue's target
(precision ≥ 0.9, recall ≥ 0.85) is not yet met on them together, and the blind set
(incentive_facts_blind.json) is only scored and printed by bench/knowledge_eval.py: it is never
used to tune, so it is not a pass/fail gate.
"""

from __future__ import annotations

import pytest

from tests.knowledge.scoring import load_set, score


@pytest.fixture(scope="module")
def scores(handbook):
    store = handbook.store
    lines = {c["key"]: (store.document(c["doc_id"])["source"]["file"], c["first_line"], c["last_line"])
             for c in store.clause_rows()}
    facts = store.incentives()
    out = []
    for name in ("dev", "dev2"):
        cases = load_set(name)
        assert cases is not None, name
        out.append(score(cases, facts, lines))
    return out


def _total(scores, attr: str) -> int:
    return sum(getattr(s, attr) for s in scores)


def test_tuned_sets_precision_and_recall(scores):
    assert _total(scores, "expected") >= 300
    precision = _total(scores, "correct_extracted") / _total(scores, "extracted")
    recall = _total(scores, "found") / _total(scores, "expected")
    assert precision >= 0.8, [fp for s in scores for fp in s.false_positives[:5]]
    assert recall >= 0.78, [m["anchor"] for s in scores for m in s.misses[:5]]


def test_amounts_and_responsible_units_of_found_facts(scores):
    found = _total(scores, "found")
    assert _total(scores, "amounts_right") / found >= 0.9, [e for s in scores for e in s.amount_errors[:5]]
    assert _total(scores, "responsible_right") / found >= 0.85, [e for s in scores for e in s.responsible_errors[:5]]


def test_look_alikes_are_mostly_left_out(scores):
    taken, total = _total(scores, "lookalikes_taken"), _total(scores, "lookalikes")
    assert total >= 200
    assert taken / total <= 0.15
