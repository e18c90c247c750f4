"""Template and phrase packs: round trip, clashes, undo, and damaged or hostile packs."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from app.core.document.template_toml import template_to_toml
from app.core.document.templates import load_templates
from app.core.packs import install as inst
from app.core.packs import pack as packmod
from app.core.packs.pack import PackError, read_pack, write_pack
from app.core.paths import templates_dir
from app.core.phrases.library import open_library

OWN = '''id = "unit-2026"
name = "我局2026年度民主生活会"
title = "2026年度民主生活会个人发言提纲"
year = 2026
default = true
target_chars = [2500, 6000]

[[sections]]
part = "开头"

[[sections]]
title = "对照检查的问题"
part = "问题"
aspects = [
  { title = "带头树立和践行正确政绩观", topics = ["担当作为"] },
  { title = "带头改进作风", topics = ["工作作风"] },
]

[[sections]]
title = "问题产生的原因"
part = "原因"

[[sections]]
title = "整改措施"
part = "措施"
'''
PHRASES = [("一是政绩观上还有偏差，比如{具体事例}。", "问题", ("担当作为",)),
           ("坚持为人民出政绩、以实干出政绩。", "措施", ("担当作为",)),
           ("对调查研究重视不够。", "问题", ("工作作风",))]


def _sender(tmp_path: Path) -> Path:
    """An organisation department's user dir: one own template, three own phrases."""
    home = tmp_path / "sender"
    (home / "templates").mkdir(parents=True)
    (home / "templates" / "unit-2026.toml").write_text(OWN, encoding="utf-8")
    library = open_library(home)
    for text, part, topics in PHRASES:
        library.add(text, part, topics, source="组织部")
    library.close()
    return home


def _export(home: Path, out: Path, template_ids=("unit-2026",), with_phrases=True) -> Path:
    templates = load_templates(templates_dir(), home / "templates")
    chosen = [templates.get(i) for i in template_ids]
    phrases = open_library(home).phrases() if with_phrases else []
    return write_pack(out, "县委组织部2026年度材料", chosen, phrases)


def _snapshot(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()} \
        if home.exists() else {}


def _import(home: Path, pack: Path, decisions=None, shipped=()):
    contents = read_pack(pack)
    templates = load_templates(templates_dir(), home / "templates")
    library = open_library(home)
    plan = inst.plan_import(contents, templates, library, shipped, home)
    result = inst.apply_import(plan, decisions or {}, templates, library, home, pack.name)
    return plan, result, library


def test_export_import_round_trip_and_removal(tmp_path):
    pack = _export(_sender(tmp_path), tmp_path / "材料.mjpack")
    contents = read_pack(pack)
    assert [t.id for t, _ in contents.templates] == ["unit-2026"] and len(contents.phrases) == 3
    assert "模板 1 个：我局2026年度民主生活会" in contents.summary() and "素材 3 条（问题 2，措施 1）" in contents.summary()
    home = tmp_path / "cadre"
    own = open_library(home)
    own.add("我自己的素材，不能丢。", "问题", ("工作作风",))
    own.close()
    plan, result, library = _import(home, pack, shipped=["对调查研究重视不够。"])
    assert plan.duplicate_phrases == 1 and result.phrases == 2 and result.templates == ["我局2026年度民主生活会"]
    templates = load_templates(templates_dir(), home / "templates")
    assert templates.errors == [] and templates.default().id == "unit-2026"
    assert [a.title for a in templates.get("unit-2026").problem_aspects()] == ["带头树立和践行正确政绩观", "带头改进作风"]
    texts = {p.text: p.source for p in library.phrases()}
    assert texts["坚持为人民出政绩、以实干出政绩。"] == "组织部" and "我自己的素材，不能丢。" in texts
    assert [p["name"] for p in inst.installed_packs(home)] == ["县委组织部2026年度材料"]
    # importing the same pack again is refused; removing it takes exactly its items out
    with pytest.raises(PackError, match="已经导入过"):
        _import(home, pack)
    inst.remove_pack(home, result.pack_id[:8], library)
    assert [p.text for p in library.phrases()] == ["我自己的素材，不能丢。"]
    assert load_templates(templates_dir(), home / "templates").get("unit-2026") is None
    assert inst.installed_packs(home) == []


def test_a_name_clash_asks_and_replace_is_undone_by_removal(tmp_path):
    pack = _export(_sender(tmp_path), tmp_path / "p.mjpack")
    home = tmp_path / "cadre"
    (home / "templates").mkdir(parents=True)
    mine = OWN.replace('name = "我局2026年度民主生活会"', 'name = "我自己改过的"')
    (home / "templates" / "unit-2026.toml").write_text(mine, encoding="utf-8")
    contents = read_pack(pack)
    templates = load_templates(templates_dir(), home / "templates")
    library = open_library(home)
    plan = inst.plan_import(contents, templates, library, (), home)
    assert [c.existing.name for c in plan.clashes] == ["我自己改过的"] and not plan.clashes[0].shipped
    before = _snapshot(home)
    with pytest.raises(PackError, match="请先选择"):
        inst.apply_import(plan, {}, templates, library, home)
    assert _snapshot(home) == before  # never overwritten silently
    result = inst.apply_import(plan, {"unit-2026": inst.REPLACE}, templates, library, home)
    assert load_templates(templates_dir(), home / "templates").get("unit-2026").name == "我局2026年度民主生活会"
    inst.remove_pack(home, result.pack_id, library)
    assert (home / "templates" / "unit-2026.toml").read_text(encoding="utf-8") == mine


