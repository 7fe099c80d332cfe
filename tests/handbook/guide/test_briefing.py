"""Briefings: the same booklet built from a bookmark folder (clauses, notes, their incentives)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from handbook.errors import GuideError
from handbook.guide import compose_briefing, render
from tests.conftest import ROOT

FOLDER = "2026-12 鄂尔多斯考察"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def marked(hb):
    talent = next(f for f in hb.incentives("氢能", "伊金霍洛旗") if f["amounts"] and f["level"] == "banner_county")
    west = next(f for f in hb.incentives(None, "伊金霍洛旗") if "西部地区的鼓励类产业企业" in f["text"])
    keys = [talent["clause_key"], west["clause_key"], "34467a7acf:s3.p2"]
    for n, key in enumerate(dict.fromkeys(keys)):
        hb.bookmarks.add(key, note=f"问企业 <第{n + 1}条> & 用地", folders=[FOLDER])
    return keys


def test_briefing_quotes_the_bookmarked_clauses_with_notes_and_their_incentives(hb, marked, tmp_path):
    guide = compose_briefing(hb, FOLDER, organisation="伊金霍洛旗招商服务中心")
    assert guide.briefing and guide.region == "伊金霍洛旗"
    assert {q.key for q in guide.quotes()} == set(marked)
    assert all(q.remark.startswith("问企业") for q in guide.quotes())
    assert {r.clause_key for r in guide.incentives} <= set(marked) and len(guide.incentives) >= 2
    assert guide.profile is not None
    path = tmp_path / "briefing.pdf"
    result = render(guide, path, "A5")
    text = squash(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout)
    assert "书签条款与备注" in text and "备注：问企业<第1条>&用地" in text and "扶持政策一览" in text
    assert result["pages"] >= 4


def test_an_empty_folder_is_a_clear_message(hb):
    with pytest.raises(GuideError, match="没有书签"):
        compose_briefing(hb, "没有这个文件夹")


def test_cli_briefing(hb, marked, tmp_path):
    env_dir = tmp_path / "data"
    out = subprocess.run([sys.executable, "-m", "handbook", "--data-dir", str(env_dir), "bookmarks", "add",
                          marked[0], "--note", "简报", "--folder", "考察"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    pdf = tmp_path / "b.pdf"
    out = subprocess.run([sys.executable, "-m", "handbook", "--data-dir", str(env_dir), "guide", "--briefing",
                          "--bookmarks-folder", "考察", "-o", str(pdf), "--quiet"], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert pdf.read_bytes()[:4] == b"%PDF"
    bad = subprocess.run([sys.executable, "-m", "handbook", "--data-dir", str(env_dir), "guide", "--briefing",
                          "-o", str(tmp_path / "x.pdf")], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and "--bookmarks-folder" in bad.stderr
