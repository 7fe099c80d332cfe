"""Command line for new content: ``pack``, ``update`` and ``import`` (see handbook/content).

``pack -o FILE.hbpack [--previous DB_OR_PACK]`` writes an update pack of the content database;
``update FILE`` verifies and installs one (``--check`` only shows it, ``--rollback`` returns to
the bundled content); ``import FILE [--region R] [--level L] …`` adds the officer's own policy
file (``--dry-run`` shows what was recognised, ``--remove DOC_ID`` takes one out again).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from handbook.errors import HandbookError


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def _kb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def cmd_pack(args: argparse.Namespace, open_handbook) -> int:
    from handbook.content.pack import SUFFIX, write_pack

    output = Path(args.output)
    if output.suffix != SUFFIX:
        raise HandbookError(f"更新包文件名应以 {SUFFIX} 结尾，例如 handbook-{time.strftime('%Y%m%d')}{SUFFIX}。")
    if args.db:
        db = Path(args.db)
    else:
        db = open_handbook(args).store.base.path
    previous = Path(args.previous) if args.previous else None
    if previous is None:
        in_use = open_handbook(argparse.Namespace(**{**vars(args), "db": None})).store.base.path
        if in_use.resolve() != db.resolve():
            previous = in_use
    if previous is None:
        sys.stderr.write("提示：没有上一版本可比较（用 --previous 指定），更新说明将把全部文件列为新增。\n")
    started = time.perf_counter()
    manifest = write_pack(db, output, previous)
    seconds = time.perf_counter() - started
    log = json.loads(_read_changelog(output))
    sys.stderr.write(f"已生成 {output}：{_kb(output.stat().st_size)}，{manifest['documents']} 个文件，内容版本 "
                     f"{manifest['content_version']}，用时 {seconds:.2f} 秒。\n")
    from handbook.content.changelog import describe

    for line in describe(log):
        sys.stderr.write(line + "\n")
    if args.json:
        _print_json(manifest)
    return 0


def _read_changelog(path: Path) -> str:
    from handbook.content.pack import changelog_of, read_manifest

    return json.dumps(changelog_of(path, read_manifest(path)), ensure_ascii=False)


def cmd_update(args: argparse.Namespace, open_handbook) -> int:
    hb = open_handbook(args)
    if args.rollback:
        report = hb.rollback_update()
        if report is None:
            sys.stderr.write("当前使用的就是随程序安装的内容，无需恢复。\n")
            return 0
        sys.stderr.write("已恢复为随程序安装的内容。\n")
    else:
        if not args.file:
            raise HandbookError("请给出更新包文件（.hbpack），或使用 --rollback。")
        if args.check:
            preview = hb.read_update(Path(args.file))
            from handbook.content.changelog import describe

            m = preview["manifest"]
            sys.stdout.write(f"更新包校验通过：内容版本 {m['content_version']}，政策截至 {m['content_date']}，{m['documents']} 个文件。\n")
            for line in describe(preview["changelog"]):
                sys.stdout.write(line + "\n")
            return 0
        report = hb.install_update(Path(args.file))
        sys.stderr.write(f"已安装更新包 {Path(args.file).name}（内容版本 {report['version']}），用时 {report['seconds']} 秒。\n")
    for line in report["lines"]:
        sys.stdout.write(line + "\n")
    if not args.no_index:
        started = time.perf_counter()
        hb.ensure_index()
        sys.stderr.write(f"搜索索引已就绪，用时 {time.perf_counter() - started:.1f} 秒。\n")
    if args.json:
        _print_json({k: report[k] for k in ("changelog", "bookmarks", "lines")})
    return 0


def cmd_import(args: argparse.Namespace, open_handbook) -> int:
    hb = open_handbook(args)
    if args.remove:
        record = hb.remove_import(args.remove)
        sys.stderr.write(f"已删除自行导入的 {record['file']}。\n")
        return 0
    if not args.file:
        raise HandbookError("请给出要导入的文件（.txt、.docx 或 .pdf）。")
    started = time.perf_counter()
    draft = hb.draft_import(Path(args.file), args.region, args.level)
    fixes = {k: v for k, v in (("title", args.title), ("doc_number", args.doc_number), ("issuers", args.issuers),
                                ("date", args.date)) if v is not None}
    if fixes and len(draft.docs) > 1:
        raise HandbookError(f"文件中识别出 {len(draft.docs)} 个文件，--title 等只能用于单个文件的导入。")
    proposals = draft.proposals()
    if args.dry_run:
        for p in proposals:
            p.update(fixes)
        _print_json(proposals) if args.json else _describe(hb, proposals)
        return 0
    ids = hb.save_import(draft, [fixes] * len(draft.docs) if fixes else None)
    seconds = time.perf_counter() - started
    docs = [hb.document(i) for i in ids]
    if args.json:
        _print_json(docs)
    else:
        _describe(hb, docs)
    sys.stderr.write(f"已导入 {len(ids)} 个文件（自行导入），用时 {seconds:.2f} 秒：{'、'.join(ids)}\n")
    return 0


def _describe(hb, docs: list[dict]) -> None:
    names = hb.level_names()
    for d in docs:
        count = d.get("clause_count", d.get("clauses"))
        sys.stdout.write(f"《{d['title']}》\n  文号：{d.get('doc_number') or '—'}  发文机关：{'、'.join(d.get('issuers') or []) or '—'}"
                         f"  日期：{d.get('date') or '—'}\n  地区：{d['region']}（{names.get(d['level'], d['level'])}）"
                         f"  条款：{count}\n")


def add_parsers(sub, bind) -> None:
    """Add the three sub-commands; ``bind(fn)`` turns ``fn(args, open_handbook)`` into a handler."""
    p = sub.add_parser("pack", help="把内容数据库打成更新包（.hbpack），附更新说明")
    p.add_argument("-o", "--output", required=True, help="输出文件，如 handbook-20261201.hbpack")
    p.add_argument("--previous", help="上一版本的内容数据库或更新包（计算更新说明用；默认为正在使用的内容）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=bind(cmd_pack))

    p = sub.add_parser("update", help="安装政策库更新包；--rollback 恢复为随程序安装的内容")
    p.add_argument("file", nargs="?", metavar="FILE")
    p.add_argument("--rollback", action="store_true", help="恢复为随程序安装的内容")
    p.add_argument("--check", action="store_true", help="只校验并显示更新说明，不安装")
    p.add_argument("--no-index", action="store_true", help="安装后不立即重建搜索索引")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=bind(cmd_update))

    p = sub.add_parser("import", help="导入自己的政策文件（.txt、.docx、.pdf）")
    p.add_argument("file", nargs="?", metavar="FILE")
    p.add_argument("--region", help="地区，如 鄂尔多斯市")
    p.add_argument("--level", help="层级：national、autonomous_region、league_city、banner_county（或 国家级 等）")
    p.add_argument("--title", help="更正标题")
    p.add_argument("--doc-number", help="更正文号")
    p.add_argument("--issuers", help="更正发文机关（顿号分隔）")
    p.add_argument("--date", help="更正成文日期（YYYY-MM-DD）")
    p.add_argument("--dry-run", action="store_true", help="只显示识别结果，不保存")
    p.add_argument("--remove", metavar="DOC_ID", help="删除一个自行导入的文件")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=bind(cmd_import))
