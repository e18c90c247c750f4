"""Importing a pack into the user's data, and undoing it.

``plan_import`` says what would be written and where a template clashes with one the user
already has (same id or same name); nothing is written until ``apply_import`` is called with
a decision for every clash (skip, keep both under a new name, or replace).  Phrases are only
ever added: one the user (or the shipped bank) already has is skipped.  Every item written is
recorded in ``packs/installed.json`` under the pack, with a copy of any template it replaced,
so ``remove_pack`` takes the pack out again and puts back what it replaced.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.core.document.template_toml import template_to_toml
from app.core.document.templates import Template, TemplateLibrary
from app.core.packs.pack import PackContents, PackError
from app.core.phrases.library import LibraryError, UserLibrary
from app.core.storage.files import SaveError, atomic_write_bytes

REGISTRY = "installed.json"
SKIP, RENAME, REPLACE = "skip", "rename", "replace"
CLASH_CHOICES = {SKIP: "跳过（保留我的）", RENAME: "两个都保留（包中的改名）", REPLACE: "替换为包中的"}


def packs_dir(user_dir: Path) -> Path:
    return user_dir / "packs"


def templates_folder(user_dir: Path) -> Path:
    return user_dir / "templates"


@dataclass
class Clash:
    template: Template  # the pack's
    existing: Template  # the user's own or a shipped one
    shipped: bool


@dataclass
class ImportPlan:
    contents: PackContents
    new_templates: list[Template] = field(default_factory=list)
    clashes: list[Clash] = field(default_factory=list)
    new_phrases: list = field(default_factory=list)
    duplicate_phrases: int = 0
    already_installed: bool = False

    def summary(self) -> str:
        lines = [self.contents.summary()]
        if self.clashes:
            lines.append("与已有模板同名或同 id：" + "、".join(f"“{c.template.name}”" for c in self.clashes))
        lines.append(f"将新增素材 {len(self.new_phrases)} 条" +
                     (f"，已有的 {self.duplicate_phrases} 条不重复导入" if self.duplicate_phrases else ""))
        return "\n".join(lines)


@dataclass
class ImportResult:
    pack_id: str
    templates: list[str]
    phrases: int
    skipped: list[str]


def _registry_path(user_dir: Path) -> Path:
    return packs_dir(user_dir) / REGISTRY


def installed_packs(user_dir: Path) -> list[dict]:
    """The packs imported so far (newest last); a damaged registry reads as none."""
    try:
        data = json.loads(_registry_path(user_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    packs = data.get("packs") if isinstance(data, dict) else None
    return [p for p in packs if isinstance(p, dict) and isinstance(p.get("id"), str)] if isinstance(packs, list) else []


def _save_registry(user_dir: Path, packs: list[dict]) -> None:
    folder = packs_dir(user_dir)
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(_registry_path(user_dir),
                       json.dumps({"packs": packs}, ensure_ascii=False, indent=2).encode("utf-8"))


def _is_shipped(template: Template, user_dir: Path) -> bool:
    if not template.source:
        return True
    try:
        return Path(template.source).resolve().parent != templates_folder(user_dir).resolve()
    except OSError:
        return True


def plan_import(contents: PackContents, templates: TemplateLibrary, library: UserLibrary,
                shipped_texts: Iterable[str], user_dir: Path) -> ImportPlan:
    """What importing ``contents`` would do (nothing is written)."""
    plan = ImportPlan(contents)
    plan.already_installed = any(p["id"] == contents.digest for p in installed_packs(user_dir))
    for template, _ in contents.templates:
        existing = templates.get(template.id) or next(
            (t for t in templates.templates if t.name == template.name), None)
        if existing is None:
            plan.new_templates.append(template)
        else:
            plan.clashes.append(Clash(template, existing, _is_shipped(existing, user_dir)))
    have = {_norm(t) for t in shipped_texts} | {_norm(p.text) for p in library.phrases()}
    for phrase in contents.phrases:
        key = _norm(phrase.text)
        if key in have:
            plan.duplicate_phrases += 1
        else:
            have.add(key)
            plan.new_phrases.append(phrase)
    return plan


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _free_id(base: str, taken: set[str]) -> str:
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def apply_import(plan: ImportPlan, decisions: dict[str, str], templates: TemplateLibrary,
                 library: UserLibrary, user_dir: Path, pack_file: str = "") -> ImportResult:
    """Write the plan: ``decisions`` maps each clashing pack template id to skip/rename/replace.

    On any failure everything written so far is taken back and ``PackError`` is raised.
    """
    pack_id = plan.contents.digest
    if plan.already_installed:
        raise PackError(f"素材包“{plan.contents.name}”已经导入过。如需重新导入，请先移除它。")
    undecided = [c.template.id for c in plan.clashes if decisions.get(c.template.id) not in CLASH_CHOICES]
    if undecided:
        raise PackError("以下模板与已有模板重名，请先选择跳过、两个都保留或替换：" + "、".join(undecided))
    folder = templates_folder(user_dir)
    backups = packs_dir(user_dir) / "backup" / pack_id[:16]
    taken = {t.id for t in templates.templates}
    names = {t.name for t in templates.templates}
    writes: list[tuple[Template, str | None]] = [(t, None) for t in plan.new_templates]
    skipped = []
    for clash in plan.clashes:
        choice = decisions[clash.template.id]
        if choice == SKIP:
            skipped.append(clash.template.name)
        elif choice == RENAME:
            new_id = _free_id(clash.template.id, taken)
            name = clash.template.name
            while name in names:
                name = f"{name}（{plan.contents.name}）" if plan.contents.name not in name else f"{name}·副本"
            taken.add(new_id)
            names.add(name)
            writes.append((replace(clash.template, id=new_id, name=name, default=False), None))
        else:
            old = None if clash.shipped or not clash.existing.source else clash.existing.source
            writes.append((replace(clash.template, id=clash.existing.id), old))
    record = {"id": pack_id, "name": plan.contents.name, "file": pack_file,
              "installed": _dt.datetime.now().isoformat(timespec="seconds"),
              "templates": [], "phrases": []}
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for template, old_path in writes:
            target = folder / f"{template.id}.toml"
            entry: dict[str, Any] = {"id": template.id, "name": template.name, "path": target.name}
            olds = [Path(old_path)] if old_path else []
            olds += [target] if target.exists() and target not in olds else []
            for path in olds:
                backups.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, backups / path.name)  # put back by remove_pack
                entry.setdefault("replaced", []).append(path.name)
            atomic_write_bytes(target, template_to_toml(template, f"来自素材包：{plan.contents.name}").encode("utf-8"))
            written.append(target)
            if old_path and Path(old_path).resolve() != target.resolve():
                Path(old_path).unlink(missing_ok=True)
            record["templates"].append(entry)
        source = f"素材包：{plan.contents.name}"
        record["phrases"] = library.add_many_ids(
            (p.text, p.part, p.topics, p.source or source, p.size or None) for p in plan.new_phrases)
        _save_registry(user_dir, [*installed_packs(user_dir), record])
    except (OSError, SaveError, sqlite3.Error, LibraryError) as exc:
        for path in written:
            path.unlink(missing_ok=True)
        for entry in record["templates"]:
            for name in entry.get("replaced", []):
                if (backups / name).exists():
                    shutil.copy2(backups / name, folder / name)
        for num in record["phrases"]:
            library.delete(num)
        raise PackError(f"导入失败，已撤回本次导入的内容：{exc}") from exc
    return ImportResult(pack_id, [e["name"] for e in record["templates"]], len(record["phrases"]), skipped)


def find_pack(user_dir: Path, key: str) -> dict | None:
    """An installed pack by its id (or a prefix of it) or its name."""
    packs = installed_packs(user_dir)
    return next((p for p in packs if p["id"] == key or p.get("name") == key), None) or next(
        (p for p in packs if len(key) >= 6 and p["id"].startswith(key)), None)


def remove_pack(user_dir: Path, key: str, library: UserLibrary) -> dict:
    """Take an imported pack out: its templates and phrases go, replaced templates come back."""
    pack = find_pack(user_dir, key)
    if pack is None:
        raise PackError(f"没有找到已导入的素材包“{key}”。")
    folder = templates_folder(user_dir)
    backups = packs_dir(user_dir) / "backup" / pack["id"][:16]
    for entry in pack.get("templates", []):
        name = str(entry.get("path", ""))
        if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\.toml", name):
            (folder / name).unlink(missing_ok=True)
        for old in entry.get("replaced", []):
            if re.fullmatch(r"[^/\\]{1,120}\.toml", str(old)) and (backups / old).exists():
                shutil.copy2(backups / old, folder / old)
    for phrase_id in pack.get("phrases", []):
        if isinstance(phrase_id, str):
            library.delete(phrase_id)
    shutil.rmtree(backups, ignore_errors=True)
    _save_registry(user_dir, [p for p in installed_packs(user_dir) if p["id"] != pack["id"]])
    return pack
