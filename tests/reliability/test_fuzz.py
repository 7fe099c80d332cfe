"""Fuzz: 2,000 generated queries (with every filter, Whoosh syntax, odd Unicode) and 200
malformed import files. A query gives a result or a QueryError; an import file is merged
or refused with ImportFormatError and then changes nothing. Never anything else."""

from __future__ import annotations

import json
import random
import time

import pytest

from handbook.bookmarks import Bookmarks
from handbook.errors import HandbookError, ImportFormatError
from handbook.service import Handbook
from handbook.store import Store
from handbook.userdb import UserDB

SEED = 20261121
WORDS = ["储能", "氢能", "补贴", "标准地", "光伏治沙", "专精特新", "西部大开发企业所得税", "稀土", "人才", "电价",
         "国发〔2023〕16号", "内政办发〔2022〕15号", "国发2023年16号", "发改环资[2024]379号", "伊金霍洛旗", "绿电"]
SYNTAX = ["AND", "OR", "NOT", "(", ")", "[", "]", "{", "}", "*", "?", "~", "^2", ":", '"', "'", "-", "+", "\\", "/",
          "body:", "doc_id:", "region:伊金霍洛旗", "TO", "''", '""', "〔", "〕", "《", "》", "、", "，", "。", "…"]
ODD = ["\x00", "\t", "\n", "\u3000", "\u200b", "\ufeff", "\ud800", "\U0001f600", "e\u0301", "\u202e", "ＡＢＣ", "１２３",
       "<b>", "&amp;", "%", "_", "'; drop table clauses; --", "a" * 300, "中" * 400, "0" * 50, "-0", "1e400"]


def _query(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 5)):
        pool = rng.choice((WORDS, WORDS, SYNTAX, ODD))
        parts.append(rng.choice(pool))
    glue = rng.choice([" ", "", "  ", "\u3000", " -", ' "'])
    text = glue.join(parts)
    if rng.random() < 0.04:
        text = "".join(rng.sample(text, len(text)))  # shuffled characters
    return text[:500]


def _filters(rng: random.Random, regions: list[str]) -> dict:
    pick = lambda values: rng.choice(values) if rng.random() < 0.3 else None  # noqa: E731
    return {"region": pick(regions + ["火星", "", "伊金霍洛"]),
            "level": pick(["national", "autonomous_region", "league_city", "banner_county", "国家级", "宇宙级"]),
            "theme": pick(["能源", "人才", "不存在的主题"]),
            "status": pick(["现行有效", "已废止", "已被替代", "草稿"]),
            "year": pick(["2023", "2024", "1999", "abcd", ""]),
            "limit": rng.choice([1, 5, 20, 50])}


@pytest.fixture(scope="module")
def searchable(small_db, tmp_path_factory):
    """The small content with its own index (the full one makes 2,000 queries take ~40 s)."""
    service = Handbook(Store(small_db), cache_root=tmp_path_factory.mktemp("fuzz-cache"),
                       user_db_path=tmp_path_factory.mktemp("fuzz-data") / "user.sqlite")
    service.ensure_index()
    return service


def test_2000_fuzzed_queries_give_a_result_or_a_chinese_query_error(searchable):
    rng = random.Random(SEED)
    regions = [r["name"] for r in searchable.region_tree()]
    started = time.perf_counter()
    refused = 0
    for n in range(2000):
        text, filters = _query(rng), _filters(rng, regions)
        try:
            result = searchable.search(text, **filters)
        except HandbookError as err:
            assert str(err) and not str(err).isascii(), (n, text, filters, err)  # a Chinese sentence
            refused += 1
            continue
        assert len(result.hits) <= filters["limit"], (n, text)
        assert result.total >= len(result.hits), (n, text)
        for hit in result.hits:
            hit.snippet_html("<mark>{}</mark>")
            assert searchable.clause(hit.clause_key) is not None
    assert refused < 2000
    assert time.perf_counter() - started < 60  # a hang would show here; speed figures live in bench/


