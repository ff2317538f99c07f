"""Shared test helpers: paths to fixtures and a builder for small projects in tmp_path."""

from __future__ import annotations

import importlib.util
import os
import shutil
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

# pytester runs small test files in a session of their own (tests/test_required_tools.py).
pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# The sample courses in courses/. A test of the samples runs on every one of them, or names the one it is
# about (by these names), so a new sample course is tested as soon as it is added.
SAMPLE_COURSES = tuple(sorted(path.parent.name for path in (REPO / "courses").glob("*/course.yml")))
SPINE_COURSE = "leg-numbness-after-back-surgery"
FOOT_COURSE = "diabetes-foot-care"

COURSE_YML = """\
title: A small course
language: en-GB
version: "1.0.0"
authors:
  - name: A nurse
reviewer:
  name: A reviewer
reviewed: 2026-11-01
next_review: 2027-11-01
contact:
  name: A clinic
  phone: "01632 960000"
emergency:
  line: "999"
  text: Call 999 now.
disclaimer: This course gives general information only.
"""

MODULE = """\
---
title: Keep moving
summary: Moving a little each day helps you.
duration: 10
objectives:
  - Name one way to move
key_points:
  - Walk each day
sources:
  - title: "Low back pain and sciatica in over 16s: assessment and management (NG59)"
    publisher: NICE
    year: 2016
---

## Why moving helps you

Walk a little each day.

::: red-flags at-once
- You cannot control your bladder
:::
"""

ProjectFactory = Callable[..., Path]


@pytest.fixture
def make_project(tmp_path: Path) -> ProjectFactory:
    """Write a one-course project: ``modules`` maps file names to text; other files by relative path
    (in the course folder); ``mkdocs_yml`` is the site's configuration (for example its `site_url`)."""

    def make(modules: dict[str, str] | None = None, course_yml: str = COURSE_YML,
             files: dict[str, str | bytes] | None = None, course_id: str = "small",
             mkdocs_yml: str = "site_name: Test\n") -> Path:
        root = tmp_path / "project"
        course = root / "courses" / course_id
        (course / "modules").mkdir(parents=True, exist_ok=True)
        (root / "mkdocs.yml").write_text(mkdocs_yml)
        (course / "course.yml").write_text(textwrap.dedent(course_yml))
        for name, text in (modules if modules is not None else {"01-keep-moving.md": MODULE}).items():
            (course / "modules" / name).write_text(textwrap.dedent(text))
        for relative, content in (files or {}).items():
            path = course / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content)
        return root

    return make


@pytest.fixture(scope="session")
def sample_documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`coursekit build --only slides,handouts,guide` of the sample courses, once per test session: the PDF
    tests read its handouts and guide, and every sample site offers its decks and handouts (shared, since
    rendering them is the slow part)."""
    from toolkit.build import BuildSettings, run_build

    out = tmp_path_factory.mktemp("documents") / "build"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COURSEKIT_TODAY", "2026-11-21")
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        result = run_build(REPO, BuildSettings(out=out, only=("slides", "handouts", "guide")))
    assert result.ok, result.diagnostics.format_text(REPO)
    assert not [d for d in result.diagnostics if d.code.startswith("CK77")], result.diagnostics.format_text(REPO)
    return out


@pytest.fixture(scope="session")
def sample_handouts(sample_documents: Path) -> Path:
    """The sample courses' handouts and guide (`handouts/`, `guide/` in the folder), from sample_documents."""
    return sample_documents


# Debian's Chromium, headless, for every browser test (never a downloaded browser).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# Set by `make test` (and so in CI, which installs every tool): a test that would skip for a missing tool fails.
REQUIRE_TOOLS = "COURSEKIT_REQUIRE_TOOLS"


@dataclass(frozen=True)
class Tool:
    """A program or package some tests drive, how to find it (its path, or None when missing), what installs it."""

    find: Callable[[], str | None]
    install: str


def python_package(name: str) -> Callable[[], str | None]:
    def find() -> str | None:
        spec = importlib.util.find_spec(name)
        return None if spec is None else (spec.origin or name)
    return find


def program(*names: str) -> Callable[[], str | None]:
    def find() -> str | None:
        return next((path for name in names if (path := shutil.which(name))), None)
    return find


