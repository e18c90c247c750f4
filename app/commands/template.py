"""``mingjing template from-notice NOTICE [--json] [--save]`` / ``mingjing template list``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.commands._common import fail, load_template_library

NAME = "template"
HELP = "模板：按上级通知新建今年的模板、列出模板"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="{from-notice,list}")
    notice = sub.add_parser("from-notice", help="从通知原文（.txt/.docx）找出会议主题和查摆的方面")
    notice.add_argument("notice", type=Path, help="通知文件（.txt 或 .docx）")
    notice.add_argument("--json", action="store_true", help="输出 JSON")
    notice.add_argument("--save", action="store_true", help="保存为我的模板（并设为默认模板）")
    notice.add_argument("--name", help="模板名称（默认：年度+会议名称+“（按通知）”）")
    listing = sub.add_parser("list", help="列出内置模板和我的模板")
    listing.add_argument("--json", action="store_true", help="输出 JSON")


def _from_notice(args: argparse.Namespace) -> int:
    from app.core.document.notice import NoticeError, parse_notice, read_notice
    from app.core.document.template_toml import save_user_template, template_from_notice
    from app.core.paths import user_data_dir
    from app.core.storage.files import SaveError
    from app.core.topics import TopicClassifier

    if not args.notice.exists():
        return fail(f"找不到通知文件“{args.notice}”。")
    try:
        text = read_notice(args.notice)
    except NoticeError as exc:
        return fail(str(exc))
    library = load_template_library()
    notice = parse_notice(text, library, TopicClassifier.load())
    if not notice.aspects:
        return fail(f"没有在“{args.notice.name}”中找到查摆问题的方面清单（如“一是……二是……”“（一）……”"
                    "“带头……”或“围绕……等方面”）。请检查是否选对了文件，或在窗口中用“按通知新建”手工填写各方面。", 1)
    data: dict = {"theme": notice.theme, "aspects": [a.to_json() for a in notice.aspects]}
    saved = None
    if args.save:
        template = template_from_notice(notice, name=args.name or "", default=True)
        try:
            saved = save_user_template(template, user_data_dir() / "templates")
        except SaveError as exc:
            return fail(str(exc))
        data["saved"] = {"id": template.id, "name": template.name, "path": str(saved)}
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    where = "、".join(x for x in (f"{notice.year}年度" if notice.year else "", notice.meeting) if x)
    print(f"通知：{where or '（未写明年度和会议）'}")
    print(f"主题：{notice.theme or '（未找到，请在模板中补填）'}")
    print(f"查摆的方面（{len(notice.aspects)} 个）：")
    for i, aspect in enumerate(notice.aspects, 1):
        print(f"  {i}. {aspect.title}  [{'、'.join(aspect.topics) or '未匹配主题'}]")
    if notice.reports:
        print("需通报的情况：" + "；".join(notice.reports))
    if saved:
        print(f"已保存为我的模板“{data['saved']['name']}”（{saved}），并设为默认模板。")
    return 0


def _list(args: argparse.Namespace) -> int:
    library = load_template_library()
    default = library.default()
    rows = [{"id": t.id, "name": t.name, "year": t.year, "aspects": len(t.problem_aspects()),
             "target_chars": list(t.target_chars), "default": t is default, "pending": t.pending}
            for t in library.templates]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        pending = row["pending"] and not any(w in row["name"] for w in ("待", "按"))
        marks = ("（默认）" if row["default"] else "") + ("（待按通知修改）" if pending else "")
        print(f"{row['id']}\t{row['name']}{marks}\t{row['aspects']} 个方面\t"
              f"{row['target_chars'][0]}–{row['target_chars'][1]} 字")
    return 0


def run(args: argparse.Namespace) -> int:
    return _from_notice(args) if args.action == "from-notice" else _list(args)
