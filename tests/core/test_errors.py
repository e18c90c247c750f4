"""The engine's exceptions share one base and speak to the user in Chinese."""

from __future__ import annotations

import pytest

from app.core import errors
from app.core.errors import MingjingError


def test_every_engine_exception_is_a_mingjing_error():
    found = [v for v in vars(errors).values()
             if isinstance(v, type) and issubclass(v, Exception) and v is not MingjingError]
    assert {c.__name__ for c in found} >= {"DocumentReadError", "SaveError", "LibraryError",
                                          "FormatError", "RestructureError"}
    assert all(issubclass(c, MingjingError) for c in found)
    assert issubclass(errors.RestructureError, ValueError)  # callers that catch ValueError still do


def test_a_caller_can_catch_any_of_them_at_once(tmp_path):
    from app.core.formats.reader import read_document
    from app.core.storage.files import atomic_write_bytes

    with pytest.raises(MingjingError, match="找不到文件"):
        read_document(tmp_path / "没有这个文件.docx")
    with pytest.raises(MingjingError):
        atomic_write_bytes(tmp_path / "CON", b"x")  # a name Windows forbids
