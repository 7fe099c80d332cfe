"""Investment guides (投资指南): composition from the clause knowledge, then a printed booklet.

compose.py selects and quotes (no layout); incentives.py turns incentive facts into the
扶持政策一览 and 通用政策 tables; region.py gathers 地区概况, 要素成本 and 产业链; fonts.py,
layout.py, story.py and pdf.py set it in type with reportlab.
"""

from handbook.guide.compose import SECTIONS, Cancelled, Guide, Quote, compose
from handbook.guide.pdf import render

__all__ = ["SECTIONS", "Cancelled", "Guide", "Quote", "compose", "render"]
