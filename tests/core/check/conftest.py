"""Shared by the 校对 rule tests: the evaluation's check configuration."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def config():
    from tests.tools.proof_eval import eval_config

    return eval_config()
