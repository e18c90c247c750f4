"""The data the checks run on: the wrong-form table, the formulations and the whitelist.

Shipped data lives in ``resources/check/``; the user's additions live in
``<user data dir>/check/`` (``wrong_forms.tsv`` in the same format, ``whitelist.txt`` with
one word per line).  A bad line is reported as file:line and skipped, never a crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.check.data_files import read_toml
from app.core.errors import LoadError
from app.core.paths import resources_dir

if TYPE_CHECKING:
    from app.core.check.lexicon import Lexicon
    from app.core.check.rules_current import Term

WRONG_FORMS_FILE = "wrong_forms.tsv"
FORMULATIONS_FILE = "formulations.toml"
WHITELIST_FILE = "whitelist.txt"


@dataclass(frozen=True)
class WrongForm:
    wrong: str
    right: str
    exceptions: tuple[str, ...] = ()  # correct words that contain ``wrong``


@dataclass(frozen=True)
class Formulation:
    name: str
    members: tuple[tuple[str, ...], ...]  # canonical form first, then short forms
    complete: bool = True
    suffix: str = ""


@dataclass(frozen=True)
class Sequence:
    """A statement of several parts written out in full (两个维护): ``parts`` are regular
    expressions in the canonical order; a later part written before an earlier one within
    ``window`` characters is out of order."""

    name: str
    parts: tuple[str, ...]
    labels: tuple[str, ...]  # the canonical wording of each part, for the message
    window: int = 60


@dataclass
class CheckConfig:
    wrong_forms: dict[str, WrongForm] = field(default_factory=dict)
    formulations: list[Formulation] = field(default_factory=list)
    sequences: list[Sequence] = field(default_factory=list)
    whitelist: set[str] = field(default_factory=set)
    errors: list[LoadError] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)  # current wording (rules_current)
    pos: dict[str, str] = field(default_factory=dict)  # verbs/adjectives for 的地得
    # jieba's dictionary plus the register's words, for confusable characters; None until
    # the segmenter has loaded (the check then runs without that rule).
    lexicon: Lexicon | None = None
    # The window's first check of a long draft: confusable characters only for paragraphs
    # already scored (the rest is scored in slices between events, see check_pane).
    confusables_cached_only: bool = False
    _by_first: dict[str, list[WrongForm]] | None = field(default=None, repr=False)
    _lookup: dict | None = field(default=None, repr=False)  # rules_words' index (built once)

    def forms_by_first_char(self) -> dict[str, list[WrongForm]]:
        """Wrong forms grouped by first character, longest first (built once)."""
        if self._by_first is None:
            table: dict[str, list[WrongForm]] = {}
            for form in self.wrong_forms.values():
                table.setdefault(form.wrong[0], []).append(form)
            for forms in table.values():
                forms.sort(key=lambda f: -len(f.wrong))
            self._by_first = table
        return self._by_first


def config_error_report(config: CheckConfig) -> str:
    """The user's check files' problems as ``file 第 N 行：reason`` lines ('' when none)."""
    if not config.errors:
        return ""
    lines = [f"{Path(e.path).name} 第 {e.line} 行：{e.reason}" for e in config.errors[:50]]
    more = len(config.errors) - len(lines)
    return ("校对词表有错误（这些行已忽略）：\n" + "\n".join(lines)
            + (f"\n……另有 {more} 处" if more > 0 else ""))


def check_data_dir() -> Path:
    return resources_dir() / "check"


def user_check_dir(user_dir: Path) -> Path:
    return user_dir / "check"


USER_FILE_BYTES = 8 * 1024 * 1024


def _read_lines(path: Path, errors: list[LoadError]) -> list[str]:
    """The lines of a user table.  A line that is not UTF-8 is reported by number and
    skipped; the others still count (one stray GBK line must not disable the file)."""
    from app.core.formats.limits import read_capped

    try:
        data = read_capped(path, USER_FILE_BYTES)
    except ValueError as exc:
        errors.append(LoadError(str(path), 1, str(exc)))
        return []
    except OSError as exc:
        errors.append(LoadError(str(path), 1, f"无法读取（{exc.strerror or exc}）"))
        return []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            lines.append(raw.decode("utf-8").rstrip("\r"))
        except UnicodeDecodeError:
            errors.append(LoadError(str(path), number, "这一行不是 UTF-8 编码，已忽略；请用 UTF-8 另存此文件"))
            lines.append("")
    return lines


def load_wrong_forms(path: Path, table: dict[str, WrongForm], errors: list[LoadError]) -> None:
    for number, line in enumerate(_read_lines(path, errors), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < 2 or not cols[0] or not cols[1]:
            errors.append(LoadError(str(path), number, "应为“错误写法<Tab>规范写法”"))
            continue
        if cols[0] == cols[1]:
            errors.append(LoadError(str(path), number, "错误写法与规范写法相同"))
            continue
        exceptions = tuple(e for e in (cols[2].split("|") if len(cols) > 2 else ()) if e)
        table[cols[0]] = WrongForm(cols[0], cols[1], exceptions)


def load_formulations(path: Path, errors: list[LoadError]) -> list[Formulation]:
    data = read_toml(path, errors)
    result = []
    for entry in data.get("formulation", []):
        try:
            members = tuple(tuple(str(f) for f in m) for m in entry["members"])
            if len(members) < 2 or any(not m for m in members):
                raise ValueError("members 至少两项")
            result.append(Formulation(str(entry["name"]), members, bool(entry.get("complete", True)),
                                      str(entry.get("suffix", ""))))
        except (KeyError, TypeError, ValueError) as exc:
            errors.append(LoadError(str(path), 1, f"表述“{entry.get('name', '?')}”格式不对：{exc}"))
    return result


def load_sequences(path: Path, errors: list[LoadError]) -> list[Sequence]:
    data = read_toml(path, None)  # a file that cannot be read is reported by load_formulations
    result = []
    for entry in data.get("sequence", []):
        try:
            parts = tuple(str(p) for p in entry["parts"])
            labels = tuple(str(p) for p in entry["labels"])
            if len(parts) < 2 or len(parts) != len(labels):
                raise ValueError("parts 至少两项，且与 labels 一一对应")
            for part in parts:
                re.compile(part)
            result.append(Sequence(str(entry["name"]), parts, labels,
                                   int(entry.get("window", 60))))
        except (KeyError, TypeError, ValueError, re.error) as exc:
            errors.append(LoadError(str(path), 1, f"表述“{entry.get('name', '?')}”格式不对：{exc}"))
    return result


def load_whitelist(user_dir: Path | None) -> set[str]:
    if user_dir is None:
        return set()
    path = user_check_dir(user_dir) / WHITELIST_FILE
    if not path.is_file():
        return set()
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    return {ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")}


def add_to_whitelist(user_dir: Path, word: str) -> None:
    """Append ``word`` to the personal whitelist (raises OSError if it cannot be written)."""
    word = word.strip()
    if not word:
        return
    folder = user_check_dir(user_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / WHITELIST_FILE
    if word in load_whitelist(user_dir):
        return
    with path.open("a", encoding="utf-8") as handle:
        handle.write(word + "\n")


def load_check_config(user_dir: Path | None = None, data_dir: Path | None = None) -> CheckConfig:
    """Shipped tables plus the user's additions and whitelist."""
    data_dir = data_dir or check_data_dir()
    config = CheckConfig()
    load_wrong_forms(data_dir / WRONG_FORMS_FILE, config.wrong_forms, config.errors)
    config.formulations = load_formulations(data_dir / FORMULATIONS_FILE, config.errors)
    config.sequences = load_sequences(data_dir / FORMULATIONS_FILE, config.errors)
    from app.core.check.lexicon import load_pos
    from app.core.check.rules_current import TERMS_FILE, load_terms

    config.terms = load_terms(data_dir / TERMS_FILE, config.errors)
    config.pos = load_pos(data_dir)
    if user_dir is not None:
        user_table = user_check_dir(user_dir) / WRONG_FORMS_FILE
        if user_table.is_file():
            load_wrong_forms(user_table, config.wrong_forms, config.errors)
        user_terms = user_check_dir(user_dir) / TERMS_FILE
        if user_terms.is_file():
            config.terms += load_terms(user_terms, config.errors)
        config.whitelist = load_whitelist(user_dir)
    return config
