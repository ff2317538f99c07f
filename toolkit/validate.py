"""Turn located YAML into a schema record, reporting each bad value at its own line."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.yamlsafe import Located

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], located: Located) -> tuple[M | None, list[Diagnostic]]:
    """The record, or None with one diagnostic for every problem found."""
    try:
        return model.model_validate(located.data), []
    except ValidationError as error:
        return None, [_diagnostic(model, located, e) for e in error.errors(include_url=False)]


def validate_or_stand_in(model: type[M], located: Located, stand_ins: dict[str, Any]) -> tuple[M, list[Diagnostic]]:
    """The record with every problem reported; fields that fail are dropped so later checks can still run.

    ``stand_ins`` fill required fields that are missing or wrong. The stand-in
    record is only for checking: the diagnostics already stop any build.
    """
    record, problems = validate(model, located)
    if record is not None:
        return record, problems
    kept = dict(located.data) if isinstance(located.data, dict) else {}
    while True:
        try:
            return model.model_validate({**stand_ins, **kept}), problems
        except ValidationError as error:
            failing = {e["loc"][0] for e in error.errors() if e["loc"]} & kept.keys()
            if not failing:
                return model.model_validate(stand_ins), problems
            for key in failing:
                del kept[key]


def _diagnostic(model: type[BaseModel], located: Located, error: Any) -> Diagnostic:
    path = tuple(p for p in error["loc"] if not (isinstance(p, str) and _is_union_tag(p)))
    name = _display(path)
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(path[-1])
        known = _fields_at(model, path[:-1])
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"Did you mean `{close[0]}`?" if close else f"Known fields here: {', '.join(f'`{k}`' for k in known)}."
        return rules.UNKNOWN_FIELD.at(located.key_loc(path), f"unknown field `{name}`", hint)
    if kind == "missing":
        where = f" in `{_display(path[:-1])}`" if path[:-1] else ""
        return rules.MISSING_FIELD.at(located.value_loc(path[:-1]), f"required field `{path[-1]}` is missing{where}")
    received = error.get("input")
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    else:
        expected = _EXPECTED.get(kind) or _EXPECTED.get(kind.split("_")[0]) or message[:1].lower() + message[1:]
        message = f"{expected}, got {_received(received)}"
    return rules.WRONG_TYPE.at(located.value_loc(path), f"`{name}`: {message}")


_EXPECTED = {
    "int": "expected a whole number such as `15`",
    "float": "expected a number such as `7.5`",
    "bool": "expected `true` or `false`",
    "date": "expected a date written as YYYY-MM-DD, such as `2026-11-01`",
    "list_type": "expected a list, one `- item` per line",
    "dict_type": "expected `name: value` fields",
    "model_type": "expected `name: value` fields",
    "model_attributes_type": "expected `name: value` fields",
    "string_type": "expected text",
    "too_short": "expected at least one item",
}


def _received(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "`name: value` fields"
    return repr(value)


def _is_union_tag(part: str) -> bool:
    # pydantic names union members in error locations, e.g. "GlossaryEntryMeta" or "function-after[...]".
    return part[:1].isupper() or "[" in part


def _display(path: tuple[Any, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _fields_at(model: type[BaseModel], path: tuple[Any, ...]) -> list[str]:
    """The field names of the record found by following ``path`` from ``model``."""
    current: Any = model
    for part in path:
        current = _record_in(current)
        if current is None:
            return []
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = info.annotation
    record = _record_in(current)
    return list(record.model_fields) if record else []


def _record_in(annotation: Any) -> type[BaseModel] | None:
    """The record type inside an annotation such as ``list[X]`` or ``X | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType) or origin is typing.Annotated:
        for arg in typing.get_args(annotation):
            found = _record_in(arg)
            if found:
                return found
    return None