def test_keeping_both_renames_the_packs_template(tmp_path):
    sender = _sender(tmp_path)
    pack = _export(sender, tmp_path / "p.mjpack", ("unit-2026", "minzhu-2025"), with_phrases=False)
    home = tmp_path / "cadre"
    (home / "templates").mkdir(parents=True)
    (home / "templates" / "unit-2026.toml").write_text(OWN, encoding="utf-8")
    plan, result, _ = _import(home, pack, {"unit-2026": inst.RENAME, "minzhu-2025": inst.SKIP})
    assert any(c.shipped for c in plan.clashes)  # minzhu-2025 is a shipped one
    templates = load_templates(templates_dir(), home / "templates")
    assert templates.get("unit-2026-2").name == "我局2026年度民主生活会（县委组织部2026年度材料）"
    assert templates.get("unit-2026").name == "我局2026年度民主生活会" and result.skipped == ["2025年度民主生活会（五个带头）"]
    assert templates.default().id == "unit-2026"  # the renamed copy does not take the default


# --- damaged and hostile packs ---------------------------------------------------------------
def _zip(entries: dict[str, bytes], manifest: dict | None = None, fix_checksums: bool = True) -> bytes:
    buffer = io.BytesIO()
    files = {k: v for k, v in entries.items() if k != "manifest.json"}
    if manifest is None:
        manifest = {"format": "mingjing-pack", "version": 1, "name": "包", "templates": [], "files": {}}
    if fix_checksums:
        manifest["files"] = {k: {"sha256": hashlib.sha256(v).hexdigest(), "size": len(v)} for k, v in files.items()}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", entries.get("manifest.json") or json.dumps(manifest).encode())
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


GOOD_PHRASE = json.dumps({"text": "坚持为人民出政绩。", "part": "措施", "topics": ["担当作为"]}, ensure_ascii=False)
HOSTILE = {
    "not a zip": (b"PK\x03\x04 this is not really a zip", "不是有效的素材包"),
    "text file": ("这是一份通知".encode(), "不是有效的素材包"),
    "path traversal": (_zip({"../../evil.toml": b"x"}), "不安全或不认识的文件名"),
    "absolute path": (_zip({"/etc/evil.toml": b"x"}), "不安全或不认识的文件名"),
    "traversal inside templates": (_zip({"templates/../../x.toml": b"x"}), "不安全或不认识的文件名"),
    "backslash": (_zip({"templates\\..\\x.toml": b"x"}), "不安全或不认识的文件名"),
    "unknown entry": (_zip({"run.exe": b"MZ"}), "不安全或不认识的文件名"),
    "no manifest": (None, "缺少清单文件"),
    "manifest not json": (_zip({"manifest.json": b"{not json"}), "不是有效的 JSON"),
    "wrong format": (_zip({}, {"format": "other", "version": 1, "files": {}}), "不是明镜的素材包"),
    "newer version": (_zip({}, {"format": "mingjing-pack", "version": 99, "files": {}}), "更新版本"),
    "no checksums": (_zip({}, {"format": "mingjing-pack", "version": 1}, fix_checksums=False), "校验信息"),
    "checksum mismatch": (None, "校验值与清单不符"),
    "unlisted file": (None, "与清单不符"),
    "bad template": (_zip({"templates/x.toml": b'id = "x"\nname = = 1\n'}), "模板“templates/x.toml”有错误：第 2 行"),
    "template id differs from its file": (_zip({"templates/y.toml": OWN.encode()}), "与其 id"),
    "bad phrase part": (_zip({"phrases.jsonl": b'{"text": "x", "part": "bad", "topics": []}\n'}), "第 1 行"),
    "bad phrase topic": (_zip({"phrases.jsonl": (GOOD_PHRASE + "\n" + json.dumps(
        {"text": "y", "part": "问题", "topics": ["没有这个主题"]}, ensure_ascii=False)).encode()}), "第 2 行"),
    "phrase with extra keys": (_zip({"phrases.jsonl": b'{"text": "x", "part": "\xe9\x97\xae\xe9\xa2\x98", "cmd": 1}\n'}),
                               "格式不对"),
    "phrase not json": (_zip({"phrases.jsonl": b"[[[[\n"}), "不是有效的 JSON"),
    "empty pack": (_zip({}), "是空的"),
    "admission of a breach": (_zip({"phrases.jsonl": json.dumps(
        {"text": "本人曾收受管理服务对象的土特产。", "part": "问题", "topics": ["廉洁自律"]},
        ensure_ascii=False).encode()}), "未通过安全检查"),
}


