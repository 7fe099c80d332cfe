"""Investment guides (投资指南) and briefings: composition from the clause knowledge, then a booklet.

compose.py selects and quotes (no layout); incentives.py turns incentive facts into the
扶持政策一览 and 通用政策 rows; region.py gathers 地区概况, 要素成本 and 产业链; model.py holds
the dataclasses; fonts.py, linebreak.py, layout.py, story.py and pdf.py set it in type.
"""

from handbook.guide.compose import compose, compose_briefing
from handbook.guide.model import SECTION_NAMES, SECTIONS, Cancelled, Guide, Quote
from handbook.guide.pdf import render

__all__ = ["SECTIONS", "SECTION_NAMES", "Cancelled", "Guide", "Quote", "compose", "compose_briefing", "render"]
