"""What changed between two editions of the content: documents added, changed, repealed, removed.

A document of the new edition is matched to the old one by its id (title + 文号), else by
its 文号, else by its title, so a corrected title or a re-numbered edition shows as
"changed", not as one removal and one addition. A matched document is "changed" when any
clause text, the clause outline or a listed field differs, and "repealed" when it was in
force and no longer is (已废止 / 已被替代). ``describe`` turns a changelog into Chinese lines.
"""

from __future__ import annotations

import re

IN_FORCE = "现行有效"
NOT_IN_FORCE = ("已废止", "已被替代")
FIELDS = {"title": "标题", "doc_number": "文号", "date": "日期", "level": "层级", "region": "地区",
          "issuers": "发文机关", "status": "状态"}


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _clauses_by_doc(store) -> dict[str, dict[str, str]]:
    """doc id → {local clause key: squashed text} (label and heading included)."""
    out: dict[str, dict[str, str]] = {}
    for row in store.clause_rows():
        local = row["key"].split(":", 1)[1]
        out.setdefault(row["doc_id"], {})[local] = _squash(f"{row['label'] or ''}|{row['heading'] or ''}|{row['text'] or ''}")
    return out


def _brief(doc: dict) -> dict:
    return {"id": doc["id"], "title": doc["title"], "doc_number": doc.get("doc_number"), "region": doc.get("region"),
            "status": doc.get("status")}


def _match(old_docs: dict[str, dict], new_docs: dict[str, dict]) -> dict[str, str]:
    """new id → old id for documents present in both editions."""
    pairs = {i: i for i in new_docs if i in old_docs}
    left_old = [d for i, d in old_docs.items() if i not in pairs.values()]
    for new_id, doc in new_docs.items():
        if new_id in pairs:
            continue
        for key in ("doc_number", "title"):
            value = _squash(doc.get(key))
            hit = next((o for o in left_old if value and _squash(o.get(key)) == value), None)
            if hit:
                pairs[new_id] = hit["id"]
                left_old.remove(hit)
                break
    return pairs


def compare(old, new) -> dict:
    """Changelog from store ``old`` to store ``new`` (either may be None: everything added/removed)."""
    old_docs = {d["id"]: d for d in (old.documents() if old else [])}
    new_docs = {d["id"]: d for d in new.documents()}
    old_clauses = _clauses_by_doc(old) if old else {}
    new_clauses = _clauses_by_doc(new)
    pairs = _match(old_docs, new_docs)
    log = {"from_version": old.content_version if old else None, "to_version": new.content_version,
           "from_date": old.meta.get("content_date") if old else None, "to_date": new.meta.get("content_date"),
           "added": [], "changed": [], "repealed": [], "removed": []}
    for new_id, doc in new_docs.items():
        if new_id not in pairs:
            log["added"].append(_brief(doc))
            continue
        before = old_docs[pairs[new_id]]
        a, b = old_clauses.get(before["id"], {}), new_clauses.get(new_id, {})
        entry = _brief(doc)
        entry["previous_id"] = before["id"]
        entry["clauses_added"] = sorted(set(b) - set(a))
        entry["clauses_removed"] = sorted(set(a) - set(b))
        entry["clauses_changed"] = sorted(k for k in set(a) & set(b) if a[k] != b[k])
        entry["fields"] = [f for f in FIELDS if f != "status" and before.get(f) != doc.get(f)]
        if before.get("status") == IN_FORCE and doc.get("status") in NOT_IN_FORCE:
            entry["repealed_by"] = doc.get("repealed_by")
            log["repealed"].append(entry)
        elif entry["clauses_added"] or entry["clauses_removed"] or entry["clauses_changed"] or entry["fields"] \
                or before.get("status") != doc.get("status"):
            if before.get("status") != doc.get("status"):
                entry["fields"].append("status")
            log["changed"].append(entry)
    matched_old = set(pairs.values())
    log["removed"] = [_brief(d) for i, d in old_docs.items() if i not in matched_old]
    return log


def _name(entry: dict) -> str:
    number = f"（{entry['doc_number']}）" if entry.get("doc_number") else ""
    return f"《{entry['title']}》{number}"


def describe(log: dict) -> list[str]:
    """The changelog as Chinese lines for the CLI and the update dialog."""
    lines = [f"新增 {len(log['added'])} 件，修改 {len(log['changed'])} 件，废止 {len(log['repealed'])} 件，"
             f"删除 {len(log['removed'])} 件。"]
    for entry in log["added"]:
        lines.append(f"［新增］{_name(entry)}")
    for entry in log["changed"]:
        parts = []
        if entry["clauses_changed"]:
            parts.append(f"{len(entry['clauses_changed'])} 条条款文字有改动")
        if entry["clauses_added"]:
            parts.append(f"新增 {len(entry['clauses_added'])} 条")
        if entry["clauses_removed"]:
            parts.append(f"删去 {len(entry['clauses_removed'])} 条")
        if entry["fields"]:
            parts.append("、".join(FIELDS[f] for f in entry["fields"]) + "有变化")
        lines.append(f"［修改］{_name(entry)}：{'，'.join(parts)}")
    for entry in log["repealed"]:
        lines.append(f"［废止］{_name(entry)}：现为{entry['status']}")
    for entry in log["removed"]:
        lines.append(f"［删除］{_name(entry)}")
    return lines
