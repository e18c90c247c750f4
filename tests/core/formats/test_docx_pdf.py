"""Proof with a real client: LibreOffice prints our .docx, poppler reads the PDF back.

All files are converted in two soffice runs (one to PDF, one .docx -> .docx) per test
session to keep the suite fast on a small machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.document.outline import build_outline, resolve_template
from app.core.formats.docx_io import read_docx, write_docx
from app.core.formats.export_options import ExportOptions
from app.core.formats.reader import read_document
from app.core.formats.rectification import write_rectification
from app.core.model import Document, Paragraph, Role
from tests import lo_pdf

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(lo_pdf.missing_tools()),
                       reason=f"needs {', '.join(lo_pdf.missing_tools())} (scripts/setup.sh installs them)"),
]

A4 = (595.3, 841.9)
RIGHT_MARGIN_PT = 26 / 25.4 * 72
LEFT_MARGIN_PT = 28 / 25.4 * 72
ONE_CHAR_14PT = 14


def _long_document(corpus) -> Document:
    """Every corpus sample one after the other under one title: about 15 pages."""
    paragraphs = [Paragraph(Role.TITLE, "2023年度主题教育专题民主生活会个人对照检查材料"),
                  Paragraph(Role.META, "张三（××局党组书记、局长）"),
                  Paragraph(Role.META, "2024年1月10日")]
    for path in corpus:
        paragraphs += [p for p in read_document(path).paragraphs if p.role not in (Role.TITLE, Role.META)]
    return Document(paragraphs, "zhuti_2023")


@pytest.fixture(scope="module")
def printed(tmp_path_factory, corpus, services):
    """Exported files and their PDFs: {name: (document, docx path, pdf path)}."""
    work = tmp_path_factory.mktemp("lo")
    docs = {"sample": read_document(corpus[-1]), "long": _long_document(corpus)}
    files = {}
    for name, document in docs.items():
        path = work / f"{name}.docx"
        write_docx(document, path)
        files[name] = path
    long_doc = docs["long"]
    template = resolve_template(long_doc, services.templates)
    outline = build_outline(long_doc.paragraphs, services.classifier, template)
    files["rectification"] = work / "rectification.docx"
    rows = write_rectification(outline, long_doc.paragraphs, files["rectification"],
                               classifier=services.classifier)
    lo_pdf.convert(list(files.values()), work / "pdf", work)
    lo_pdf.convert([files["sample"]], work / "docx", work, target="docx:MS Word 2007 XML")
    return {"docs": docs, "files": files, "pdf": {n: work / "pdf" / f"{n}.pdf" for n in files},
            "rows": rows, "resaved": work / "docx" / "sample.docx"}


def test_pages_are_a4_portrait_and_the_list_is_a4_landscape(printed):
    for name in ("sample", "long"):
        width, height = lo_pdf.page_size(printed["pdf"][name])
        assert (round(width), round(height)) == (595, 842), name
    width, height = lo_pdf.page_size(printed["pdf"]["rectification"])
    assert (round(width), round(height)) == (842, 595)


def test_every_character_is_printed_in_order(printed):
    for name in ("sample", "long"):
        pages = lo_pdf.layout_text(printed["pdf"][name]).split("\f")
        printed_text = "".join(lo_pdf.squash("\n".join(lo_pdf.body_lines(p))) for p in pages)
        expected = lo_pdf.squash("".join(p.text for p in printed["docs"][name].paragraphs))
        assert printed_text == expected, name


def test_page_numbers_right_on_odd_pages_left_on_even_pages(printed):
    pdf = printed["pdf"]["long"]
    pages = lo_pdf.page_count(pdf)
    assert pages >= 4
    words = lo_pdf.words(pdf)
    for page in range(1, pages + 1):
        footer = [w for w in words if w.page == page and w.y_min > A4[1] - 99]
        assert [w.text for w in footer] == ["—", str(page), "—"], page
        left, right = min(w.x_min for w in footer), max(w.x_max for w in footer)
        if page % 2:
            assert abs(right - (A4[0] - RIGHT_MARGIN_PT - ONE_CHAR_14PT)) < 4, (page, right)
        else:
            assert abs(left - (LEFT_MARGIN_PT + ONE_CHAR_14PT)) < 4, (page, left)
        # about 7 mm under the text block (bottom margin 35 mm)
        assert A4[1] - 35 / 25.4 * 72 < footer[0].y_min < A4[1] - 20 / 25.4 * 72


def test_a_full_page_holds_22_lines(printed, capsys):
    pdf = printed["pdf"]["long"]
    counts = [len(lo_pdf.body_lines(lo_pdf.layout_text(pdf, p, p)))
              for p in range(2, lo_pdf.page_count(pdf))]  # full pages: not the first, not the last
    with capsys.disabled():
        print(f"\nlines per full page (LibreOffice): {counts}")
    assert counts and all(21 <= n <= 22 for n in counts), counts
    assert counts.count(22) >= len(counts) // 2


def test_title_headings_and_body_print_in_distinct_fonts(printed):
    names = lo_pdf.fonts(printed["pdf"]["sample"])
    assert any("NotoSerifCJK" in n and "Bold" in n for n in names), names  # 方正小标宋简体 title
    assert any("NotoSerifCJK" in n and "Regular" in n for n in names), names  # 仿宋_GB2312 body
    assert any("NotoSansCJK" in n for n in names), names  # 黑体 一、
    assert any("UKai" in n for n in names), names  # 楷体_GB2312 （一）


def test_rectification_list_repeats_its_header_on_every_page(printed):
    pdf = printed["pdf"]["rectification"]
    pages = lo_pdf.page_count(pdf)
    assert pages >= 2, "the long sample should give a list of more than one page"
    for page in range(1, pages + 1):
        text = lo_pdf.squash(lo_pdf.layout_text(pdf, page, page))
        for header in ("序号", "问题", "整改措施", "责任人", "完成时限"):
            assert header in text, (page, header)
    all_text = lo_pdf.squash(lo_pdf.raw_text(pdf))
    for row in printed["rows"]:  # a long row may break across pages (issue 17): its start is there
        assert lo_pdf.squash(row.problem)[:8] in all_text


def test_a_file_resaved_by_libreoffice_opens_with_the_same_structure(printed):
    original = printed["docs"]["sample"]
    again = read_docx(printed["resaved"])
    assert [(p.role, p.text) for p in again.paragraphs] == [(p.role, p.text) for p in original.paragraphs]


def test_a_libreoffice_file_without_our_marker_is_recognised_by_its_styles(printed, tmp_path):
    """The same file as LibreOffice wrote it, minus 明镜's marker: read as a foreign file."""
    import zipfile

    stripped = tmp_path / "foreign.docx"
    with zipfile.ZipFile(printed["resaved"]) as zin, zipfile.ZipFile(stripped, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = data.replace("明镜:".encode(), b"")
            zout.writestr(item, data)
    original = printed["docs"]["sample"]
    from docx import Document as open_docx

    assert not (open_docx(str(stripped)).core_properties.category or "").startswith("明镜")
    again = read_docx(stripped)
    assert [(p.role, p.text) for p in again.paragraphs] == [(p.role, p.text) for p in original.paragraphs]


def test_fallback_fonts_are_printed_too(tmp_path, corpus):
    path = tmp_path / "fallback.docx"
    write_docx(read_document(corpus[0]), path, ExportOptions.fallback())
    lo_pdf.convert([path], tmp_path, tmp_path)
    names = lo_pdf.fonts(tmp_path / "fallback.pdf")
    assert any("NotoSansCJK" in n for n in names) and any("UKai" in n for n in names), names


def test_render_first_pages_for_a_look(printed, tmp_path_factory):
    """Page 1 and 2 as PNG (kept in the pytest temp dir for a human to look at)."""
    import shutil
    import subprocess

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm missing")
    out = Path(tmp_path_factory.getbasetemp()) / "look"
    out.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "2", "-png",
                    str(printed["pdf"]["sample"]), str(out / "sample")], check=True, timeout=60)
    assert len(list(out.glob("sample-*.png"))) == 2
