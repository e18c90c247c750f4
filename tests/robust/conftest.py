"""The robustness suite drives the real window too (the same fixtures as tests/ui)."""

from tests.ui.conftest import fresh_library, window  # noqa: F401
