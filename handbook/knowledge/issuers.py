"""Issuers a document does not print in a header but names in its title or text (marked inferred).

"本办法由伊金霍洛旗工业和信息化局负责解释" and "鄂尔多斯市人民政府关于…" say who stands behind a
document whose header the compilation dropped.
"""

from __future__ import annotations

import re

BODY = r"[^，。；\s]{2,30}?(?:局|厅|委|委员会|办公室|政府|部|院|中心|领导小组|小组|办|署|会)"
INTERPRETS = re.compile(rf"由\s*(?P<who>{BODY}(?:、{BODY})*)\s*(?:会同[^，。；]{{0,12}})?(?:负责|进行)?解释"
                        rf"|解释权归\s*(?P<owner>{BODY})\s*所有")
TITLE_BODY = re.compile(r"^(?P<who>[^，。；、\s《]{2,30}?(?:人民政府|政府办公室|办公厅|政府|党委|委员会|局|厅|委|部))(?:关于|印发|转发|办公室关于)"
                        r"|^(?P<whole>[^，。；、\s《]{2,30}?(?:常务委员会|人民政府|委员会))(?:公告|决定|决议|令)$")


def inferred_issuers(title: str, body: str) -> list[str]:
    found: list[str] = []
    m = TITLE_BODY.match(title)
    if m:
        found.append(m.group("who") or m.group("whole"))
    for m in INTERPRETS.finditer(body[-2000:]):
        for who in (m.group("who") or m.group("owner")).split("、"):
            who = re.sub(r"^(?:本\S{1,6}?由)", "", who).strip()
            if who and who not in found:
                found.append(who)
    return found
