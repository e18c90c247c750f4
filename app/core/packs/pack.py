"""The pack file: a zip with ``manifest.json`` (format, version, name, checksums),
``templates/<id>.toml`` and ``phrases.jsonl``.

Reading trusts nothing in the file: the zip may be damaged or hostile.  Entry names are
checked before anything is read (no absolute paths, no ``..``, only the names above), every
entry is read through a byte-capped stream (a zip bomb stops at the cap whatever its header
claims), checksums must match the manifest, and templates and phrases are validated as the
app's own loaders would.  Nothing is ever extracted to disk by its name in the zip.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.core.document.template_toml import template_to_toml
from app.core.document.templates import Template, parse_template
from app.core.errors import LibraryError, PackError, TemplateError
from app.core.packs.safety import check_pack_phrases
from app.core.phrases.library import validate_entry
from app.core.phrases.phrasebank import SIZES, Phrase

FORMAT = "mingjing-pack"
VERSION = 1
SUFFIX = ".mjpack"
MANIFEST = "manifest.json"
PHRASES = "phrases.jsonl"
TEMPLATE_DIR = "templates/"
MAX_PACK_BYTES = 64 * 1024 * 1024
MAX_ENTRIES = 500
MAX_MANIFEST_BYTES = 256 * 1024
MAX_TEMPLATE_BYTES = 256 * 1024
MAX_PHRASES_BYTES = 16 * 1024 * 1024
MAX_TOTAL_BYTES = 40 * 1024 * 1024
MAX_PHRASES = 20_000
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_TEMPLATE_NAME_RE = re.compile(r"^templates/([A-Za-z0-9][A-Za-z0-9_.-]{0,63})\.toml$")
_PHRASE_KEYS = {"text", "part", "topics", "size", "source"}


@dataclass(frozen=True)
class PackPhrase:
    text: str
    part: str
    topics: tuple[str, ...]
    size: str = ""
    source: str = ""

    def to_json(self) -> dict:
        data = {"text": self.text, "part": self.part, "topics": list(self.topics)}
        if self.size:
            data["size"] = self.size
        if self.source:
            data["source"] = self.source
        return data


@dataclass
class PackContents:
    """What a valid pack holds (nothing written yet)."""

    name: str
    created: str
    description: str
    templates: list[tuple[Template, str]] = field(default_factory=list)  # (template, its TOML text)
    phrases: list[PackPhrase] = field(default_factory=list)
    digest: str = ""  # sha256 of the manifest: the pack's identity

    def summary(self) -> str:
        by_part: dict[str, int] = {}
        for p in self.phrases:
            by_part[p.part] = by_part.get(p.part, 0) + 1
        lines = [f"素材包“{self.name}”（{self.created[:10]}）"]
        if self.description:
            lines.append(self.description)
        lines.append(f"模板 {len(self.templates)} 个" + (
            "：" + "、".join(t.name for t, _ in self.templates) if self.templates else ""))
        parts = "，".join(f"{k} {v}" for k, v in by_part.items())
        lines.append(f"素材 {len(self.phrases)} 条" + (f"（{parts}）" if parts else ""))
        return "\n".join(lines)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- writing ------------------------------------------------------------------------------------
def write_pack(path: Path, name: str, templates: Sequence[Template], phrases: Sequence[Phrase],
               description: str = "", app_version: str = "") -> Path:
    """Write a pack of ``templates`` and ``phrases`` (the user's) to ``path`` (atomically)."""
    from app.core.storage.files import atomic_write_bytes

    if not templates and not phrases:
        raise PackError("没有选择任何模板或素材，素材包是空的。")
    files: dict[str, bytes] = {}
    listed = []
    for template in templates:
        if not _ID_RE.match(template.id):
            raise PackError(f"模板“{template.name}”的 id “{template.id}”含有不能用作文件名的字符。")
        entry = f"{TEMPLATE_DIR}{template.id}.toml"
        files[entry] = template_to_toml(template).encode("utf-8")
        listed.append({"id": template.id, "name": template.name, "file": entry})
    if phrases:
        rows = [PackPhrase(p.text, p.part, p.topics, p.size, p.source).to_json() for p in phrases]
        files[PHRASES] = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    manifest = {
        "format": FORMAT, "version": VERSION, "name": name.strip() or "模板与素材包",
        "description": description, "created": _dt.datetime.now().isoformat(timespec="seconds"),
        "app_version": app_version, "templates": listed, "phrases": len(phrases),
        "files": {entry: {"sha256": _sha(data), "size": len(data)} for entry, data in files.items()},
    }
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
        for entry, data in files.items():
            archive.writestr(entry, data)
    atomic_write_bytes(Path(path), buffer.getvalue())
    return Path(path)


# --- reading ------------------------------------------------------------------------------------
def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """The entry's bytes, never more than ``cap`` (whatever its header says)."""
    if info.file_size > cap:
        raise PackError(f"包中的“{info.filename}”过大（{info.file_size // 1024} KB），已拒绝导入。")
    try:
        with archive.open(info) as stream:
            data = stream.read(cap + 1)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise PackError(f"包中的“{info.filename}”已损坏，无法读取（{type(exc).__name__}）。") from exc
    if len(data) > cap:
        raise PackError(f"包中的“{info.filename}”解压后过大，可能是恶意文件，已拒绝导入。")
    return data


def _safe_name(name: str) -> bool:
    return (name in (MANIFEST, PHRASES) or bool(_TEMPLATE_NAME_RE.match(name))) and "\\" not in name


def _check_entries(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise PackError(f"素材包中的文件过多（{len(infos)} 个），不像是明镜的素材包。")
    entries: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        if name == "templates/":  # a folder entry some zip tools add
            continue
        if not _safe_name(name):
            shown = name if len(name) < 80 else name[:80] + "…"
            raise PackError(f"素材包中有不安全或不认识的文件名“{shown}”，已拒绝导入（没有写入任何内容）。")
        if name in entries:
            raise PackError(f"素材包中“{name}”出现了两次，包已被改动，已拒绝导入。")
        if info.flag_bits & 0x1:
            raise PackError("素材包中的文件被加密，无法导入。")
        entries[name] = info
    if sum(i.file_size for i in entries.values()) > MAX_TOTAL_BYTES:
        raise PackError("素材包解压后过大，已拒绝导入。")
    if MANIFEST not in entries:
        raise PackError("这不是明镜的素材包：缺少清单文件 manifest.json。")
    return entries


def _manifest(data: bytes) -> dict:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise PackError("素材包的清单（manifest.json）不是有效的 JSON，包已损坏。") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackError("这不是明镜的素材包（清单中没有 mingjing-pack 标记）。")
    version = manifest.get("version")
    if not isinstance(version, int) or version < 1:
        raise PackError("素材包清单中的版本号无效，包已损坏。")
    if version > VERSION:
        raise PackError(f"这个素材包由更新版本的明镜制作（格式版本 {version}），请先升级明镜再导入。")
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(
            isinstance(k, str) and isinstance(v, dict) and isinstance(v.get("sha256"), str)
            and isinstance(v.get("size"), int) for k, v in files.items()):
        raise PackError("素材包清单缺少文件校验信息（files），包已损坏。")
    for key in ("name", "created", "description"):
        if not isinstance(manifest.get(key, ""), str):
            raise PackError(f"素材包清单中的“{key}”格式不对，包已损坏。")
    if not isinstance(manifest.get("templates", []), list):
        raise PackError("素材包清单中的模板列表格式不对，包已损坏。")
    return manifest


def _template(entry: str, data: bytes) -> tuple[Template, str]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackError(f"包中的模板“{entry}”不是 UTF-8 文本。") from exc
    try:
        template = parse_template(text)
    except TemplateError as exc:
        raise PackError(f"包中的模板“{entry}”有错误：第 {exc.line} 行：{exc.reason}") from exc
    if template.borrowed:
        raise PackError(f"包中的模板“{template.name}”引用了别的模板的方面（aspects_from），请导出完整的模板。")
    if f"{TEMPLATE_DIR}{template.id}.toml" != entry:
        raise PackError(f"包中的模板“{entry}”与其 id “{template.id}”不符，包已被改动。")
    return template, text


def _phrases(data: bytes) -> list[PackPhrase]:
    try:
        lines = data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise PackError("包中的素材文件不是 UTF-8 文本。") from exc
    phrases = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if len(phrases) >= MAX_PHRASES:
            raise PackError(f"包中的素材超过 {MAX_PHRASES} 条，已拒绝导入。")
        try:
            row = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise PackError(f"包中素材第 {number} 行不是有效的 JSON。") from exc
        if not isinstance(row, dict) or set(row) - _PHRASE_KEYS:
            raise PackError(f"包中素材第 {number} 行格式不对（只能有 text/part/topics/size/source）。")
        topics = row.get("topics", [])
        if not isinstance(row.get("text"), str) or not isinstance(row.get("part"), str) or not isinstance(
                topics, list) or not all(isinstance(t, str) for t in topics):
            raise PackError(f"包中素材第 {number} 行缺少文字（text）或部分（part），或主题不是文字列表。")
        size, source = row.get("size", ""), row.get("source", "")
        if size not in ("", *SIZES) or not isinstance(source, str) or len(source) > 200:
            raise PackError(f"包中素材第 {number} 行的 size 或 source 格式不对。")
        try:
            text, part, clean = validate_entry(row["text"], row["part"], topics)
        except LibraryError as exc:
            raise PackError(f"包中素材第 {number} 行：{exc}") from exc
        phrases.append(PackPhrase(text, part, clean, size, source))
    return phrases


def read_pack(path: Path) -> PackContents:
    """Validate the pack at ``path`` and say what it holds, or raise ``PackError``."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise PackError(f"找不到素材包“{path.name}”。") from exc
    except OSError as exc:
        raise PackError(f"无法读取素材包“{path.name}”：{exc.strerror or exc}。") from exc
    if size > MAX_PACK_BYTES:
        raise PackError(f"“{path.name}”过大（超过 {MAX_PACK_BYTES // 1024 // 1024} MB），不像是明镜的素材包。")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise PackError(f"“{path.name}”不是有效的素材包（文件已损坏或不是 zip 格式）。") from exc
    except OSError as exc:
        raise PackError(f"无法读取素材包“{path.name}”：{exc.strerror or exc}。") from exc
    with archive:
        entries = _check_entries(archive)
        manifest_bytes = _read_capped(archive, entries[MANIFEST], MAX_MANIFEST_BYTES)
        manifest = _manifest(manifest_bytes)
        listed = manifest["files"]
        unlisted = sorted(set(entries) - {MANIFEST} - set(listed))
        missing = sorted(set(listed) - set(entries))
        if unlisted or missing:
            raise PackError(f"素材包的内容与清单不符（{'、'.join((unlisted + missing)[:3])}），包已损坏或被改动。")
        contents = PackContents(manifest.get("name", "").strip() or path.stem, manifest.get("created", ""),
                                manifest.get("description", "").strip(), digest=_sha(manifest_bytes))
        seen_ids: set[str] = set()
        for entry in sorted(entries):
            if entry == MANIFEST:
                continue
            cap = MAX_PHRASES_BYTES if entry == PHRASES else MAX_TEMPLATE_BYTES
            data = _read_capped(archive, entries[entry], cap)
            if _sha(data) != listed[entry]["sha256"] or len(data) != listed[entry]["size"]:
                raise PackError(f"素材包中“{entry}”的校验值与清单不符，包已损坏或被改动。")
            if entry == PHRASES:
                contents.phrases = _phrases(data)
            else:
                template, text = _template(entry, data)
                if template.id in seen_ids:
                    raise PackError(f"素材包中模板 id “{template.id}”重复。")
                seen_ids.add(template.id)
                contents.templates.append((template, text))
    problems = check_pack_phrases([p.text for p in contents.phrases])
    if problems:
        shown = "；".join(f"第 {i + 1} 条（{contents.phrases[i].text[:20]}…）：{why}" for i, why in problems[:3])
        raise PackError(f"素材包中有 {len(problems)} 条素材未通过安全检查，已拒绝导入：{shown}")
    if not contents.templates and not contents.phrases:
        raise PackError("素材包是空的：没有模板，也没有素材。")
    return contents
