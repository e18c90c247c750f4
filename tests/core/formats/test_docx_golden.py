"""Golden file: word/document.xml of one corpus sample, normalised.

Any change to what we write shows up here as a readable diff.  After an intended change,
regenerate with ``MINGJING_UPDATE_GOLDEN=1 pytest tests/core/formats/test_docx_golden.py`` and review it.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from lxml import etree

from app.core.formats.docx_io import to_docx_bytes
from app.core.formats.reader import read_document

GOLDEN = Path(__file__).resolve().parents[2] / "data" / "golden" / "001_document.xml"
GOLDEN_STYLES = Path(__file__).resolve().parents[2] / "data" / "golden" / "001_styles.xml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The styles and parts that carry the official format (the template's other 150 styles are
# only cleaned of colours and theme fonts, which test_docx_format checks).
OUR_STYLES = ("Normal", "Title", "MingjingMeta", "Heading1", "Heading2", "Heading3", "Heading4",
              "MingjingH1", "MingjingH2", "MingjingH3", "MingjingH4", "MingjingSign", "Footer")


def normalised_document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    for element in root.iter():
        for name in [a for a in element.attrib if "rsid" in a]:
            del element.attrib[name]
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="unicode") + "\n"


def normalised_format_xml(data: bytes) -> str:
    """docDefaults and our styles, both footers and the odd/even and language settings."""
    out = etree.Element("golden")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
        out.append(styles.find(f"{W}docDefaults"))
        by_id = {s.get(f"{W}styleId"): s for s in styles.findall(f"{W}style")}
        for style_id in OUR_STYLES:
            out.append(by_id[style_id])
        for name in ("word/footer1.xml", "word/footer2.xml"):
            out.append(etree.fromstring(archive.read(name)).find(f"{W}p"))
        settings = etree.fromstring(archive.read("word/settings.xml"))
        for tag in ("evenAndOddHeaders", "themeFontLang"):
            out.append(settings.find(f"{W}{tag}"))
    etree.indent(out, space="  ")
    return etree.tostring(out, encoding="unicode") + "\n"


def _assert_matches_golden(corpus, normalise, golden) -> None:
    """The 001 sample's export, normalised, equals the golden file (MINGJING_UPDATE_GOLDEN=1
    rewrites it after an intended change)."""
    sample = next(p for p in corpus if p.name.startswith("001_"))
    actual = normalise(to_docx_bytes(read_document(sample)))
    if os.environ.get("MINGJING_UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


def test_styles_footers_and_settings_match_the_golden_file(corpus):
    _assert_matches_golden(corpus, normalised_format_xml, GOLDEN_STYLES)


def test_document_xml_matches_the_golden_file(corpus):
    _assert_matches_golden(corpus, normalised_document_xml, GOLDEN)
