"""Issuers a document does not print in a header but names in its title or text (marked inferred).

"本办法由伊金霍洛旗工业和信息化局负责解释" and "鄂尔多斯市人民政府关于…" say who stands behind a
document whose header the compilation dropped.
"""

from __future__ import annotations

import re

INTERPRETS = re.compile(r"由\s*(?P<who>[^，。；、\s]{3,40}?(?:局|厅|委|委员会|办公室|政府|部|院|中心|领导小组|小组|办|署|会))\s*(?:负责)?解释")
TITLE_BODY = re.compile(r"^(?P<who>[^，。；、\s《]{2,30}?(?:人民政府|政府办公室|办公厅|政府|党委|委员会|局|厅|委|部))(?:关于|印发|转发|办公室关于)")


def inferred_issuers(title: str, body: str) -> list[str]:
    found: list[str] = []
    m = TITLE_BODY.match(title)
    if m:
        found.append(m.group("who"))
    for m in INTERPRETS.finditer(body[-2000:]):
        who = m.group("who")
        if who not in found:
            found.append(who)
    return found
