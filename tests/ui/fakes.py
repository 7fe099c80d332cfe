"""A small fake of the Handbook service for testing one panel at a time (dangerzone-style)."""

from __future__ import annotations

from datetime import date

from handbook.search import Entry, Hit, SearchResult
from handbook.search.query import parse_query
from handbook.store import ClauseNode

LEVELS = {"national": "国家级", "autonomous_region": "自治区级", "league_city": "盟市级", "banner_county": "旗县级"}
REGIONS = [("全国", None, "national"), ("内蒙古自治区", "全国", "autonomous_region"),
           ("鄂尔多斯市", "内蒙古自治区", "league_city"), ("伊金霍洛旗", "鄂尔多斯市", "banner_county"),
           ("乌海市", "内蒙古自治区", "league_city")]  # depth-first, as Handbook.region_tree() returns them


def _doc(doc_id, title, number, region, level, status="现行有效", themes=("能源",), date=None, repealed_by=None):
    return {"id": doc_id, "title": title, "doc_number": number, "issuers": ["某某部门"], "date": date, "level": level,
            "region": region, "themes": list(themes), "status": status, "repealed_by": repealed_by, "duplicate_of": None}


def _incentive(i, doc_id, key, kind, text, amounts, industry="hydrogen", condition="", window_end=None):
    return {"id": i, "doc_id": doc_id, "clause_key": key, "ordinal": i, "kind": kind, "text": text, "amounts": amounts,
            "beneficiary": "企业", "condition": condition, "responsible": [], "heading_path": [], "citation": f"《{doc_id}》{key}",
            "window": {"start": None, "end": window_end} if window_end else None, "industries": [{"id": industry, "relevance": "primary"}]}


class FakeBookmarks:
    """Folders and counts, as the start page asks for them."""

    def __init__(self, folders: dict[str, int] | None = None):
        self.by_folder = dict(folders or {})

    def folders(self):
        return list(self.by_folder)

    def list(self, folder=None, **_kw):
        return [object()] * (self.by_folder.get(folder, 0) if folder else sum(self.by_folder.values()))

    def count(self):
        return sum(self.by_folder.values())