TOOLS = {
    "chromium": Tool(lambda: str(CHROMIUM) if CHROMIUM.is_file() else None, "Debian's chromium"),
    "playwright": Tool(python_package("playwright"), "the test extra's playwright"),
    "soffice": Tool(program("soffice", "libreoffice"), "Debian's libreoffice-impress"),
    "fc-match": Tool(program("fc-match"), "Debian's fontconfig, which libreoffice-impress brings"),
    "pdftoppm": Tool(program("pdftoppm"), "Debian's poppler-utils"),
    "pdftotext": Tool(program("pdftotext"), "Debian's poppler-utils"),
    "PIL": Tool(python_package("PIL"), "Pillow, which WeasyPrint brings"),
    "zxingcpp": Tool(python_package("zxingcpp"), "the test extra's zxing-cpp"),
    "textstat": Tool(python_package("textstat"), "the test extra's textstat"),
}


def tool(name: str) -> str:
    """Where the tool is; when it is missing the test is skipped, or fails when COURSEKIT_REQUIRE_TOOLS is set.

    Every test that needs a tool asks here (or through ``@pytest.mark.requires``), so none skips unnoticed in CI.
    """
    found = TOOLS[name].find()
    if found is not None:
        return found
    message = f"{name} is missing (install {TOOLS[name].install}; `make test` installs it)"
    if os.environ.get(REQUIRE_TOOLS, "") not in ("", "0"):
        pytest.fail(f"{message}; {REQUIRE_TOOLS} is set, so a test that needs it fails", pytrace=False)
    pytest.skip(message)


@pytest.hookimpl(tryfirst=True)  # before the test's fixtures are set up
def pytest_runtest_setup(item: pytest.Item) -> None:
    """``@pytest.mark.requires("soffice", ...)``: the tools the test drives, each found or the test skipped (failed)."""
    for mark in item.iter_markers("requires"):
        for name in mark.args:
            tool(name)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Chromium through Playwright, for one test module: closed after it, so no Playwright session is left
    open for code that starts its own (the proof's screens)."""
    tool("chromium")
    tool("playwright")
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class SampleSites:
    """The sample courses' site as each engine renders it, built the first time it is asked for (once per
    engine per test session) and served from 127.0.0.1 at the address it was built for, as a published site
    is, so instant navigation works. Each offers the decks and handouts of ``documents``."""

    def __init__(self, folder: Path, documents: Path, servers: ExitStack) -> None:
        self.folder = folder
        self.documents = documents
        self.servers = servers
        self.sites: dict[str, tuple[Path, str]] = {}

    def served(self, engine: str) -> tuple[Path, str]:
        """The site ``engine`` made: its folder and its address."""
        from tests.site_support import build, free_port, serving

        if engine not in self.sites:
            port = free_port()
            folder = self.folder / engine
            found = build(REPO, folder, site_url=f"http://127.0.0.1:{port}/", engine=engine, documents=self.documents)
            assert not found.errors, found.format_text(REPO)
            self.sites[engine] = folder, self.servers.enter_context(serving(folder, port))
        return self.sites[engine]


@pytest.fixture(scope="session")
def sample_sites(tmp_path_factory: pytest.TempPathFactory, sample_documents: Path) -> Iterator[SampleSites]:
    with ExitStack() as servers:
        yield SampleSites(tmp_path_factory.mktemp("served-sample"), sample_documents, servers)


@pytest.fixture(scope="session")
def served_sample_site(sample_sites: SampleSites) -> tuple[Path, str]:
    """The sample courses' site as the default engine (MkDocs) renders it, with the decks and handouts to
    download, served: its folder and its address."""
    from toolkit.site.engines import DEFAULT_ENGINE

    return sample_sites.served(DEFAULT_ENGINE)


def pytest_configure(config) -> None:  # type: ignore[no-untyped-def]
    """Review dates (CK502, CK503) are judged against a fixed day, so no test expires with the calendar.

    Set for the whole session, so builds made by module-scoped fixtures see the same day (and the same
    environment) as the tests; a test may still change it with ``monkeypatch``.
    """
    os.environ["COURSEKIT_TODAY"] = "2026-11-21"
    # The faults tests kill builds at points drawn from this seed; drawn once here, so that processes started
    # from this one (pytest-xdist's workers) collect the same points.
    os.environ.setdefault("COURSEKIT_FAULT_SEED", str(time.time_ns() % 1_000_000))


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """Say how many hostile cases ran and how many broke a promise (it must be none)."""
    from tests import test_hostile

    tried = test_hostile.BROKEN_PROMISES
    if tried:
        broken = sorted(name for name, problems in tried.items() if problems)
        terminalreporter.write_line(f"hostile corpus: {len(tried)} cases tried, {len(broken)} broke a promise"
                                    + (f": {', '.join(broken)}" if broken else ""))
