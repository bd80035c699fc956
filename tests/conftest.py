"""Shared fixtures (helpers live in support.py so test modules can import them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import copy_demo


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A writable copy of the demo site."""
    return copy_demo(tmp_path / "repo")
