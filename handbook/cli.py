"""Command line: ``python -m handbook build|docs|show|index|search|bookmarks|industries|guide|pack|update|import``.

The CLI is also how tests and benchmarks drive the domain. Output for ``--json`` is UTF-8
JSON on standard output; errors are one Chinese sentence on standard error and exit code 2,
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from handbook.errors import HandbookError, explain
from handbook.paths import bundled_db_path


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def _progress(message: str, fraction: float) -> None:
    width = 30
    filled = int(width * fraction)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {int(fraction * 100):3d}% {message:<40}")
    if fraction >= 1:
        sys.stderr.write("\n")
    sys.stderr.flush()


def cmd_build(args: argparse.Namespace) -> int:
    from handbook.ingest.build import build, update_manifest
    from handbook.paths import resource_path

    sources = Path(args.sources) if args.sources else resource_path("sources")
    target = Path(args.db) if args.db else bundled_db_path()
    try:
        if args.update_manifest:
            update_manifest(sources)
        stats = build(target, sources, None if args.quiet else _progress)
    except OSError as err:
        where = Path(err.filename).parent if err.filename else target.parent
        raise HandbookError(f"无法写入内容数据库（{explain(err)}）：{where}。原有数据库未改动。"
                            f"请用 --db 指定一个可写位置的文件。") from err
    sys.stderr.write(
        f"已生成 {target}：{stats['documents']} 个文件，{stats['clauses']} 个条款，"
        f"用时 {stats['seconds']} 秒，{stats['bytes'] // 1024} KB。\n"
    )
    return 0


def _open(args: argparse.Namespace):
    from handbook.paths import notices
    from handbook.service import Handbook, today_from

    hb = Handbook.open(Path(args.db) if args.db else None, today=today_from(getattr(args, "today", None)))
    for notice in [*notices(), *hb.content_notices()]:
        sys.stderr.write(f"注意：{notice}\n")
    return hb


def cmd_incentives(args: argparse.Namespace) -> int:
    hb = _open(args)
    facts = hb.incentives(industry=args.industry, region=args.region, kind=args.kind)
    out = [{k: f[k] for k in ("doc_id", "clause_key", "kind", "text", "amounts", "beneficiary", "condition",
                              "responsible", "heading_path", "citation", "industries", "window", "title",
                              "doc_number", "level", "region")} for f in facts]
    if args.json:
        _print_json(out)
    else:
        for f in out:
            amounts = "；".join(f["amounts"]) or "—"
            sys.stdout.write(f"[{f['kind']}] {amounts}  {f['text']}\n    {f['citation']}\n")
        sys.stderr.write(f"共 {len(out)} 项扶持措施。\n")
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    hb = _open(args)
    docs = hb.documents(region=args.region, theme=args.theme, include_duplicates=True)
    if args.json:
        _print_json(docs)
    else:
        for d in docs:
            mark = "" if d["duplicate_of"] is None else " (重复)"
            sys.stdout.write(f"{d['id']}  {d['doc_number'] or '—'}  {d['title']}{mark}\n")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    hb = _open(args)
    ids = [d["id"] for d in hb.documents(include_duplicates=True)] if args.all else args.ids
    if not ids:
        raise HandbookError("请给出文件编号，或使用 --all。")
    out = []
    for doc_id in ids:
        doc = hb.document(doc_id)
        if doc is None:
            raise HandbookError(f"没有编号为 {doc_id} 的文件。")
        doc["clauses"] = [c.to_json() for c in hb.clause_tree(doc_id)]
        out.append(doc)
    if args.json:
        _print_json(out)
    else:
        for doc in out:
            sys.stdout.write(f"{doc['title']}\n{doc['doc_number'] or ''}\n\n")

            def emit(nodes, indent=0):
                for n in nodes:
                    sys.stdout.write("  " * indent + n["text"].replace("\n", "\n" + "  " * indent) + "\n")
                    emit(n["children"], indent + 1)

            emit(doc["clauses"])
    return 0


def _open_index(hb, quiet: bool = False) -> None:
    state = hb.index_state()
    if state != "ready" and not quiet:
        why = {"missing": "首次使用", "corrupt": "索引不完整或已损坏"}.get(state, state)
        sys.stderr.write(f"{why}，正在建立搜索索引（只需一次）…\n")
    hb.ensure_index(None if quiet or state == "ready" else _progress)


def cmd_index(args: argparse.Namespace) -> int:
    hb = _open(args)
    stats = hb.ensure_index(None if args.quiet else _progress, rebuild=args.rebuild)
    folder = hb.index_folder.path
    if stats:
        sys.stderr.write(f"已建立搜索索引 {folder}：{stats['clauses']} 个条款，用时 {stats['seconds']} 秒，{stats['bytes'] // 1024} KB。\n")
    else:
        sys.stderr.write(f"搜索索引已是最新：{folder}\n")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    hb = _open(args)
    _open_index(hb, quiet=args.json)
    filters = {"region": args.region, "level": args.level, "theme": args.theme, "status": args.status,
               "year": args.year, "limit": args.limit, "offset": args.offset, "flat": args.flat}

    def as_json(result) -> list[dict]:
        return [h.to_json() for h in result.hits] if args.flat else [e.to_json() for e in result.entries]

    if args.query == "-":  # one query per line in, one JSON list per line out
        for line in sys.stdin:
            sys.stdout.write(json.dumps(as_json(hb.search(line.rstrip("\n"), **filters)), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        return 0
    result = hb.search(args.query, **filters)
    if args.json:
        _print_json(as_json(result))
        return 0
    if result.message:
        sys.stdout.write(result.message + "\n")
    shown = len(result.hits) if args.flat else len(result.entries)
    unit = "条" if args.flat else "个文件"
    if shown:
        sys.stdout.write(f"{result.count_text}，显示第 {result.offset + 1}–{result.offset + shown} {unit}：\n")
    elif result.total:
        sys.stdout.write(f"{result.count_text}，第 {result.offset} {unit}之后没有更多结果。\n")
    if args.flat:
        for h in result.hits:
            mark = "" if not h.repealed else f"［{h.status}］"
            sys.stdout.write(f"\n{mark}《{h.title}》{h.doc_number or ''} {h.label}  [{h.clause_key}]\n  {h.snippet}\n")
    else:
        for n, e in enumerate(result.entries, start=result.offset + 1):
            mark = "" if not e.repealed else f"［{e.status}］"
            sys.stdout.write(f"\n{n}. {mark}《{e.title}》{e.doc_number or ''}  （{e.why}）\n")
            for h in e.clauses:
                where = " › ".join(h.heading_path[-2:])
                sys.stdout.write(f"   {h.label or '正文'}  [{h.clause_key}]{'  ' + where if where else ''}\n     {h.snippet}\n")
            if e.more:
                sys.stdout.write(f"   该文件还有 {e.more} 处匹配\n")
    if result.has_more:
        sys.stdout.write(f"\n还有更多结果：加 --offset {result.offset + shown} 查看下一页。\n")
    return 0


def cmd_bookmarks(args: argparse.Namespace) -> int:
    hb = _open(args)
    marks = hb.bookmarks
    if hb.user_data_notice():
        sys.stderr.write(hb.user_data_notice() + "\n")
    if args.action == "add":
        b = marks.add(args.clause_key, note=args.note or "", folders=args.folder or [])
        sys.stderr.write(f"已加入书签：{b.citation}\n")
        if args.json:
            _print_json(b.to_json())
    elif args.action == "list":
        items = marks.list(folder=args.folder, query=args.query)
        if args.json:
            _print_json([b.to_json() for b in items])
        else:
            for b in items:
                state = f"［{b.state_label}］" if b.state_label else ""
                sys.stdout.write(f"{state}{b.citation}  [{b.clause_key}]\n")
                if b.note:
                    sys.stdout.write(f"  备注：{b.note}\n")
    elif args.action == "export":
        if args.format == "pdf":
            from handbook.bookmarks import write_pdf

            if not args.output:
                raise HandbookError("导出 PDF 需要用 -o 指定文件。")
            title = f"书签：{args.folder}" if args.folder else "全部书签"
            write_pdf(marks.list(folder=args.folder) if args.folder else marks.list(), Path(args.output), title,
                      f"内容版本 {hb.content_version[:12]}　共 {len(marks.list(folder=args.folder) if args.folder else marks.list())} 条")
            sys.stderr.write(f"已导出 {args.output}\n")
            return 0
        text = marks.export_json(args.folder) if args.format == "json" else marks.export_csv(args.folder)
        if args.output:
            from handbook.fileio import atomic_write

            atomic_write(Path(args.output), lambda tmp: tmp.write_text(text, encoding="utf-8", newline=""))
            sys.stderr.write(f"已导出 {args.output}\n")
        else:
            sys.stdout.write(text + ("" if text.endswith("\n") else "\n"))
    elif args.action == "import":
        report = marks.import_file(Path(args.file))
        sys.stderr.write(f"导入完成：新增 {report['added']} 条，跳过已有 {report['skipped']} 条，新建文件夹 {report['folders_created']} 个。\n")
        if args.json:
            _print_json(report)
    return 0


def cmd_industries(args: argparse.Namespace) -> int:
    from handbook.industries import default_catalogue

    items = [i.to_json() for i in default_catalogue().industries]
    if args.json:
        _print_json(items)
    else:
        for i in items:
            sys.stdout.write(f"{i['id']:<18}{i['name']}　（{'、'.join(i['terms'][:6])}…）\n")
    return 0


def cmd_guide(args: argparse.Namespace) -> int:
    from handbook.guide import SECTIONS, compose, compose_briefing, render

    hb = _open(args)
    levels = [x for x in re.split(r"[,，、\s]+", args.levels or "") if x] or None
    sections = tuple(x for x in re.split(r"[,，、\s]+", args.sections) if x) if args.sections else SECTIONS
    unknown = [x for x in sections if x not in SECTIONS]
    if unknown:
        raise HandbookError(f"未知的章节：{'、'.join(unknown)}。可选：{'、'.join(SECTIONS)}。")
    progress = None if args.quiet else _progress
    cover = {"title": args.title, "organisation": args.organisation or "", "contact": args.contact or ""}
    if args.briefing:
        if not args.bookmarks_folder:
            raise HandbookError("生成简报需要用 --bookmarks-folder 指定书签文件夹。")
        guide = compose_briefing(hb, args.bookmarks_folder, region=args.region, levels=levels, sections=sections,
                                 progress=progress, **cover)
    else:
        if not (args.industry and args.region):
            raise HandbookError("请用 --industry 和 --region 指定产业和地区（或用 --briefing 从书签文件夹生成简报）。")
        guide = compose(hb, args.industry, args.region, levels=levels, include_repealed=args.include_repealed,
                        bookmark_folder=args.bookmarks_folder, sections=sections, progress=progress, **cover)
    result = render(guide, Path(args.output), args.page_size, progress)
    sys.stderr.write(f"已生成 {args.output}：{result['pages']} 页，{len(guide.quotes())} 条政策条款，"
                     f"{len(guide.incentives)} 项扶持措施。\n")
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m handbook", description="政策手册命令行工具")
    parser.add_argument("--db", help="内容数据库路径（默认：已安装的更新包，否则随程序安装的内容）")
    parser.add_argument("--data-dir", help="用户数据目录（书签、设置、索引缓存）")
    parser.add_argument("--today", help="按此日期（YYYY-MM-DD）判断政策是否到期，默认取本机日期")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="由 resources/sources 重新生成内容数据库")
    p.add_argument("--sources", help="来源文本目录")
    p.add_argument("--update-manifest", action="store_true", help="接受新版来源文本并更新 SHA-256 清单")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("docs", help="列出全部文件")
    p.add_argument("--json", action="store_true")
    p.add_argument("--region")
    p.add_argument("--theme")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("incentives", help="列出扶持措施（奖补、税费、电价、用地、人才、金融……）")
    p.add_argument("--json", action="store_true")
    p.add_argument("--industry", help="产业编号或名称，如 hydrogen 或 氢能")
    p.add_argument("--region", help="地区（含其上级地区的政策）")
    p.add_argument("--kind", help="类别：资金奖补、税费减免、电价用能、用地、指标配额、人才待遇、金融支持、通关便利、资格荣誉、其他")
    p.add_argument("--today", default=argparse.SUPPRESS, help="按此日期（YYYY-MM-DD）判断是否到期")
    p.set_defaults(func=cmd_incentives)

    p = sub.add_parser("show", help="显示文件及其条款树")
    p.add_argument("ids", nargs="*")
    p.add_argument("--all", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("index", help="建立或检查搜索索引")
    p.add_argument("--rebuild", action="store_true", help="即使索引已是最新也重新建立")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("search", help="全文检索条款；QUERY 为 - 时从标准输入逐行读取查询")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--region", help="地区（含其上级地区的文件），如 伊金霍洛旗")
    p.add_argument("--level", help="层级：国家级、自治区级、盟市级、旗县级")
    p.add_argument("--theme", help="主题")
    p.add_argument("--status", help="状态：现行有效、已废止、已被替代")
    p.add_argument("--year", help="年份（文号或成文日期）")
    p.add_argument("--limit", type=int, default=20, help="每页条目数（按文件分组时为文件数）")
    p.add_argument("--offset", type=int, default=0, help="从第几个条目之后开始（翻页）")
    p.add_argument("--flat", action="store_true", help="逐条列出匹配的条款，不按文件分组")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("bookmarks", help="书签：add / list / export / import")
    bsub = p.add_subparsers(dest="action", required=True)
    b = bsub.add_parser("add", help="把条款加入书签")
    b.add_argument("clause_key", metavar="CLAUSE_KEY")
    b.add_argument("--note", help="备注")
    b.add_argument("--folder", action="append", help="文件夹（可多次）")
    b.add_argument("--json", action="store_true")
    b = bsub.add_parser("list", help="列出书签")
    b.add_argument("--folder")
    b.add_argument("--query", help="在备注和原文中查找")
    b.add_argument("--json", action="store_true")
    b = bsub.add_parser("export", help="导出书签")
    b.add_argument("--format", choices=["json", "csv", "pdf"], default="json")
    b.add_argument("--folder")
    b.add_argument("-o", "--output")
    b = bsub.add_parser("import", help="导入（合并）书签 JSON 文件")
    b.add_argument("file", metavar="FILE")
    b.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_bookmarks)

    p = sub.add_parser("industries", help="列出投资指南可用的产业")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_industries)

    p = sub.add_parser("guide", help="生成某产业、某地区的投资指南 PDF")
    p.add_argument("--industry", help="产业，如 氢能（简报不需要）")
    p.add_argument("--region", help="地区，如 伊金霍洛旗（含其上级地区的政策）；简报默认取书签所在的最低一级地区")
    p.add_argument("--levels", help="层级，逗号分隔：国家级,自治区级,盟市级,旗县级（默认全部）")
    p.add_argument("--sections", help="章节，逗号分隔：profile,costs,chain,incentives,general,policies,appendix")
    p.add_argument("--include-repealed", action="store_true", help="也收录已废止、已被替代的文件")
    p.add_argument("--bookmarks-folder", help="附录中收录的书签文件夹；与 --briefing 一起用时为简报的内容")
    p.add_argument("--briefing", action="store_true", help="从书签文件夹生成招商简报（条款、备注及其中的扶持措施）")
    p.add_argument("--title", help="指南标题（默认：地区+产业+产业投资指南）")
    p.add_argument("--organisation", help="编制单位")
    p.add_argument("--contact", help="联系方式")
    p.add_argument("--page-size", default="A4", choices=["A4", "A5", "a4", "a5"])
    p.add_argument("-o", "--output", required=True, help="输出 PDF 文件")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_guide)

    from handbook.cli_content import add_parsers

    add_parsers(sub, lambda fn: lambda args: fn(args, _open))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    if args.data_dir:
        import os

        os.environ["HANDBOOK_DATA_DIR"] = args.data_dir
    try:
        return args.func(args)
    except HandbookError as err:
        sys.stderr.write(f"错误：{err}\n")
        return 2
    except BrokenPipeError:
        return 0
    except (OSError, MemoryError, UnicodeError) as err:
        where = f"：{err.filename}" if getattr(err, "filename", None) else ""
        sys.stderr.write(f"错误：{explain(err)}{where}。没有改动任何数据。\n")
        return 2
