"""The curated extraction vocabulary (``resources/knowledge/vocabulary.json`` and, beside it, ``kinds.json``
with the kinds of incentive and the amount rules) as compiled patterns.

People tune the JSON; this module only turns its word lists into regular expressions once. A list may be
extended by entries named "<list>:<topic>" (e.g. "grant_patterns:talent_science"): the rules of one topic
kept together, appended to the list they extend.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from handbook.errors import ContentError
from handbook.paths import resource_path

KINDS_FILE = "kinds.json"


def _words(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _merged(raw: dict) -> dict:
    """Append every "<list>:<topic>" entry to its list (each topic's rules kept apart in the JSON)."""
    out = {k: v for k, v in raw.items() if ":" not in k}
    for key, extra in raw.items():
        if ":" in key:
            base = key.split(":", 1)[0]
            if base not in out:
                raise KeyError(f"{key} extends no list named {base}")
            out[base] = out[base] + extra
    return out


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@dataclass(frozen=True)
class Vocabulary:
    grant_strong: re.Pattern[str]
    grant_weak: re.Pattern[str]
    false_friends: re.Pattern[str]
    concrete: re.Pattern[str]
    grant_patterns: re.Pattern[str]
    exemption: re.Pattern[str]
    obligation: re.Pattern[str]
    duty_bearer: re.Pattern[str]
    cap: re.Pattern[str]
    negation: re.Pattern[str]
    target: re.Pattern[str]
    statistic: re.Pattern[str]
    exhortation: re.Pattern[str]
    addressee: re.Pattern[str]
    delegated: re.Pattern[str]
    procedure: re.Pattern[str]
    definition: re.Pattern[str]
    heading_max_chars: int
    kinds: tuple[tuple[str, re.Pattern[str]], ...]
    kind_rules: tuple[tuple[str, re.Pattern[str]], ...]
    fallback_rules: tuple[tuple[str, re.Pattern[str]], ...]
    qualifiers: tuple[str, ...]
    units: tuple[str, ...]
    condition_context: re.Pattern[str]
    condition_suffix: tuple[str, ...]
    per_units: tuple[str, ...]
    per_prefix: tuple[str, ...]
    amount_words: re.Pattern[str]
    restated_grant: re.Pattern[str]
    asides: re.Pattern[str]

    @classmethod
    def load(cls, path: Path | None = None) -> Vocabulary:
        path = path or resource_path("knowledge", "vocabulary.json")
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            raw.update(json.loads(path.with_name(KINDS_FILE).read_text(encoding="utf-8")))
            raw = _merged(raw)
            amount = raw["amount"]
            return cls(
                grant_strong=_words(raw["grant_strong"]), grant_weak=_words(raw["grant_weak"]),
                false_friends=_words(raw["false_friends"]),
                concrete=_words(raw["concrete_benefit"]), grant_patterns=_any(raw["grant_patterns"]),
                exemption=_any(raw["exemption_patterns"]),
                obligation=_any(raw["obligation_patterns"]),
                duty_bearer=_any(raw["duty_bearer_patterns"]), cap=_words(raw["cap"]), negation=_words(raw["negation"]),
                target=_any(raw["target_patterns"]), statistic=_any(raw["statistic_patterns"]),
                exhortation=_any(raw["exhortation_patterns"]), addressee=_any(raw["addressee_patterns"]),
                delegated=_any(raw["delegated_grant_patterns"]),
                procedure=_words(raw["procedure"]), definition=_any(raw["definition_patterns"]),
                heading_max_chars=int(raw["heading_max_chars"]),
                kinds=tuple((k["kind"], _words(k["words"])) for k in raw["kinds"]),
                kind_rules=tuple((k["kind"], _any(k["patterns"])) for k in raw["kind_rules"]),
                fallback_rules=tuple((k["kind"], _any(k["patterns"])) for k in raw.get("fallback_rules", [])),
                qualifiers=tuple(sorted(amount["qualifiers"], key=len, reverse=True)),
                units=tuple(sorted(amount["units"], key=len, reverse=True)),
                condition_context=_words(amount["condition_context"]),
                condition_suffix=tuple(sorted(amount["condition_suffix"], key=len, reverse=True)),
                per_units=tuple(sorted(amount["per_units"], key=len, reverse=True)),
                per_prefix=tuple(sorted(amount["per_prefix"], key=len, reverse=True)),
                amount_words=_any(amount.get("word_patterns") or ["(?!)"]),
                restated_grant=_any(raw.get("restated_grant_patterns") or ["(?!)"]),
                asides=_any(raw.get("aside_patterns") or ["(?!)"]),
            )
        except (OSError, ValueError, KeyError, TypeError, re.error) as err:
            raise ContentError(f"抽取词表 {path.name} 无法读取：{err}") from err


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    return Vocabulary.load()
