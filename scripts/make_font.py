"""Regenerate the bundled CJK fonts, subset to what the handbook shows.

Run by hand: ``.venv/bin/python scripts/make_font.py [--source …wqy-microhei.ttc] [--noto /usr/share/fonts/opentype/noto]``.

- WenQuanYi Micro Hei (UI; Debian package ``fonts-wqy-microhei``, Apache-2.0, see
  resources/fonts/LICENSE-Apache-2.0.txt);
- Noto Serif CJK SC Regular (printed body) and Noto Sans CJK SC Bold (printed headings)
  from Debian's ``fonts-noto-cjk`` (SIL Open Font License 1.1, resources/fonts/LICENSE-OFL.txt).
  Their CFF outlines are converted to TrueType quadratic outlines (fontTools cu2qu), because
  reportlab embeds TrueType only.

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
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, newTable

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "resources" / "fonts"
TARGET = FONTS / "WenQuanYiMicroHei-subset.ttf"
NOTO = {  # target file: (collection file, face name, last GB2312 row): level-1 hanzi; rarer ones fall back to WenQuanYi
    "NotoSerifSC-Regular-subset.ttf": ("NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", 0xD7),
    "NotoSansSC-Bold-subset.ttf": ("NotoSansCJK-Bold.ttc", "Noto Sans CJK SC Bold", 0xD7),
}


def wanted_characters(last_gb2312_row: int = 0xF7) -> set[str]:
    """Characters of resources/ plus GB2312 up to ``last_gb2312_row`` (0xD7: level 1 hanzi only)."""
    chars: set[str] = set()
    for folder in ("sources", "taxonomy", "search", "industries", "guide", "knowledge"):
        for path in (ROOT / "resources" / folder).glob("*"):
            if path.suffix in (".txt", ".json", ".md"):
                chars |= set(path.read_text(encoding="utf-8"))
    # GB2312: symbol rows 1-10 (0xA1A1-0xAAFE) and hanzi rows 16-87 (0xB0A1-0xF7FE)
    for code in [*range(0xA1A1, 0xAAFF), *range(0xB0A1, (last_gb2312_row << 8) + 0xFF)]:
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


def subset_options() -> subset.Options:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False  # smaller; Qt and PDF viewers render CJK unhinted anyway
    return options


def cff_to_truetype(font, max_err: float = 1.0) -> None:
    """Replace CFF outlines with quadratic TrueType ones (the fontTools otf2ttf recipe)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        hmtx[name] = (hmtx[name][0], getattr(glyph, "xMin", 0))
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones",):
        setattr(maxp, attr, 1)
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                 "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 3.0
    post.extraNames, post.mapping = [], {}
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\000\001\000\000"


def make_noto(folder: Path) -> list[str]:
    lines = []
    for target, (collection, face, last_row) in NOTO.items():
        chars = wanted_characters(last_row)
        path = folder / collection
        if not path.exists():
            lines.append(f"{path} not found: apt-get install fonts-noto-cjk")
            continue
        font = next(f for f in TTCollection(str(path)).fonts if f["name"].getDebugName(4) == face)
        subsetter = subset.Subsetter(subset_options())
        subsetter.populate(unicodes=[ord(c) for c in chars])
        subsetter.subset(font)
        cff_to_truetype(font, max_err=2.0)
        out = FONTS / target
        font.save(str(out))
        lines.append(f"{out.relative_to(ROOT)}: {out.stat().st_size // 1024} KB, {len(font.getBestCmap())} characters")
    return lines


def make_wqy(source: Path, chars: set[str]) -> str:
    if not source.exists():
        return f"{source} not found: apt-get install fonts-wqy-microhei"
    font = TTCollection(str(source)).fonts[0]  # "WenQuanYi Micro Hei" (index 1 is the Mono face)
    subsetter = subset.Subsetter(subset_options())
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(TARGET))
    cmap = font.getBestCmap()
    missing = sorted(c for c in chars if ord(c) not in cmap and not c.isspace())
    return (f"{TARGET.relative_to(ROOT)}: {TARGET.stat().st_size // 1024} KB, {len(cmap)} characters"
            f"{'; not in the source font: ' + ''.join(missing[:40]) if missing else ''}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    parser.add_argument("--noto", default="/usr/share/fonts/opentype/noto", help="folder of fonts-noto-cjk")
    args = parser.parse_args()
    chars = wanted_characters()
    lines = [make_wqy(Path(args.source), chars), *make_noto(Path(args.noto))]
    for line in lines:
        print(line)
    return 2 if any("not found" in line for line in lines) else 0


if __name__ == "__main__":
    sys.exit(main())
