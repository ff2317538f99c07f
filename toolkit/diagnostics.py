"""Located diagnostics, the rules they break, and how they are shown."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.source import SourceLoc


class Severity(enum.Enum):
    """How much a diagnostic matters; strict mode promotes warnings."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Rule:
    """One rule of the format: a stable code, what it checks and how to fix it."""

    code: str
    severity: Severity
    summary: str
    hint: str

    def at(self, loc: SourceLoc, message: str, hint: str | None = None) -> Diagnostic:
        """A diagnostic breaking this rule at ``loc``."""
        return Diagnostic(self, loc, message, hint if hint is not None else self.hint)


@dataclass(frozen=True)
class Diagnostic:
    """A rule broken at a place, with a message about this case and a hint to fix it."""

    rule: Rule
    loc: SourceLoc
    message: str
    hint: str
    severity: Severity = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.severity is None:
            object.__setattr__(self, "severity", self.rule.severity)

    @property
    def code(self) -> str:
        return self.rule.code

    def promoted(self) -> Diagnostic:
        """This diagnostic as an error (strict mode)."""
        return Diagnostic(self.rule, self.loc, self.message, self.hint, Severity.ERROR)

    def format(self, root: Path | None = None) -> str:
        """``path:line:col: error[CK123]: message`` and an indented hint line."""
        head = f"{self.loc.display(root)}: {self.severity.value}[{self.code}]: {self.message}"
        return f"{head}\n  hint: {self.hint}" if self.hint else head

    def as_json(self, root: Path | None = None) -> dict[str, object]:
        """The same finding for editors and CI."""
        path = self.loc.path
        if root is not None:
            try:
                path = path.relative_to(root)
            except ValueError:
                pass
        return {
            "path": path.as_posix(),
            "line": self.loc.line,
            "column": self.loc.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


class Diagnostics:
    """An ordered collection of findings; deep code adds to it, only the command layer decides."""

    def __init__(self, items: Iterable[Diagnostic] = ()) -> None:
        self._items: list[Diagnostic] = []
        self._seen: set[tuple[object, ...]] = set()
        self.extend(items)

    def add(self, diagnostic: Diagnostic) -> None:
        """Keep the finding, once: two outputs that find the same thing report it once."""
        key = (diagnostic.code, diagnostic.severity, diagnostic.loc, diagnostic.message)
        if key not in self._seen:
            self._seen.add(key)
            self._items.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            self.add(diagnostic)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def sorted(self) -> list[Diagnostic]:
        """Findings by file, then line, then code; stable for equal keys."""
        return sorted(self._items, key=lambda d: (d.loc.path.as_posix(), d.loc.line, d.loc.column, d.code))

    def with_strictness(self, strict: bool) -> Diagnostics:
        """Strict mode is decided here and nowhere else: warnings become errors."""
        if not strict:
            return Diagnostics(self._items)
        return Diagnostics(d.promoted() if d.severity is Severity.WARNING else d for d in self._items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self._items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self._items if d.severity is Severity.WARNING]

    @property
    def actionable(self) -> list[Diagnostic]:
        """The errors and warnings: what asks for a change (information does not)."""
        return [d for d in self._items if d.severity is not Severity.INFO]

    def codes(self) -> list[str]:
        return [d.code for d in self._items]

    def format_text(self, root: Path | None = None) -> str:
        lines = [d.format(root) for d in self.sorted()]
        lines.append(self.summary())
        return "\n".join(lines)

    def format_json(self, root: Path | None = None) -> str:
        return json.dumps(
            {
                "diagnostics": [d.as_json(root) for d in self.sorted()],
                "errors": len(self.errors),
                "warnings": len(self.warnings),
            },
            indent=2,
            ensure_ascii=False,
        )

    def summary(self) -> str:
        errors, warnings = len(self.errors), len(self.warnings)
        if not errors and not warnings:
            return "No problems found."
        return f"{counted(errors, 'error')}, {counted(warnings, 'warning')}."


def counted(n: int, noun: str) -> str:
    """``n`` and the noun, plural unless ``n`` is 1."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class ContentError(Exception):
    """Content that cannot be used at all; carries its diagnostics."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__("; ".join(d.format() for d in self.diagnostics))
