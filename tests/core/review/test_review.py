"""审核: a folder made from the corpus, with copying planted between two reports."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as open_docx

from app.core.check import load_check_config
from app.core.review import review
from app.core.review.opinion import opinions
from app.core.review.opinion_docx import opinion_bytes, summary_bytes
from app.core.review.pairs import compare_reports

ROOT = Path(__file__).resolve().parents[3]


def _paragraphs(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture
def folder(tmp_path, corpus) -> Path:
    """The corpus reports, one of which copies (with a word changed here and there) the
    problem paragraphs of another; a damaged .docx; an old .wps."""
    folder = tmp_path / "材料"
    folder.mkdir()
    texts = [path.read_text(encoding="utf-8") for path in corpus]
    source, copier = _paragraphs(texts[0]), _paragraphs(texts[-1])
    # the copier replaces its second to fourth paragraphs with the source's, lightly edited
    copied = [line.replace("不够", "还不够").replace("存在", "仍存在") for line in source[2:5]]
    planted = copier[:2] + copied + copier[5:]
    for n, text in enumerate(texts[1:-1], 2):
        (folder / f"{n}_其他.txt").write_text(text, encoding="utf-8")
    (folder / "1_原稿.txt").write_text(texts[0], encoding="utf-8")
    (folder / "9_照抄.txt").write_text("\n".join(planted), encoding="utf-8")
    (folder / "坏文件.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "旧格式.wps").write_bytes(b"\xd0\xcf\x11\xe0 old office")
    (folder / "~$1_原稿.docx").write_bytes(b"lock")  # Word's lock file: not a report
    return folder


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _review(folder, services, tmp_path):
    return review([folder], services.templates, services.classifier, load_check_config(tmp_path),
                  [p.text for p in services.phrasebank.phrases])


def test_planted_copying_is_the_first_pair_and_damaged_files_keep_their_rows(folder, services, tmp_path):
    before = _digest(folder)
    result = _review(folder, services, tmp_path)
    assert _digest(folder) == before  # reports are never modified
    names = [r.name for r in result.reports]
    assert "~$1_原稿.docx" not in names
    assert len(names) == 2 + len(list(folder.glob("*.txt")))
    top = result.comparison.pairs[0]
    assert {result.reports[top.a].name, result.reports[top.b].name} == {"1_原稿.txt", "9_照抄.txt"}
    assert top.similarity >= 0.2
    assert all(p.similarity < top.similarity / 2 for p in result.comparison.pairs[1:])
    assert any(s.similarity < 1.0 for s in top.shared)  # the edited sentences are near-copies
    damaged = next(r for r in result.reports if r.name == "坏文件.docx")
    assert damaged.error and "损坏" in damaged.error
    old = next(r for r in result.reports if r.name == "旧格式.wps")
    assert "另存为" in old.error
    good = [r for r in result.reports if not r.error]
    assert all(r.chars > 1000 for r in good)
    assert all(r.template for r in good if r.name != "9_照抄.txt")
    index = names.index("9_照抄.txt")
    assert "1_原稿" in opinions(result, index)[0] and "雷同" in opinions(result, index)[0]


def test_similarity_is_the_share_of_the_shorter_reports_sentences():
    shared = ["甲乙丙丁戊己庚辛壬癸子丑寅卯。", "天地玄黄宇宙洪荒日月盈昃。", "辰宿列张寒来暑往秋收冬藏。"]
    own = ["春风又绿江南岸明月何时照我还。", "白日依山尽黄河入海流欲穷千里目。", "床前明月光疑是地上霜举头望明月。",
           "千山鸟飞绝万径人踪灭孤舟蓑笠翁。", "红豆生南国春来发几枝愿君多采撷。", "独在异乡为异客每逢佳节倍思亲。",
           "两个黄鹂鸣翠柳一行白鹭上青天。"]
    short = "".join(shared + own[:1])  # 4 sentences, 3 of them in the other
    long_ = "".join(shared + own[1:])
    comparison = compare_reports([short, long_, "毫不相干的一篇材料只有这一句话而已。"])
    assert len(comparison.pairs) == 1
    assert comparison.pairs[0].similarity == pytest.approx(3 / 4)


def test_opinion_docx_has_a_section_per_report_and_the_summary_table(folder, services, tmp_path):
    result = _review(folder, services, tmp_path)
    out = tmp_path / "审核意见.docx"
    out.write_bytes(opinion_bytes(result))
    doc = open_docx(str(out))
    headings = [p.text for p in doc.paragraphs if p.text[:2] in {f"{n}、" for n in "一二三四五六七八九"}]
    assert len(headings) == len(result.reports)
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "建议结合分管领域补充具体事例" in body
    assert "无法读取" in body
    table = doc.tables[0]
    assert len(table.rows) == 1 + len(result.reports)
    assert table.rows[0].cells[-2].text == "最高雷同"
    assert len(doc.sections) == 2 and doc.sections[1].page_width > doc.sections[1].page_height
    only = tmp_path / "汇总表.docx"
    only.write_bytes(summary_bytes(result))
    assert len(open_docx(str(only)).tables[0].rows) == 1 + len(result.reports)


def test_cli_review_json_and_opinion(folder, tmp_path):
    out = tmp_path / "审核意见.docx"
    result = subprocess.run([sys.executable, "-m", "app", "review", str(folder), "--json", "-o", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    row = data["reports"][0]
    assert {"file", "author", "template", "chars", "findings"} <= set(row)
    assert any("error" in r for r in data["reports"])
    top = data["pairs"][0]
    assert {Path(top["a"]).name, Path(top["b"]).name} == {"1_原稿.txt", "9_照抄.txt"}
    assert 0 < top["similarity"] <= 1 and top["shared"]
    assert out.is_file()
    missing = subprocess.run([sys.executable, "-m", "app", "review", str(tmp_path / "没有")],
                             capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert missing.returncode == 2 and "找不到" in missing.stderr


def test_a_shared_title_or_heading_line_is_no_copying():
    title = "2026年度民主生活会个人对照检查材料\n一、检视的问题和不足之处以及差距\n"
    a = title + "春风又绿江南岸明月何时照我还。白日依山尽黄河入海流欲穷千里目。"
    b = title + "千山鸟飞绝万径人踪灭孤舟蓑笠翁。红豆生南国春来发几枝愿君多采撷。"
    assert compare_reports([a, b]).pairs == []


def test_phrasebank_sentences_count_as_stock_not_as_copying():
    stock = "对标先进找差距的意识不强满足于完成上级布置的任务。"
    a = stock + "春风又绿江南岸明月何时照我还。白日依山尽黄河入海流欲穷千里目。"
    b = stock + "千山鸟飞绝万径人踪灭孤舟蓑笠翁。红豆生南国春来发几枝愿君多采撷。"
    assert len(compare_reports([a, b]).pairs) == 1
    comparison = compare_reports([a, b], [stock])
    assert comparison.pairs == []
    assert comparison.phrasebank_share[0] > 0.2
