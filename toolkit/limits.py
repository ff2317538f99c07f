"""Size limits that keep hostile or broken content from exhausting a build."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Upper bounds on what coursekit reads; each is a setting."""

    front_matter_bytes: int = 64 * 1024
    module_bytes: int = 1024 * 1024
    yaml_file_bytes: int = 256 * 1024
    image_bytes: int = 10 * 1024 * 1024
    image_pixels: int = 40_000_000
    list_depth: int = 12


DEFAULT_LIMITS = Limits()
