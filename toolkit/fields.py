"""The building blocks of every format record: frozen records that refuse unknown fields, and checked text values."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict

_LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _language(value: str) -> str:
    if not _LANGUAGE_TAG.match(value):
        raise ValueError(f"expected a language tag such as `en` or `en-GB`, got {value!r}")
    return value


def _https(value: str) -> str:
    if not value.startswith("https://") or len(value) < 12 or any(c.isspace() for c in value):
        raise ValueError(f"expected a web address starting with `https://`, got {value!r}")
    return value


def _colour(value: str) -> str:
    if not _COLOUR.match(value):
        raise ValueError(f"expected a colour such as `#1a5f7a`, got {value!r}")
    return value.lower()


def _text(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("expected some text, got nothing")
    return value


Text = Annotated[str, AfterValidator(_text)]
LanguageTag = Annotated[str, AfterValidator(_language)]
HttpsUrl = Annotated[str, AfterValidator(_https)]
Colour = Annotated[str, AfterValidator(_colour)]


class Strict(BaseModel):
    """A format record: unknown fields are refused, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)
