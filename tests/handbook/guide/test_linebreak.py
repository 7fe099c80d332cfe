"""Chinese line breaking: where a printed line may end."""

from __future__ import annotations

from handbook.guide.linebreak import plan


def lines(text: str, per_line: int) -> list[str]:
    spans = plan(text, [1.0] * len(text), [float(per_line)])
    return [text[s:e] for s, e in spans]


def test_document_numbers_amounts_and_dates_are_not_broken():
    text = "根据内政办发〔2022〕15号文件，给予最高 30 万元/年补贴，执行至2030年12月31日止。"
    for width in range(13, 30):
        out = lines(text, width)
        assert "".join(out) == text
        for token in ("内政办发〔2022〕15号", "30 万元/年", "2030年12月31日"):
            assert any(token in ln for ln in out), (width, out)
    for width in range(9, 13):  # a column narrower than the whole 文号 breaks before 〔, never inside it
        assert any("〔2022〕15号" in ln for ln in lines(text, width)), width


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation():
    text = "对符合条件的企业（含新引进企业），给予“一事一议”支持。" * 3
    for width in range(6, 20):
        out = lines(text, width)
        assert all(ln[0] not in "，。、）”" for ln in out[1:]), out
        assert all(ln[-1] not in "（“《" for ln in out), out


def test_the_last_line_is_never_a_widow():
    text = "提升企业竞争力和产品品质。"
    out = lines(text, 12)
    assert len(out[-1]) >= 3 and "".join(out) == text


def test_a_run_longer_than_the_line_is_still_broken():
    text = "A" * 30
    assert "".join(lines(text, 10)) == text and len(lines(text, 10)) == 3
