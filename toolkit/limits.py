"""Size limits that keep hostile or broken content from exhausting a build."""

from __future__ import annotations

from toolkit.schema import Limits

DEFAULT_LIMITS = Limits()
# YAML files are read before any setting is known, so their limit is fixed.
YAML_FILE_BYTES = 256 * 1024


def size_text(n: int) -> str:
    """A byte count for people: `900 bytes`, `64 KiB`, `1.5 MiB`."""
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KiB"
    return f"{n / 1048576:.1f} MiB".replace(".0 ", " ")

__all__ = ["DEFAULT_LIMITS", "YAML_FILE_BYTES", "Limits", "size_text"]