def _special(kind: str) -> bytes:
    if kind == "no manifest":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("phrases.jsonl", GOOD_PHRASE)
        return buffer.getvalue()
    if kind == "checksum mismatch":
        manifest = {"format": "mingjing-pack", "version": 1, "files": {
            "phrases.jsonl": {"sha256": "0" * 64, "size": len(GOOD_PHRASE.encode())}}}
        return _zip({"phrases.jsonl": GOOD_PHRASE.encode()}, manifest, fix_checksums=False)
    manifest = {"format": "mingjing-pack", "version": 1, "files": {}}
    return _zip({"phrases.jsonl": GOOD_PHRASE.encode()}, manifest, fix_checksums=False)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_damaged_or_hostile_pack_is_refused_and_changes_nothing(kind, tmp_path):
    data, message = HOSTILE[kind]
    path = tmp_path / "bad.mjpack"
    path.write_bytes(data if data is not None else _special(kind))
    home = tmp_path / "cadre"
    open_library(home).close()
    before = _snapshot(home)
    with pytest.raises(PackError, match=message):
        read_pack(path)
    assert _snapshot(home) == before


def test_a_zip_bomb_stops_at_the_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(packmod, "MAX_PHRASES_BYTES", 1024 * 1024)
    monkeypatch.setattr(packmod, "MAX_TOTAL_BYTES", 64 * 1024 * 1024)
    bomb = b"\n" * (50 * 1024 * 1024)  # 50 MB of newlines compress to about 50 KB
    data = _zip({"phrases.jsonl": bomb})
    assert len(data) < 200_000
    path = tmp_path / "bomb.mjpack"
    path.write_bytes(data)
    with pytest.raises(PackError, match="过大"):
        read_pack(path)
    # a header that lies about the size: the stream still stops at the cap or fails its CRC
    lying = bytearray(data)
    name = b"phrases.jsonl"
    at = lying.rfind(b"PK\x01\x02")  # central directory entry of the last file
    assert lying[at + 46:at + 46 + len(name)] == name
    lying[at + 24:at + 28] = (10).to_bytes(4, "little")  # uncompressed size: 10 bytes
    path.write_bytes(bytes(lying))
    with pytest.raises(PackError):
        read_pack(path)


def test_too_many_entries_and_huge_files_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(packmod, "MAX_ENTRIES", 3)
    entries = {f"templates/t{i}.toml": b"x" for i in range(5)}
    path = tmp_path / "many.mjpack"
    path.write_bytes(_zip(entries))
    with pytest.raises(PackError, match="文件过多"):
        read_pack(path)
    monkeypatch.setattr(packmod, "MAX_PACK_BYTES", 100)
    with pytest.raises(PackError, match="过大"):
        read_pack(path)


def test_the_safety_hook_refuses_what_it_flags(tmp_path, monkeypatch):
    pack = _export(_sender(tmp_path), tmp_path / "p.mjpack")
    assert read_pack(pack).phrases
    monkeypatch.setattr(packmod, "check_pack_phrases",
                        lambda texts: [(i, "红线") for i, t in enumerate(texts) if "政绩观上" in t])
    with pytest.raises(PackError, match=r"1 条素材未通过安全检查.*红线"):
        read_pack(pack)


def test_a_failed_write_takes_back_what_was_written(tmp_path, monkeypatch):
    pack = _export(_sender(tmp_path), tmp_path / "p.mjpack")
    home = tmp_path / "cadre"
    open_library(home).close()
    before = _snapshot(home)

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(inst, "_save_registry", broken)
    with pytest.raises(PackError, match="已撤回"):
        _import(home, pack)
    library = open_library(home)
    assert library.phrases() == [] and not (home / "templates" / "unit-2026.toml").exists()
    assert set(_snapshot(home)) - set(before) <= {"templates"}


def test_exported_template_text_is_what_the_loader_reads(tmp_path):
    library = load_templates(templates_dir())
    for template in library.templates:
        (tmp_path / f"{template.id}.toml").write_text(template_to_toml(template), encoding="utf-8")
    again = load_templates(tmp_path)
    assert again.errors == []
    for template in library.templates:
        other = again.get(template.id)
        assert other.problem_aspects() == template.problem_aspects() and other.title_choices == template.title_choices
        assert [s.title for s in other.sections] == [s.title for s in template.sections]


def test_pack_phrases_face_the_same_red_flags_as_the_shipped_bank():
    """An admission a 纪委 reader would have to act on is refused even without 本人/我; a
    measure that refuses the same thing is not."""
    from app.core.packs.safety import check_pack_phrases

    texts = ["逢年过节收受管理服务对象赠送的土特产，认为是人之常情。",
             "坚决杜绝收受礼品礼金，严格执行中央八项规定精神。",
             "对分管领域统计数据就高不就低，存在弄虚作假倾向。"]
    problems = check_pack_phrases(texts)
    assert [index for index, _ in problems] == [0, 2]
    assert "收受" in problems[0][1]
