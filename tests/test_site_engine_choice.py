"""Choosing the site engine: `--site-engine` or mkdocs.yml, a missing engine, and an engine that drops our content."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit import scaffold
from toolkit.cli import cli
from toolkit.site import engines
from toolkit.site.engines import Engine, installed_engines
from toolkit.site.site_source import PAGE_MARKER
from toolkit.site.staging import has_marker

# An engine that publishes each page's source as text, as an engine that knows none of its syntax would.
SOURCE_AS_TEXT = f"""#!{sys.executable}
import html, pathlib, sys, yaml
folder = pathlib.Path(sys.argv[sys.argv.index("-f") + 1]).parent
config = yaml.safe_load((folder / "mkdocs.yml").read_text())
docs, site = folder / config["docs_dir"], folder / config["site_dir"]
for page in docs.rglob("*.md"):
    uri = page.relative_to(docs).as_posix()
    target = site / ("index.html" if uri == "index.md" else uri[:-3] + "/index.html")
    if uri.endswith("/index.md"):
        target = site / uri[: -len("index.md")] / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("<html><body><pre>" + html.escape(page.read_text()) + "</pre></body></html>")
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """What `coursekit new` makes: one course, on MkDocs with Material."""
    return scaffold.new_project(tmp_path / "project")


def with_engine(root: Path, engine: str) -> Path:
    """``root`` with `site_engine: <engine>` under the coursekit plugin in its mkdocs.yml."""
    config = root / "mkdocs.yml"
    text = config.read_text()
    assert "\n  - coursekit\n" in text
    config.write_text(text.replace("\n  - coursekit\n", f"\n  - coursekit:\n      site_engine: {engine}\n"))
    return root


@pytest.fixture
def source_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`zensical` stands for an engine program that prints the pages' source as text."""
    program = tmp_path / "engine-bin" / "source-as-text"
    program.parent.mkdir()
    program.write_text(SOURCE_AS_TEXT)
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setitem(engines.ENGINES, "zensical", Engine("zensical", "Zensical", str(program), "zensical"))
    return program


def test_an_engine_that_prints_the_source_as_text_fails_the_build_and_publishes_nothing(
        project: Path, source_as_text: Path) -> None:
    root = project
    out = root / "build"
    first = CliRunner().invoke(cli, ["build", str(root), "--only", "site"])
    assert first.exit_code == 0, first.output
    before = (out / "site" / "first-course" / "keep-moving" / "index.html").read_bytes()
    result = CliRunner().invoke(cli, ["build", str(root), "--only", "site", "--site-engine", "zensical", "--force"])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert ("courses/first-course/modules/01-keep-moving.md:1:1: error[CK710]: Zensical published "
            "`first-course/keep-moving/index.html` without coursekit's content (the page's marker is missing)") in lines
    assert ("courses/first-course/course.yml:1:1: error[CK710]: Zensical published `index.html` without coursekit's "
            "content (the page's marker is missing)") in lines
    assert lines[-1] == "Nothing was written; the previous build is unchanged."
    assert (out / "site" / "first-course" / "keep-moving" / "index.html").read_bytes() == before
    assert PAGE_MARKER in before.decode()


def test_a_missing_engine_is_a_usage_error_with_the_install_command(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(engines.ENGINES, "zensical", Engine("zensical", "Zensical", "no-such-engine-here", "zensical"))
    result = CliRunner().invoke(cli, ["build", str(project), "--only", "site", "--site-engine", "zensical"])
    assert result.exit_code == 2
    assert (f"Error: the site engine `zensical` (Zensical) is not installed: install it with "
            f"`{Path(sys.executable).parent / 'python'} -m pip install zensical`, or build with the default engine "
            f"(`--site-engine mkdocs`)") in " ".join(result.output.split())


def test_mkdocs_yml_chooses_the_engine_and_the_option_overrides_it(
        project: Path, source_as_text: Path) -> None:
    root = with_engine(project, "zensical")
    from_file = CliRunner().invoke(cli, ["build", str(root), "--only", "site"])
    assert from_file.exit_code == 1 and "error[CK710]: Zensical published" in from_file.output
    overridden = CliRunner().invoke(cli, ["build", str(root), "--only", "site", "--site-engine", "mkdocs"])
    assert overridden.exit_code == 0, overridden.output


def test_an_unknown_engine_in_mkdocs_yml_is_a_usage_error(project: Path) -> None:
    root = with_engine(project, "hugo")
    result = CliRunner().invoke(cli, ["build", str(root), "--only", "site"])
    assert result.exit_code == 2
    assert ("Error: `site_engine: hugo` under the coursekit plugin in mkdocs.yml is not a site engine: expected one "
            "of mkdocs, properdocs, zensical") in " ".join(result.output.split())


def test_an_unknown_engine_on_the_command_line_is_refused_by_click(project: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(project), "--site-engine", "hugo"])
    assert result.exit_code == 2
    assert "Invalid value for '--site-engine': 'hugo' is not one of 'mkdocs', 'properdocs', 'zensical'." in result.output


@pytest.mark.parametrize("engine", [name for name in installed_engines() if name != "mkdocs"])
def test_each_installed_engine_publishes_every_page_with_its_marker_and_language(
        project: Path, engine: str) -> None:
    root = project
    result = CliRunner().invoke(cli, ["build", str(root), "--only", "site", "--site-engine", engine])
    assert result.exit_code == 0, result.output
    site = root / "build" / "site"
    for page, uri in (("index.html", "index.md"), ("first-course/keep-moving/index.html", "first-course/keep-moving.md")):
        html = (site / page).read_text()
        assert has_marker(html, uri), page
        assert '<html lang="en-GB"' in html, page  # the course's language, which the engine does not know
    left = [path.name for path in (root / "build").iterdir()]
    assert sorted(left) == [".coursekit-cache", ".coursekit-output", "site"]  # the staged source is gone


def test_every_engine_is_installed_where_the_tests_must_not_skip() -> None:
    """`make test` installs the engines extra: there, an engine missing would leave its comparison unrun."""
    import os

    from tests.conftest import REQUIRE_TOOLS
    from toolkit.site.engines import ENGINE_NAMES

    if os.environ.get(REQUIRE_TOOLS, "") in ("", "0"):
        pytest.skip(f"{REQUIRE_TOOLS} is not set: the engines installed here are compared")
    assert installed_engines() == ENGINE_NAMES
