"""The robustness suite drives the real window too (the same fixture as tests/ui)."""

from tests.ui.conftest import window  # noqa: F401
