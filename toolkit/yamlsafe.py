"""A YAML reader that keeps every value's position and refuses what clinics never need.

Anchors, aliases, tags and duplicate keys are refused. Every scalar stays text
(the schema gives it a type), so `NO` is not `False` and `1.10` is not `1.1`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, MappingEndEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent

from toolkit import rules
from toolkit.diagnostics import ContentError, Diagnostic
from toolkit.source import SourceLoc

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Located:
    """Plain data read from YAML, with where each value and each key stands."""

    data: Any
    origin: SourceLoc
    values: dict[Path_, SourceLoc] = field(default_factory=dict)
    keys: dict[Path_, SourceLoc] = field(default_factory=dict)

    def value_loc(self, path: Path_) -> SourceLoc:
        """Where the value at ``path`` stands, or its nearest enclosing value."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, self.origin)

    def key_loc(self, path: Path_) -> SourceLoc:
        """Where the key naming ``path`` stands, falling back to its value."""
        return self.keys.get(path) or self.value_loc(path)


class _Refused(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


# libyaml's C parser when present (several times faster); the events are the same either way.
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _mark_loc(origin: SourceLoc, mark: Any) -> SourceLoc:
    return SourceLoc(origin.path, origin.line + mark.line, mark.column + 1)


_STANDARD_TAGS = "tag:yaml.org,2002:"
# The YAML library's words for common mistakes, said the way an author would understand them.
_PLAIN_PROBLEMS = {
    "mapping values are not allowed here": "a second `: ` on one line; put text that contains `: ` in quotes",
    "found character '\\t' that cannot start any token": "a tab; indent with spaces",
    "found character '\t' that cannot start any token": "a tab; indent with spaces",
    "could not find expected ':'": "a line that is not `name: value`",
    "found unexpected end of stream": "quotes or brackets that are never closed",
    "found undefined alias": "an alias (`*name`), which is not allowed",
    "expected <block end>, but found '-'": "a list item at the wrong indentation",
}


def _plain_problem(problem: str) -> str:
    for words, plain in _PLAIN_PROBLEMS.items():
        if problem.startswith(words):
            return plain
    return problem


def _as_written(tag: str) -> str:
    return "!!" + tag.removeprefix(_STANDARD_TAGS) if tag.startswith(_STANDARD_TAGS) else tag


def load_yaml(text: str, origin: SourceLoc) -> Located:
    """Parse ``text`` (which starts at ``origin``'s line) or raise ContentError at the bad line."""
    origin = SourceLoc(origin.path, max(origin.line, 1))
    parser = _Parser(text)
    located = Located(None, origin)
    try:
        data = _Composer(parser, located).document()
    except _Refused as refused:
        raise ContentError([refused.diagnostic]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and mark and mark.line >= text.count("\n"):
            mark = error.context_mark  # "end of file" helps nobody; point at what was left open
        loc = _mark_loc(origin, mark) if mark else origin
        problem = _plain_problem(error.problem or error.context or "invalid YAML")
        raise ContentError([rules.YAML_SYNTAX.at(loc, f"YAML cannot be read: {problem}")]) from None
    except yaml.YAMLError as error:
        raise ContentError([rules.YAML_SYNTAX.at(origin, f"YAML cannot be read: {error}")]) from None
    finally:
        parser.dispose()
    return Located(data, origin, located.values, located.keys)


class _Composer:
    """Builds plain data straight from parser events, refusing anchors, aliases and tags as it meets them."""

    def __init__(self, parser: Any, located: Located) -> None:
        self.parser = parser
        self.located = located

    def document(self) -> Any:
        parser = self.parser
        parser.get_event()  # stream start
        if parser.check_event(StreamEndEvent):
            return None
        parser.get_event()  # document start
        data = self.value(())
        parser.get_event()  # document end
        if not parser.check_event(StreamEndEvent):
            event = parser.peek_event()
            raise _Refused(rules.YAML_SYNTAX.at(_mark_loc(self.located.origin, event.start_mark),
                                                "YAML cannot be read: a second document starts here"))
        return data

    def value(self, path: Path_) -> Any:
        event = self.parser.get_event()
        loc = _mark_loc(self.located.origin, event.start_mark)
        self.located.values[path] = loc
        if isinstance(event, AliasEvent):
            raise _Refused(rules.YAML_ALIAS.at(loc, f"alias `*{event.anchor}` is not allowed"))
        if event.anchor is not None:
            raise _Refused(rules.YAML_ALIAS.at(loc, f"anchor `&{event.anchor}` is not allowed"))
        if event.tag is not None and event.tag != "!" and not (isinstance(event, ScalarEvent) and event.implicit[0]):
            raise _Refused(rules.YAML_TAG.at(loc, f"tag `{_as_written(event.tag)}` is not allowed"))
        if isinstance(event, ScalarEvent):
            if event.implicit[0] and event.value in ("", "~", "null", "Null", "NULL"):
                return None
            return event.value
        if isinstance(event, SequenceStartEvent):
            items = []
            while not self.parser.check_event(SequenceEndEvent):
                items.append(self.value((*path, len(items))))
            self.parser.get_event()
            return items
        return self.mapping(path)

    def mapping(self, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while not self.parser.check_event(MappingEndEvent):
            key_event = self.parser.peek_event()
            key_loc = _mark_loc(self.located.origin, key_event.start_mark)
            if not isinstance(key_event, ScalarEvent):
                raise _Refused(rules.NOT_A_MAPPING.at(key_loc, "a field name must be plain text"))
            key = self.value(("\0key",))
            key = "" if key is None else key
            if key in result:
                first = self.located.keys[(*path, key)]
                raise _Refused(rules.YAML_DUPLICATE_KEY.at(key_loc, f"`{key}` is given twice (first at line {first.line})"))
            self.located.keys[(*path, key)] = key_loc
            result[key] = self.value((*path, key))
        self.parser.get_event()
        self.located.values.pop(("\0key",), None)
        return result


def load_mapping(text: str, origin: SourceLoc) -> Located:
    """Like ``load_yaml`` but the document must be a mapping (an empty one is allowed)."""
    located = load_yaml(text, origin)
    if located.data is None:
        return Located({}, located.origin, located.values, located.keys)
    if not isinstance(located.data, dict):
        kind = "a list" if isinstance(located.data, list) else "a single value"
        raise ContentError([rules.NOT_A_MAPPING.at(located.value_loc(()), f"expected `name: value` fields, got {kind}")])
    return located


def load_yaml_file(path: Path, display_path: Path | None = None) -> Located:
    """Read a YAML file from disk as a mapping, reporting positions against ``display_path``."""
    origin = SourceLoc(display_path or path, 1)
    return load_mapping(read_text(path, origin), origin)


def read_text(path: Path, origin: SourceLoc) -> str:
    """A file as text, with a located error when it is not UTF-8."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError(
            [rules.UNREADABLE.at(origin.at(line), f"byte {raw[error.start]:#04x} is not UTF-8 text")]
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
