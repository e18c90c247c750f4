"""Reading and writing .docx: one import point for the window, the commands and the tests.

The work is split by feature: ``docx_styles`` (page, styles, footer), ``docx_write``,
``docx_read`` and ``docx_numbering`` (automatic list numbers of foreign files).
"""

from __future__ import annotations

from app.core.errors import DocumentReadError
from app.core.formats.docx_read import read_docx
from app.core.formats.docx_write import MARKER, to_docx_bytes, write_docx
from app.core.formats.export_options import ExportOptions

__all__ = ["MARKER", "DocumentReadError", "ExportOptions", "read_docx", "to_docx_bytes", "write_docx"]
