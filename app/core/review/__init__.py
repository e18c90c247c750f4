"""审核: a unit's materials at once (``python -m app review``, 文件 › 审核材料…); no Qt here."""

from app.core.review.engine import ReviewResult, gather_reports, review
from app.core.review.pairs import ReviewCancelledError

__all__ = ["ReviewCancelledError", "ReviewResult", "gather_reports", "review"]
