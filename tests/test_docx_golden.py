"""Golden file: word/document.xml of one corpus sample, normalised.

Any change to what we write shows up here as a readable diff.  After an intended change,
regenerate with ``MINGJING_UPDATE_GOLDEN=1 pytest tests/test_docx_golden.py`` and review it.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from lxml import etree

from app.core.docx_io import to_docx_bytes
from app.core.reader import read_document

GOLDEN = Path(__file__).parent / "data" / "golden" / "001_document.xml"


def normalised_document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    for element in root.iter():
        for name in [a for a in element.attrib if "rsid" in a]:
            del element.attrib[name]
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="unicode") + "\n"


def test_document_xml_matches_the_golden_file(corpus):
    sample = next(p for p in corpus if p.name.startswith("001_"))
    actual = normalised_document_xml(to_docx_bytes(read_document(sample)))
    if os.environ.get("MINGJING_UPDATE_GOLDEN"):
        GOLDEN.write_text(actual, encoding="utf-8")
    assert actual == GOLDEN.read_text(encoding="utf-8")
