"""Size limits that keep hostile or broken content from exhausting a build."""

from __future__ import annotations

from toolkit.schema import Limits

DEFAULT_LIMITS = Limits()

__all__ = ["DEFAULT_LIMITS", "Limits"]
