"""A test that needs a missing tool is skipped, except under COURSEKIT_REQUIRE_TOOLS (`make test`, so CI), where it
fails and names the tool: CI installs every tool, so a skip there would hide tests that never ran."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, REQUIRE_TOOLS

# A session of its own, with the gate from tests/conftest.py and nothing else of it.
CONFTEST = "from tests.conftest import pytest_runtest_setup  # noqa: F401 (the hook under test)\n"
INI = "[pytest]\nmarkers =\n    requires: the tools a test drives\n"
TESTS = """\
import pytest

from tests.conftest import tool


@pytest.mark.requires("soffice")
def test_prints_a_deck():
    pass


def test_reads_the_qr_codes():
    tool("pdftoppm")


@pytest.mark.requires("playwright")
def test_drives_the_browser():
    pass


@pytest.mark.requires("fc-match")
def test_finds_a_font():
    pass
"""


@pytest.fixture
def session(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.Pytester:
    """A test file that needs LibreOffice, pdftoppm and Playwright (all missing here) and fc-match (found)."""
    found = tmp_path / "bin"
    found.mkdir()
    (found / "fc-match").write_text("#!/bin/sh\n")
    (found / "fc-match").chmod(0o755)
    monkeypatch.setenv("PATH", str(found))
    monkeypatch.setitem(sys.modules, "playwright", None)  # as if it were not installed
    monkeypatch.delenv(REQUIRE_TOOLS, raising=False)
    pytester.makeconftest(CONFTEST)
    pytester.makeini(INI)
    pytester.makepyfile(test_tools=TESTS)
    return pytester


def test_a_missing_tool_skips_the_test_where_nothing_requires_it(session: pytest.Pytester) -> None:
    result = session.runpytest("-rs", "-p", "no:randomly")
    result.assert_outcomes(passed=1, skipped=3)
    result.stdout.fnmatch_lines([
        "SKIPPED [[]1[]] *soffice is missing (install Debian's libreoffice-impress; `make test` installs it)",
        "SKIPPED [[]1[]] *pdftoppm is missing (install Debian's poppler-utils; `make test` installs it)",
        "SKIPPED [[]1[]] *playwright is missing (install the test extra's playwright; `make test` installs it)",
    ])


def test_a_missing_tool_fails_the_test_under_coursekit_require_tools(session: pytest.Pytester,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(REQUIRE_TOOLS, "1")
    result = session.runpytest("-rfE", "-p", "no:randomly")
    # The marked tests fail in their setup (an error), the one that asks in its body fails; the found tool passes.
    result.assert_outcomes(passed=1, failed=1, errors=2)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    set_ = f"`make test` installs it); {REQUIRE_TOOLS} is set, so a test that needs it fails"
    result.stdout.fnmatch_lines([
        "*ERROR at setup of test_prints_a_deck*",
        f"soffice is missing (install Debian's libreoffice-impress; {set_}",
        "*ERROR at setup of test_drives_the_browser*",
        f"playwright is missing (install the test extra's playwright; {set_}",
        "*_ test_reads_the_qr_codes _*",
        f"pdftoppm is missing (install Debian's poppler-utils; {set_}",
    ])
    assert "SKIPPED" not in result.stdout.str()


def test_coursekit_require_tools_0_is_off(session: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(REQUIRE_TOOLS, "0")
    session.runpytest("-p", "no:randomly").assert_outcomes(passed=1, skipped=3)


def test_make_test_sets_coursekit_require_tools() -> None:
    recipe = (REPO / "Makefile").read_text().split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert f"{REQUIRE_TOOLS}=1 $(BIN)/python -m pytest" in recipe, recipe


def test_every_test_asks_for_its_tools_through_the_gate() -> None:
    """A tool found any other way (``shutil.which``, ``pytest.importorskip``) would skip in CI unnoticed."""
    bypasses = [f"{path.name}:{number}: {line.strip()}"
                for path in sorted((REPO / "tests").glob("*.py")) if path.name != "conftest.py"
                for number, line in enumerate(path.read_text().splitlines(), 1)
                if re.search(r"\bimportorskip\(|\bshutil\.which\(|\.is_file\(\)\s*,\s*reason=", line)]
    assert not bypasses, "\n".join(bypasses)
