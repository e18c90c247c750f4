"""``mingjing pack export|import|list|remove``: template and phrase packs (模板与素材包)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.commands._common import fail, load_template_library

NAME = "pack"
HELP = "模板与素材包：导出、导入、列出、移除"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="{export,import,list,remove}")
    exp = sub.add_parser("export", help="把模板和我的素材导出为一个素材包（默认：我的模板和全部我的素材）")
    exp.add_argument("-o", "--output", type=Path, required=True, help="素材包文件（.mjpack）")
    exp.add_argument("--template", nargs="+", metavar="ID", default=None, help="只导出这些模板（可含内置模板）")
    exp.add_argument("--no-library", action="store_true", help="不导出我的素材")
    exp.add_argument("--name", default="", help="素材包名称")
    exp.add_argument("--json", action="store_true", help="输出 JSON")
    imp = sub.add_parser("import", help="导入素材包（先校验，重名的模板需用 --on-clash 指定处理方式）")
    imp.add_argument("pack", type=Path, help="素材包文件")
    imp.add_argument("--on-clash", choices=("skip", "rename", "replace"),
                     help="与已有模板重名时：skip 跳过、rename 两个都保留、replace 替换")
    imp.add_argument("--json", action="store_true", help="输出 JSON")
    lst = sub.add_parser("list", help="列出已导入的素材包")
    lst.add_argument("--json", action="store_true", help="输出 JSON")
    rem = sub.add_parser("remove", help="移除已导入的素材包（删去它带来的模板和素材）")
    rem.add_argument("pack", help="素材包名称或编号")


def _user_templates(library, user_dir: Path) -> list:
    folder = (user_dir / "templates").resolve()
    return [t for t in library.templates if t.source and Path(t.source).resolve().parent == folder]


def _export(args: argparse.Namespace) -> int:
    from app import __version__
    from app.core.packs.pack import PackError, write_pack
    from app.core.paths import user_data_dir
    from app.core.phrases.library import open_library
    from app.core.storage.files import SaveError

    user_dir = user_data_dir()
    library = load_template_library()
    if args.template is None:
        templates = _user_templates(library, user_dir)
    else:
        unknown = [i for i in args.template if library.get(i) is None]
        if unknown:
            return fail(f"没有这些模板：{'、'.join(unknown)}。用 `template list` 查看模板 id。")
        templates = [t for i in args.template if (t := library.get(i)) is not None]
    phrases = [] if args.no_library else open_library(user_dir).phrases()
    try:
        path = write_pack(args.output, args.name or args.output.stem, templates, phrases,
                          app_version=__version__)
    except (PackError, SaveError) as exc:
        return fail(str(exc))
    if args.json:
        print(json.dumps({"path": str(path), "templates": [t.id for t in templates], "phrases": len(phrases)},
                         ensure_ascii=False, indent=2))
    else:
        print(f"已导出素材包“{path}”：模板 {len(templates)} 个，素材 {len(phrases)} 条。")
    return 0


def _import(args: argparse.Namespace) -> int:
    from app.core.packs.install import apply_import, plan_import
    from app.core.packs.pack import PackError, read_pack
    from app.core.paths import phrasebank_dir, user_data_dir
    from app.core.phrases.library import open_library
    from app.core.phrases.phrasebank import load_phrasebank

    user_dir = user_data_dir()
    try:
        contents = read_pack(args.pack)
    except PackError as exc:
        return fail(f"{exc}\n没有写入任何内容。", 1)
    library = load_template_library()
    phrases = open_library(user_dir)
    plan = plan_import(contents, library, phrases, (p.text for p in load_phrasebank(phrasebank_dir()).phrases),
                       user_dir)
    if not args.json:
        print(plan.summary())
    if plan.clashes and not args.on_clash:
        lines = [f"  “{c.template.name}”与{'内置' if c.shipped else '我的'}模板“{c.existing.name}”重名" for c in plan.clashes]
        return fail("以下模板与已有模板重名，没有导入任何内容：\n" + "\n".join(lines) +
                    "\n请加 --on-clash skip（跳过）、rename（两个都保留）或 replace（替换）后重试。", 1)
    decisions = {c.template.id: args.on_clash for c in plan.clashes}
    try:
        result = apply_import(plan, decisions, library, phrases, user_dir, args.pack.name)
    except PackError as exc:
        return fail(f"{exc}\n没有写入任何内容。", 1)
    if args.json:
        print(json.dumps({"id": result.pack_id, "templates": result.templates, "phrases": result.phrases,
                          "skipped": result.skipped}, ensure_ascii=False, indent=2))
    else:
        print(f"已导入：模板 {len(result.templates)} 个，素材 {result.phrases} 条"
              + (f"；跳过模板：{'、'.join(result.skipped)}" if result.skipped else "")
              + f"。如需撤销：mingjing pack remove {result.pack_id[:8]}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from app.core.packs.install import installed_packs
    from app.core.paths import user_data_dir

    packs = installed_packs(user_data_dir())
    if args.json:
        print(json.dumps([{"id": p["id"], "name": p.get("name", ""), "installed": p.get("installed", ""),
                           "templates": [t.get("name") for t in p.get("templates", [])],
                           "phrases": len(p.get("phrases", []))} for p in packs], ensure_ascii=False, indent=2))
        return 0
    if not packs:
        print("还没有导入过素材包。")
    for p in packs:
        print(f"{p['id'][:8]}\t{p.get('name', '')}\t{p.get('installed', '')[:16]}\t"
              f"模板 {len(p.get('templates', []))} 个\t素材 {len(p.get('phrases', []))} 条")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from app.core.packs.install import remove_pack
    from app.core.packs.pack import PackError
    from app.core.paths import user_data_dir
    from app.core.phrases.library import open_library

    user_dir = user_data_dir()
    try:
        pack = remove_pack(user_dir, args.pack, open_library(user_dir))
    except PackError as exc:
        return fail(str(exc), 1)
    print(f"已移除素材包“{pack.get('name', '')}”：删去模板 {len(pack.get('templates', []))} 个、"
          f"素材 {len(pack.get('phrases', []))} 条。", file=sys.stdout)
    return 0


def run(args: argparse.Namespace) -> int:
    return {"export": _export, "import": _import, "list": _list, "remove": _remove}[args.action](args)
