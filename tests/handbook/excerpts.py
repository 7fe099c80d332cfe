"""Real excerpts of the bundled sources, cut by raw line range (1-based, inclusive)."""

from tests.conftest import SOURCES

WUHAI = "000_6f5e4476388cfc7c.txt"
LIST_2024 = "001_d6d39994a278070f.txt"
EJIN_HORO = "003_9164052686ef4f3a.txt"
HULUNBUIR = "004_4402b51cc72893bb.txt"


def excerpt(file: str, first: int, last: int) -> str:
    lines = (SOURCES / file).read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[first - 1 : last])
