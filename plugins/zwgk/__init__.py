"""zwgk — 政务公开专栏: publish a disclosure column with MkDocs and enforce the office's rules."""

from __future__ import annotations

__version__ = "0.1.0"
