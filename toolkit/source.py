"""Where a piece of content came from: a file, a line and a column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class SourceLoc:
    """A 1-based position in a source file; ``line`` 0 means the whole file."""

    path: Path
    line: int = 0
    column: int = 0

    def at(self, line: int, column: int = 1) -> SourceLoc:
        """The same file at another position."""
        return SourceLoc(self.path, line, column)

    def shifted(self, lines: int) -> SourceLoc:
        """The same position moved down by ``lines``."""
        return SourceLoc(self.path, self.line + lines, self.column)

    def display(self, root: Path | None = None) -> str:
        """``path:line:col`` with the path relative to ``root`` when inside it."""
        path = self.path
        if root is not None:
            try:
                path = path.relative_to(root)
            except ValueError:
                pass
        text = path.as_posix()
        if self.line:
            text += f":{self.line}"
            if self.column:
                text += f":{self.column}"
        return text
