"""Messy shapes of pasted reports (issue 17), each asserted as a whole tree.

tests/data/messy_shapes.toml holds each text with the tree a reader sees in it; the same tree
must come from the pasted text, a .txt file and a .docx with one paragraph per line.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from app.core.document.numbering import recognize_text
from app.core.document.outline import build_outline, detect_template

DATA = Path(__file__).resolve().parents[2] / "data" / "messy_shapes.toml"
SHAPES = tomllib.loads(DATA.read_text(encoding="utf-8"))["shape"]


def render(nodes, depth: int = 0) -> list[str]:
    """The tree as the data file writes it: number, title and (top level) part."""
    lines = []
    for node in nodes:
        line = "  " * depth + f"{node.number} {node.title}"
        if depth == 0:
            line += f" [{node.part}]"
        lines.append(line)
        lines += render(node.children, depth + 1)
    return lines


def tree_of(paragraphs, services) -> list[str]:
    template = detect_template(paragraphs, services.templates)
    return render(build_outline(paragraphs, services.classifier, template).sections)


def test_there_are_enough_shapes():
    assert len(SHAPES) >= 20


@pytest.mark.parametrize("shape", SHAPES, ids=[s["name"] for s in SHAPES])
def test_shape_gives_its_tree(shape, services, tmp_path):
    import docx

    from app.core.formats.reader import read_document

    expected = shape["tree"].strip("\n").splitlines()
    assert tree_of(recognize_text(shape["text"]), services) == expected
    source = tmp_path / "shape.txt"
    source.write_text(shape["text"], encoding="utf-8")
    word = docx.Document()
    for line in shape["text"].strip("\n").splitlines():
        word.add_paragraph(line)
    word.save(tmp_path / "shape.docx")
    for path in (source, tmp_path / "shape.docx"):
        assert tree_of(read_document(path).paragraphs, services) == expected, path.suffix


def test_renumbering_keeps_the_kind_of_marker():
    from app.core.document.grammar import renumbered_marker

    assert [renumbered_marker(m, 2) for m in ("三是", "三要", "第三", "③", "（3）")] == [
        "二是", "二要", "第二", "②", "（2）"]