class FakeService:
    content_version = "fake0000version"
    content_date = "2025-05-13"
    today = date(2026, 3, 1)

    def __init__(self):
        long_text = "\n".join(f"第{i}段：氢能产业示范应用，支持加氢站建设。" for i in range(1, 30))
        self.docs = [
            _doc("d1", "关于促进氢能产业高质量发展的意见", "内政办发〔2022〕15号", "内蒙古自治区", "autonomous_region", date="2022-02-28"),
            _doc("d2", "伊金霍洛旗人才政策", None, "伊金霍洛旗", "banner_county", themes=("人才",)),
            _doc("d3", "2023年政策清单", "内政发〔2023〕3号", "内蒙古自治区", "autonomous_region", status="已被替代", repealed_by="d1"),
            _doc("d4", "国务院关于推动内蒙古高质量发展的意见", "国发〔2023〕16号", "全国", "national"),
            _doc("d5", "乌海市招商引资意见", "乌党发〔2021〕15号", "乌海市", "league_city", themes=("招商",)),
        ]
        self.trees = {
            "d1": [
                ClauseNode("d1:intro", "", "paragraph", "", "为加快氢能发展，依据《国务院关于推动内蒙古高质量发展的意见》制定本意见。", None, 0),
                ClauseNode("d1:s1", "一、", "level1", "一、总体要求", "一、总体要求", None, 0, children=[
                    ClauseNode("d1:s1.p1", "（一）", "level2", "（一）指导思想", "（一）指导思想。坚持绿色发展，A<B & C>D 不是标签。", None, 1),
                    ClauseNode("d1:s1.p2", "（二）", "level2", "（二）发展目标", "（二）发展目标。" + long_text, None, 1),
                ]),
                ClauseNode("d1:s2", "二、", "level1", "二、支持政策", "二、支持政策", None, 0, children=[
                    ClauseNode("d1:s2.p3", "（三）", "level2", "（三）资金支持", "（三）资金支持。对加氢站给予补贴，最高 500 万元。", "自治区财政厅", 1),
                ]),
            ],
        }
        for doc in self.docs:
            self.trees.setdefault(doc["id"], [ClauseNode(f"{doc['id']}:s1", "一、", "level1", "", f"一、{doc['title']}的正文。", None, 0)])
        self.set_window("d1:s2.p3", "2026-06-30")  # time-bounded measures (执行至…)
        self.set_window("d4:s1", "2025-12-31")
        self.incentive_rows = [
            _incentive(1, "d1", "d1:s2.p3", "资金奖补", "对加氢站给予补贴，最高 500 万元。", ["500万元"], window_end="2026-06-30"),
            _incentive(2, "d5", "d5:s1", "电价用能", "氢能企业执行 0.26 元/千瓦时 的优惠电价。", ["0.26元/千瓦时"], condition="年用电量 1 亿千瓦时以上"),
            _incentive(3, "d2", "d2:s1", "人才待遇", "氢能领军人才给予 A<B & 购房补贴 50 万元。", ["50万元"]),
            _incentive(4, "d4", "d4:s1", "税费减免", "减按 15% 征收企业所得税。", ["15%"], window_end="2025-12-31"),
            _incentive(5, "d4", "d4:s1", "资金奖补", "对光伏治沙项目给予奖励。", [], industry="solar"),
        ]
        self.bookmarks = FakeBookmarks({"2026-12 鄂尔多斯考察": 3, "某某氢能项目": 1})
        self.searches: list[tuple[str, dict]] = []
        self.index_ready = True
        self.built = 0
        self.slow_search = None  # tests set a callable(text, cancelled) to slow searches down

    # navigation
    def region_tree(self):
        return [{"name": n, "parent": p, "level": lv, "level_name": LEVELS[lv], "count": len(self.documents(region=n)),
                 "depth": len(self._ancestors(n)) - 1} for n, p, lv in REGIONS]

    def theme_list(self):
        names = sorted({t for d in self.docs for t in d["themes"]})
        return [{"name": n, "count": sum(n in d["themes"] for d in self.docs)} for n in names]

    def level_names(self):
        return dict(LEVELS)

    def _descendants(self, name):
        out = [name]
        for n, p, _ in REGIONS:
            if p == name:
                out += self._descendants(n)
        return out

    def _ancestors(self, name):
        parents = {n: p for n, p, _ in REGIONS}
        out = []
        while name:
            out.append(name)
            name = parents[name]
        return out

    def documents(self, region=None, theme=None, status=None, with_ancestors=False, include_duplicates=False):
        docs = list(self.docs)
        if region:
            allowed = self._ancestors(region) if with_ancestors else self._descendants(region)
            docs = [d for d in docs if d["region"] in allowed]
        if theme:
            docs = [d for d in docs if theme in d["themes"]]
        if status:
            docs = [d for d in docs if d["status"] == status]
        return [dict(d) for d in docs]

    # reading
    def document(self, doc_id):
        return next((dict(d) for d in self.docs if d["id"] == doc_id), None)

    def clause_tree(self, doc_id):
        return self.trees.get(doc_id, [])

    def _all(self, nodes):
        for n in nodes:
            yield n
            yield from self._all(n.children)

    def clause(self, key):
        for node in self._all(self.trees.get(key.split(":")[0], [])):
            if node.key == key:
                return {"key": node.key, "doc_id": key.split(":")[0], "label": node.label, "text": node.text,
                        "heading": node.heading}
        return None

    def citations(self, doc_id):
        if doc_id == "d1":
            return [{"doc_id": "d1", "clause_key": "d1:intro", "cited_title": "国务院关于推动内蒙古高质量发展的意见",
                     "cited_number": "国发〔2023〕16号", "target_doc": "d4", "repeals": 0}]
        return []

    def cited_by(self, doc_id):
        return [{"doc_id": c["doc_id"], "title": self.document(c["doc_id"])["title"], "clause_key": c["clause_key"]}
                for d in self.docs for c in self.citations(d["id"]) if c["target_doc"] == doc_id]

    def validity(self, doc):
        return {"status": doc["status"], "draft": bool(doc.get("draft")), "trial": bool(doc.get("trial")),
                "effective": doc.get("effective"), "valid_until": doc.get("valid_until")}

    def set_window(self, key, end, start=None):
        next(n for n in self._all(self.trees[key.split(":")[0]]) if n.key == key).window = {"start": start, "end": end}

    def citation_of(self, key):
        clause = self.clause(key)
        doc = self.document(key.split(":")[0])
        number = f"（{doc['doc_number']}）" if doc["doc_number"] else ""
        return f"《{doc['title']}》{number}{clause['label']}"

    # knowledge: incentives, expiry, comparison
    def incentives(self, industry=None, region=None, kind=None, today=None):
        allowed = set(self._ancestors(region)) if region else None
        out = []
        for item in self.incentive_rows:
            doc = self.document(item["doc_id"])
            if industry and industry not in {i["id"] for i in item["industries"]}:
                continue
            if (allowed is not None and doc["region"] not in allowed) or (kind and item["kind"] != kind):
                continue
            if doc["status"] == "现行有效":
                out.append(dict(item))
        return out

    def expiring(self, ahead_months=6, behind_months=6, today=None):
        from handbook.expiry import expiring, months_to_days

        timed = [{"key": n.key, "doc_id": d["id"], "label": n.label, "text": n.text, "window_end": n.window["end"]}
                 for d in self.docs for n in self._all(self.trees[d["id"]]) if n.window]
        return expiring(self.documents(), timed, today or self.today, months_to_days(ahead_months), months_to_days(behind_months))

    def newest_by_year(self, years=3):
        by_year = {}
        for d in self.docs:
            year = d.get("year") or (int(d["date"][:4]) if d.get("date") else None)
            if year:
                by_year.setdefault(year, []).append(dict(d))
        return [(y, by_year[y]) for y in sorted(by_year, reverse=True)[:years]]

    def compare(self, regions, industry=None, kind=None, today=None):
        from handbook.compare import compare

        return compare(self, regions, industry, kind, today)

    def export_comparison(self, comparison, path, fmt):
        from handbook.compare import write_csv, write_pdf

        return (write_pdf if fmt == "pdf" else write_csv)(comparison, path)

    def industries(self):
        from handbook.industries import default_catalogue

        return [i.to_json() for i in default_catalogue().industries]

    # search
    def index_state(self):
        return "ready" if self.index_ready else "missing"

    def ensure_index(self, progress=None, rebuild=False):
        for i in range(5):
            if progress:
                progress("正在建立搜索索引…", i / 5)
        self.index_ready = True
        self.built += 1
        return {"clauses": 9, "seconds": 0.0, "bytes": 1}

    def search(self, text, limit=20, offset=0, flat=False, cancelled=None, **filters):
        self.searches.append((text, filters))
        if self.slow_search:  # a search that takes a while and stops when cancelled
            self.slow_search(text, cancelled)
        parsed = parse_query(text)
        result = SearchResult(parsed, flat=flat, offset=offset)
        words = [t.text for t in parsed.positive]
        if not words:
            result.mode = "empty"
            result.notices.append("请输入要查找的词语、文号或条款内容。")
            return result
        hits = []
        for doc in self.documents(region=filters.get("region"), with_ancestors=True):
            for node in self._all(self.trees.get(doc["id"], [])):
                if all(w in node.text for w in words):
                    pos = node.text.find(words[0])
                    hits.append(Hit(doc["id"], doc["title"], doc["doc_number"], doc["region"], doc["level"],
                                    doc["status"], node.key, node.label, node.text[:90], [(pos, pos + len(words[0]))], 1.0))
        if not hits:
            result.notices.append("没有找到相关条款。可以减少词语、换个说法，或取消筛选条件。")
        result.clause_total = len(hits)
        if flat:
            result.total = len(hits)
            result.hits = hits[offset:offset + limit]
            return result
        entries = []
        for hit in hits:
            if not entries or entries[-1].doc_id != hit.doc_id:
                doc = self.document(hit.doc_id)
                entries.append(Entry(doc["id"], doc["title"], doc["doc_number"], doc["level"], doc["region"],
                                     doc["status"], 1.0, "text"))
            entries[-1].clauses.append(hit)
        for entry in entries:  # at most three shown, the rest behind "该文件还有 N 处匹配"
            entry.more, entry.clauses = max(0, len(entry.clauses) - 3), entry.clauses[:3]
        result.total = len(entries)
        result.entries = entries[offset:offset + limit]
        result.hits = [h for e in result.entries for h in e.clauses]
        return result

    def more_clauses(self, text, doc_id, **filters):
        return [h for h in self.search(text, limit=500, flat=True, **filters).hits if h.doc_id == doc_id]


def type_text(line_edit, text: str) -> None:
    """Type ``text`` one character at a time (QTest cannot send non-ASCII key clicks)."""
    for char in text:
        line_edit.insert(char)


def show_active(qtbot, window) -> None:
    """Show a window and make it the active one (keyboard shortcuts go to the active window)."""
    from PySide6.QtWidgets import QApplication

    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
