"""Curated data files: the region tree and the policy themes (``resources/taxonomy``).

People edit these JSON files, not the code. This module loads and checks them and answers
the questions the rest of the domain asks: which region does a piece of text point to,
which regions lie above a region, which themes does a document carry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from handbook.errors import ContentError
from handbook.paths import resource_path

LEVELS = ("national", "autonomous_region", "league_city", "banner_county")


@dataclass(frozen=True)
class Region:
    name: str
    level: str
    parent: str | None
    cues: tuple[str, ...]
    doc_number_prefixes: tuple[str, ...]


@dataclass(frozen=True)
class Theme:
    name: str
    title_terms: tuple[str, ...]
    terms: tuple[str, ...]
    min_hits: int


def _load(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ContentError(f"数据文件 {path.name} 无法读取：{err}") from err


@dataclass(frozen=True)
class Taxonomy:
    regions: tuple[Region, ...]
    level_names: dict[str, str]
    themes: tuple[Theme, ...]

    @classmethod
    def load(cls, folder: Path | None = None) -> Taxonomy:
        folder = folder or resource_path("taxonomy")
        reg = _load(folder / "regions.json")
        th = _load(folder / "themes.json")
        regions = tuple(
            Region(r["name"], r["level"], r["parent"], tuple(r["cues"]), tuple(r["doc_number_prefixes"]))
            for r in reg["regions"]
        )
        names = {r.name for r in regions}
        for r in regions:
            if r.level not in LEVELS or (r.parent and r.parent not in names):
                raise ContentError(f"regions.json 中的地区 {r.name} 的级别或上级地区无效。")
        themes = tuple(Theme(t["name"], tuple(t["title_terms"]), tuple(t["terms"]), int(t["min_hits"])) for t in th["themes"])
        return cls(regions, dict(reg["level_names"]), themes)

    def region(self, name: str) -> Region:
        for r in self.regions:
            if r.name == name:
                return r
        raise KeyError(name)

    def resolve(self, name: str) -> str | None:
        """A region by its name or an unambiguous start of it (伊金霍洛 → 伊金霍洛旗), else None."""
        names = [r.name for r in self.regions]
        if name in names:
            return name
        starts = [n for n in names if n.startswith(name)]
        return starts[0] if len(starts) == 1 else None

    def ancestors(self, name: str) -> list[str]:
        """The region and every region above it: 伊金霍洛旗 → 鄂尔多斯市, 内蒙古自治区, 全国."""
        chain = []
        current: str | None = name
        while current:
            chain.append(current)
            current = self.region(current).parent
        return chain

    def descendants(self, name: str) -> list[str]:
        out = [name]
        for r in self.regions:
            if r.parent == name:
                out.extend(self.descendants(r.name))
        return out

    def _by_specificity(self) -> list[Region]:
        return sorted(self.regions, key=lambda r: -LEVELS.index(r.level))

    def region_by_number(self, doc_number: str | None) -> Region | None:
        if not doc_number:
            return None
        best: tuple[int, Region] | None = None
        for r in self.regions:
            for prefix in r.doc_number_prefixes:
                if doc_number.startswith(prefix) and (best is None or len(prefix) > best[0]):
                    best = (len(prefix), r)
        return best[1] if best else None

    def region_by_cue(self, text: str) -> Region | None:
        """The region whose cue appears earliest in ``text`` (ties: the more specific region)."""
        best: tuple[int, int, Region] | None = None
        for r in self._by_specificity():
            for cue in r.cues:
                pos = text.find(cue)
                if pos >= 0:
                    rank = (pos, -len(cue))
                    if best is None or rank < best[:2]:
                        best = (pos, -len(cue), r)
        return best[2] if best else None

    def themes_for(self, title: str, text: str) -> list[str]:
        found = []
        for theme in self.themes:
            if any(term in title for term in theme.title_terms):
                found.append(theme.name)
                continue
            hits = sum(text.count(term) for term in theme.terms)
            if hits >= theme.min_hits:
                found.append(theme.name)
        return found


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    return Taxonomy.load()
