"""The industry catalogue (``resources/industries/industries.json``) and region profile sources.

People edit the JSON, not the code: each industry has the words that make a clause about
it, the handbook themes that usually carry its policies, and the openings of the sources'
own industry-chain paragraphs. ``regions`` says where a region's profile, factor costs and
chain paragraphs are printed in the sources (003 for 伊金霍洛旗, 004 for 呼伦贝尔市).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from handbook.errors import ContentError, GuideError
from handbook.paths import resource_path
from handbook.search.analysis import fold


@dataclass(frozen=True)
class Industry:
    id: str
    name: str
    terms: tuple[str, ...]
    exclude: tuple[str, ...]
    themes: tuple[str, ...]
    headings: tuple[str, ...]

    @property
    def pattern(self) -> re.Pattern:
        return re.compile("|".join(re.escape(fold(t)) for t in sorted(self.terms, key=len, reverse=True)))

    def matches(self, text: str) -> bool:
        folded = fold(text)
        if not self.pattern.search(folded):
            return False
        if self.exclude:
            stripped = folded
            for word in self.exclude:
                stripped = stripped.replace(fold(word), "")
            return bool(self.pattern.search(stripped))
        return True

    def hits(self, text: str) -> int:
        return len(self.pattern.findall(fold(text)))

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "terms": list(self.terms), "exclude": list(self.exclude),
                "themes": list(self.themes), "headings": list(self.headings)}


@dataclass(frozen=True)
class Catalogue:
    industries: tuple[Industry, ...]
    regions: dict

    @classmethod
    def load(cls, path: Path | None = None) -> Catalogue:
        path = path or resource_path("industries", "industries.json")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            industries = tuple(
                Industry(i["id"], i["name"], tuple(i["terms"]), tuple(i.get("exclude", [])), tuple(i.get("themes", [])),
                         tuple(i.get("headings", [])))
                for i in data["industries"])
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise ContentError(f"产业目录 {path.name} 无法读取：{err}") from err
        if len({i.id for i in industries}) != len(industries) or any(not i.terms for i in industries):
            raise ContentError(f"产业目录 {path.name} 中有重复的编号或没有关键词的产业。")
        return cls(industries, {k: v for k, v in data.get("regions", {}).items() if not k.startswith("_")})

    def find(self, name: str) -> Industry:
        """By id, exact name, or a name part (氢能, 新能源汽车, 重卡 …)."""
        for industry in self.industries:
            if name in (industry.id, industry.name):
                return industry
        parts = [i for i in self.industries if any(name == p.strip() for p in i.name.split("/")) or name in i.name]
        if len(parts) == 1:
            return parts[0]
        names = "、".join(i.name for i in self.industries)
        raise GuideError(f"没有“{name}”这个产业。可选：{names}。")


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    return Catalogue.load()
