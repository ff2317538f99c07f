"""The fuzzer's module texts rendered to HTML, written as JSON: `python -m tests.render_examples COUNT OUT`.

tests/test_fuzz.py runs this in two fresh processes with different hash seeds and compares what they wrote.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from tests.test_fuzz import TEXT
from toolkit.diagnostics import ContentError
from toolkit.limits import DEFAULT_LIMITS
from toolkit.markdown_reader import read_module
from toolkit.render_html import HtmlOptions, HtmlRenderer

# The printed page's options and the site's.
OPTIONS = (HtmlOptions(), HtmlOptions(output="site", interactive_quiz=True, admonitions=True, focusable_terms=True))


def rendered(count: int) -> dict[str, list[str]]:
    """Each module text that reads without a content error, and its HTML under each of OPTIONS."""
    found: dict[str, list[str]] = {}

    @given(TEXT)
    @settings(max_examples=count, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    def render(text: str) -> None:
        try:
            source = read_module(text, Path("fuzz.md"), DEFAULT_LIMITS)
        except ContentError:
            return
        blocks = [*source.intro, *(b for s in source.sections for b in s.blocks)]
        found[text] = [HtmlRenderer(options).blocks(blocks) for options in OPTIONS]

    render()
    return found


if __name__ == "__main__":
    Path(sys.argv[2]).write_text(json.dumps(rendered(int(sys.argv[1])), sort_keys=True, ensure_ascii=True))
