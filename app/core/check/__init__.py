"""检查: 校对 (proofreading), 结构检查 (structure) and 雷同比对 (similarity); no Qt here."""

from app.core.check.config import CheckConfig, add_to_whitelist, load_check_config
from app.core.check.findings import KIND_LABELS, Finding, finding_key, sort_findings
from app.core.check.proofread import proofread

__all__ = [
           "KIND_LABELS",
           "CheckConfig",
           "Finding",
           "add_to_whitelist",
           "finding_key",
           "load_check_config",
           "proofread",
           "sort_findings",
]
