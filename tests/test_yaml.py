"""The located YAML reader: refusals, kept types and positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.diagnostics import ContentError
from toolkit.source import SourceLoc
from toolkit.yamlsafe import load_mapping, load_yaml, read_text

ORIGIN = SourceLoc(Path("x.yml"), 1)


def refusal(text: str, origin: SourceLoc = ORIGIN) -> tuple[str, int, int]:
    with pytest.raises(ContentError) as caught:
        load_yaml(text, origin)
    (diagnostic,) = caught.value.diagnostics
    return diagnostic.code, diagnostic.loc.line, diagnostic.loc.column


def test_plain_scalars_stay_text() -> None:
    located = load_yaml("a: NO\nb: 1.10\nc: 2026-01-01\nd: yes\ne: 015\n", ORIGIN)
    assert located.data == {"a": "NO", "b": "1.10", "c": "2026-01-01", "d": "yes", "e": "015"}


def test_empty_values_are_none_but_quoted_empty_is_text() -> None:
    assert load_yaml('a:\nb: ""\nc: ~\n', ORIGIN).data == {"a": None, "b": "", "c": None}


def test_positions_of_values_and_keys() -> None:
    located = load_yaml("title: x\nsources:\n  - title: y\n    url: z\n", ORIGIN)
    assert located.value_loc(("sources", 0, "url")) == SourceLoc(Path("x.yml"), 4, 10)
    assert located.key_loc(("sources", 0, "url")) == SourceLoc(Path("x.yml"), 4, 5)
    # A path that does not exist falls back to its nearest parent.
    assert located.value_loc(("sources", 0, "missing")) == SourceLoc(Path("x.yml"), 3, 5)


def test_positions_are_offset_by_the_origin_line() -> None:
    assert refusal("a: 1\nb: &x 2\n", SourceLoc(Path("m.md"), 2)) == ("CK004", 3, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &anchor 1\n", ("CK004", 1, 4)),
        ("a: 1\nb: *anchor\n", ("CK004", 2, 4)),
        ("base: &b {x: 1}\nother: *b\n", ("CK004", 1, 7)),
        ("a: !!python/object/apply:os.system [ls]\n", ("CK005", 1, 4)),
        ("a: !custom x\n", ("CK005", 1, 4)),
        ("a: !!str 1\n", ("CK005", 1, 4)),
        ("a: 1\nb: 2\na: 3\n", ("CK003", 3, 1)),
        ("a: [1, 2\n", ("CK002", 1, 4)),
        ("a: b: c\n", ("CK002", 1, 5)),
        ("? [a, b]\n: c\n", ("CK009", 1, 3)),
    ],
)
def test_refusals(text: str, expected: tuple[str, int, int]) -> None:
    assert refusal(text) == expected


def test_billion_laughs_is_refused_before_expanding() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9)
    )
    assert refusal(bomb)[0] == "CK004"


def test_a_document_that_is_not_a_mapping() -> None:
    with pytest.raises(ContentError) as caught:
        load_mapping("- a\n- b\n", ORIGIN)
    assert caught.value.diagnostics[0].code == "CK009"
    assert "got a list" in caught.value.diagnostics[0].message


def test_an_empty_document_is_an_empty_mapping() -> None:
    assert load_mapping("", ORIGIN).data == {}


def test_read_text_reports_non_utf8_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(ContentError) as caught:
        read_text(path, SourceLoc(Path("bad.yml"), 1))
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.code, diagnostic.loc.line) == ("CK001", 2)


def test_read_text_drops_a_byte_order_mark_and_folds_crlf(tmp_path: Path) -> None:
    path = tmp_path / "bom.yml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n")
    assert read_text(path, SourceLoc(path, 1)) == "a: 1\nb: 2\n"
