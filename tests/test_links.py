"""Links into another module (CK308): every `#anchor` the check accepts is an id on the built page, and back.

The forms tried: a section, a section whose heading has punctuation, `./` before the file name, a `###`
heading, a heading whose words another heading of the module had first, and a heading with a letter
outside ASCII (which the Markdown reader percent-encodes).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote

from tests.conftest import MODULE, ProjectFactory
from tests.site_support import HOSTILE, build
from toolkit.check import run_check

TARGET = MODULE.replace("Keep moving", "Sleep well").replace("## Why moving helps you", """\
## What's next?

Lie down.

### Lie on your side

Put a pillow between your knees.

### Sleep

Sleep well.

### Step 1: sit down

Sit on the bed.

::: notes
### For the nurse

Show the pillow.
:::

## Sleep

Sleep well.

## ¿Qué es?

Text.

## Why moving helps you""")

GOOD = ["02-sleep-well.md#what-s-next", "./02-sleep-well.md#what-s-next", "02-sleep-well.md#lie-on-your-side",
        "02-sleep-well.md#step-1-sit-down", "02-sleep-well.md#sleep", "02-sleep-well.md#sleep-2",
        "02-sleep-well.md#qué-es", "02-sleep-well.md#qu%C3%A9-es", "02-sleep-well.md"]


def _project(make_project: ProjectFactory, links: list[str]) -> Path:
    listed = "".join(f"- See [this part]({href}).\n" for href in links)
    return make_project(modules={"01-keep-moving.md": MODULE + "\n## Read more\n\n" + listed,
                                 "02-sleep-well.md": TARGET})


def test_a_link_to_any_heading_the_page_has_is_accepted_and_lands_on_it(make_project: ProjectFactory, tmp_path: Path) -> None:
    root = _project(make_project, GOOD)
    result = run_check(root)
    assert [d.format(root) for d in result.diagnostics if d.code == "CK308"] == []
    shutil.copy(HOSTILE / "mkdocs.yml", root / "mkdocs.yml")
    site = tmp_path / "site"
    assert not build(root, site).errors
    target_ids = set(re.findall(r' id="([^"]+)"', (site / "small" / "sleep-well" / "index.html").read_text()))
    assert {"what-s-next", "lie-on-your-side", "sleep", "step-1-sit-down", "sleep-2", "qué-es"} <= target_ids
    page = (site / "small" / "keep-moving" / "index.html").read_text()
    links = page[page.index('<h2 id="read-more"'):page.index("</ul>", page.index('<h2 id="read-more"'))]
    hrefs = re.findall(r'href="\.\./sleep-well/([^"]*)"', links)
    assert len(hrefs) == len(GOOD)
    for href in hrefs:
        fragment = unquote(href.partition("#")[2])
        assert not fragment or fragment in target_ids, href
    # `### Sleep` comes before `## Sleep`: the section is the second `sleep` on the page, in the check as in the site.
    assert hrefs[GOOD.index("02-sleep-well.md#sleep-2")] == "#sleep-2"
    assert re.search(r'<h2 id="sleep-2">Sleep</h2>', (site / "small" / "sleep-well" / "index.html").read_text())


def test_a_link_to_an_anchor_the_page_lacks_names_the_one_meant(make_project: ProjectFactory) -> None:
    root = _project(make_project, ["02-sleep-well.md#whats-next", "02-sleep-well.md#nowhere",
                                   "02-sleep-well.md#for-the-nurse"])
    found = [(d.loc.line, d.message, d.hint) for d in run_check(root).diagnostics if d.code == "CK308"]
    listed = ("Headings there: `#what-s-next`, `#lie-on-your-side`, `#sleep`, `#step-1-sit-down`, `#sleep-2`, "
              "`#qué-es`, `#why-moving-helps-you`.")
    first = MODULE.count("\n") + 4
    assert found == [
        (first, "`02-sleep-well.md` has no heading `#whats-next`", "Did you mean `#what-s-next`?"),
        (first + 1, "`02-sleep-well.md` has no heading `#nowhere`", listed),
        # Speaker notes are not on the page.
        (first + 2, "`02-sleep-well.md` has no heading `#for-the-nurse`", listed),
    ]
