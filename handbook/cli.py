"""Command line: ``python -m handbook build|docs|show``.

The CLI is also how tests and benchmarks drive the domain. Output for ``--json`` is UTF-8
JSON on standard output; errors are one Chinese sentence on standard error and exit code 2,
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from handbook.errors import HandbookError
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
    if args.update_manifest:
        update_manifest(sources)
    stats = build(Path(args.db), sources, None if args.quiet else _progress)
    sys.stderr.write(
        f"已生成 {args.db}：{stats['documents']} 个文件，{stats['clauses']} 个条款，"
        f"用时 {stats['seconds']} 秒，{stats['bytes'] // 1024} KB。\n"
    )
    return 0


def _open(args: argparse.Namespace):
    from handbook.service import Handbook

    return Handbook.open(Path(args.db))


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


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m handbook", description="政策手册命令行工具")
    parser.add_argument("--db", default=str(bundled_db_path()), help="内容数据库路径")
    parser.add_argument("--data-dir", help="用户数据目录（书签、设置、索引缓存）")
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

    p = sub.add_parser("show", help="显示文件及其条款树")
    p.add_argument("ids", nargs="*")
    p.add_argument("--all", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)
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
