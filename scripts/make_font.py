"""Regenerate the bundled CJK font: WenQuanYi Micro Hei subset to what the handbook shows.

Run by hand: ``.venv/bin/python scripts/make_font.py [--source /usr/share/fonts/truetype/wqy/wqy-microhei.ttc]``
(Debian/Ubuntu package ``fonts-wqy-microhei``, licence Apache-2.0 or GPL-3+ with font
exception; we use it under Apache-2.0, see resources/fonts/LICENSE-WenQuanYi.txt).

The subset keeps every character of the bundled sources and curated data, all of GB2312
(so notes, search words and guide titles typed by users render too), printable ASCII,
Latin-1, general punctuation and full-width forms. It keeps TrueType (glyf) outlines, so
the same file serves Qt and reportlab (which embeds it, subset again, in PDFs).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "resources" / "fonts" / "WenQuanYiMicroHei-subset.ttf"


def wanted_characters() -> set[str]:
    chars: set[str] = set()
    for folder in ("sources", "taxonomy", "search", "industries"):
        for path in (ROOT / "resources" / folder).glob("*"):
            if path.suffix in (".txt", ".json", ".md"):
                chars |= set(path.read_text(encoding="utf-8"))
    # GB2312: symbol rows 1-10 (0xA1A1-0xAAFE) and hanzi rows 16-87 (0xB0A1-0xF7FE)
    for code in [*range(0xA1A1, 0xAAFF), *range(0xB0A1, 0xF7FF)]:
        hi, lo = code >> 8, code & 0xFF
        if 0xA1 <= lo <= 0xFE:
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    ranges = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF), (0x2460, 0x24FF),
              (0x2160, 0x217F), (0x2190, 0x21FF), (0x25A0, 0x25FF)]
    for start, end in ranges:
        chars |= {chr(c) for c in range(start, end + 1)}
    return {c for c in chars if not c.isspace() or c in " \u3000\u00a0"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    args = parser.parse_args()
    source = Path(args.source)
    if not source.exists():
        sys.stderr.write(f"{source} not found: apt-get install fonts-wqy-microhei\n")
        return 2
    font = TTCollection(str(source)).fonts[0]  # "WenQuanYi Micro Hei" (index 1 is the Mono face)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False  # smaller; Qt and PDF viewers render CJK unhinted anyway
    subsetter = subset.Subsetter(options)
    chars = wanted_characters()
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(TARGET))
    cmap = font.getBestCmap()
    missing = sorted(c for c in chars if ord(c) not in cmap and not c.isspace())
    print(f"{TARGET.relative_to(ROOT)}: {TARGET.stat().st_size // 1024} KB, {len(cmap)} characters"
          f"{'; not in the source font: ' + ''.join(missing[:40]) if missing else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