def _export(small_db, tmp_path) -> tuple[dict, list[str]]:
    store = Store(small_db)
    marks = Bookmarks(UserDB(tmp_path / "source.sqlite"), store)
    for i, row in enumerate(store.clause_rows()[:6]):
        marks.add(row["key"], note=f"备注{i}", folders=["甲", "乙"][: i % 3])
    return json.loads(marks.export_json()), [r["key"] for r in store.clause_rows()[:6]]


def _mutations(rng: random.Random, base: dict) -> list[bytes]:
    text = json.dumps(base, ensure_ascii=False)
    junk = [None, 0, -1, 1.5, True, "", "x" * 1000, [], {}, [[[]]], "\ud800", float("nan"), 10 ** 400]
    files: list[bytes] = []
    while len(files) < 200:
        kind = len(files) % 10
        if kind == 0:  # cut anywhere
            files.append(text[: rng.randrange(len(text))].encode("utf-8"))
        elif kind == 1:  # random bytes changed
            raw = bytearray(text.encode("utf-8"))
            for _ in range(rng.randint(1, 20)):
                raw[rng.randrange(len(raw))] = rng.randrange(256)
            files.append(bytes(raw))
        elif kind in (2, 3, 4):  # a field of one bookmark (or of the file) gets a wrong value or vanishes
            data = json.loads(text)
            target = rng.choice(data["bookmarks"]) if kind != 4 else data
            field = rng.choice(sorted(target))
            if rng.random() < 0.3:
                del target[field]
            else:
                target[field] = rng.choice(junk)
            files.append(json.dumps(data, ensure_ascii=rng.random() < 0.5, allow_nan=True,
                                    default=str).encode("utf-8", "surrogatepass"))
        elif kind == 5:  # deeply nested somewhere
            depth = rng.choice([50, 1000, 100_000])
            files.append((text[:-1] + ', "x": ' + "[" * depth + "]" * rng.choice([0, depth]) + "}").encode("utf-8"))
        elif kind == 6:  # another encoding
            files.append(text.encode(rng.choice(["gbk", "utf-16", "gb18030", "utf-32"])))
        elif kind == 7:  # not JSON at all
            files.append(bytes(rng.randrange(256) for _ in range(rng.randint(0, 2000))))
        elif kind == 8:  # the wrong top-level shape
            files.append(json.dumps(rng.choice([[base], "text", 1, None, {"format": "x"}, {**base, "bookmarks": {}},
                                                {**base, "folders": [1, 2]}, {**base, "version": "1"}])).encode())
        else:  # strings with odd characters in every bookmark
            data = json.loads(text)
            for item in data["bookmarks"]:
                item[rng.choice(["note", "doc_title", "label", "uid"])] = rng.choice(ODD) * rng.randint(1, 3)
            files.append(json.dumps(data).encode("utf-8"))
    return files


def test_200_malformed_import_files_are_merged_or_refused_without_change(small_db, tmp_path):
    rng = random.Random(SEED)
    base, keys = _export(small_db, tmp_path)
    marks = Bookmarks(UserDB(tmp_path / "user.sqlite"), Store(small_db))
    marks.add(keys[0], note="已有")
    refused = 0
    for n, raw in enumerate(_mutations(rng, base)):
        path = tmp_path / f"in-{n}.json"
        path.write_bytes(raw)
        before = (marks.count(), marks.folders(), [(b.uid, b.note) for b in marks.list()])
        try:
            marks.import_file(path)
        except ImportFormatError as err:
            refused += 1
            assert str(err) and "Traceback" not in str(err)
            assert (marks.count(), marks.folders(), [(b.uid, b.note) for b in marks.list()]) == before, n
        except HandbookError as err:  # pragma: no cover - shown with the file that caused it
            pytest.fail(f"file {n}: {type(err).__name__}: {err}")
        else:
            for b in marks.list():  # whatever was merged can be read and exported again
                b.citation.encode("utf-8")
            marks.export_csv()
            json.loads(marks.export_json())
    assert refused > 100
