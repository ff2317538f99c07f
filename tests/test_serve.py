"""`coursekit serve` with content errors: every address of the preview shows them, and it reloads once they are fixed.

The server runs for real (`python -m toolkit serve` in a subprocess, on a free port), as a writer runs it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site_support import HOSTILE, REPO, free_port
from toolkit.site.preview import error_page, failure_text

MODULE = "courses/hostile/modules/01-keep-moving.md"
RIGHT = "- [x] At least every 30 minutes"
WRONG = "- [ ] At least every 30 minutes"
# Generous: the first build loads the course and the theme; a rebuild follows a change within a second or two.
WAIT_SECONDS = 90
REQUEST_SECONDS = 20


class Preview:
    """A running `coursekit serve` and the project it previews."""

    def __init__(self, root: Path, port: int, process: subprocess.Popen[bytes]) -> None:
        self.root = root
        self.url = f"http://127.0.0.1:{port}/"
        self.process = process

    def fetch(self, path: str) -> tuple[int, str, float]:
        """The status and text of one page, and the seconds it took to come."""
        started = time.monotonic()
        try:
            with urllib.request.urlopen(self.url + path, timeout=REQUEST_SECONDS) as response:
                return response.status, response.read().decode(), time.monotonic() - started
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), time.monotonic() - started

    def wait_for(self, path: str, words: str) -> tuple[int, str]:
        """Fetch ``path`` until ``words`` is in it; every answer must come within REQUEST_SECONDS, never hang."""
        deadline = time.monotonic() + WAIT_SECONDS
        last = ""
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"coursekit serve stopped:\n{self.output()}")
            try:
                status, text, seconds = self.fetch(path)
            except urllib.error.URLError as error:
                if "timed out" in str(error.reason):
                    pytest.fail(f"/{path} did not answer within {REQUEST_SECONDS}s:\n{self.output()}")
                time.sleep(0.3)  # not listening yet
                continue
            except TimeoutError:
                pytest.fail(f"/{path} did not answer within {REQUEST_SECONDS}s:\n{self.output()}")
            assert seconds < REQUEST_SECONDS
            if words in text:
                return status, text
            last = text
            time.sleep(0.3)
        pytest.fail(f"`{words}` never appeared in /{path}; last answer:\n{last[-2000:]}\n{self.output()}")

    def edit(self, old: str, new: str) -> None:
        path = self.root / MODULE
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new))

    def output(self) -> str:
        self.process.terminate()
        try:
            return self.process.communicate(timeout=20)[0].decode()[-4000:]
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.communicate()[0].decode()[-4000:]


@pytest.fixture
def broken_preview(tmp_path: Path) -> Iterator[Preview]:
    """`coursekit serve` started on a project whose quiz has no right answer marked (CK211)."""
    from toolkit.themes import builtin_themes_folder

    root = tmp_path / "project"
    shutil.copytree(HOSTILE, root)
    shutil.copytree(builtin_themes_folder() / "default", root / "themes" / "default")
    module = root / MODULE
    module.write_text(module.read_text().replace(RIGHT, WRONG))
    port = free_port()
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent), "COURSEKIT_TODAY": "2026-11-21"}
    process = subprocess.Popen([sys.executable, "-m", "toolkit", "serve", str(root), "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        yield Preview(root, port, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _quiz_line(root: Path) -> int:
    """The line of the module's quiz fence, where CK211 points."""
    lines = (root / MODULE).read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.strip() == "::: quiz")


def test_the_preview_shows_the_errors_at_every_address_and_the_real_page_once_they_are_fixed(
        broken_preview: Preview) -> None:
    problem = f"{MODULE}:{_quiz_line(broken_preview.root)}:1: error[CK211]: no option is marked `- [x]`"
    hint = "hint: Mark the right option with `- [x]`."
    for path in ("hostile/keep-moving/", "", "no/such/page/"):
        status, text = broken_preview.wait_for(path, problem)
        assert status == 500
        assert hint in text and "The preview could not be built" in text
        assert "/livereload/" in text  # the page reloads itself when the next build is done
    broken_preview.edit(WRONG, RIGHT)
    status, text = broken_preview.wait_for("hostile/keep-moving/", "Keep moving to help your back")
    assert status == 200 and "CK211" not in text
    # A rebuild that fails after a good one: the pages show the problem at once, rather than waiting for a fix.
    broken_preview.edit(RIGHT, WRONG)
    status, text = broken_preview.wait_for("hostile/keep-moving/", problem)
    assert status == 500
    broken_preview.edit(WRONG, RIGHT)
    assert broken_preview.wait_for("hostile/keep-moving/", "Keep moving to help your back")[0] == 200


@pytest.mark.browser
@pytest.mark.requires("chromium", "playwright")
def test_the_error_page_in_a_browser_turns_into_the_page_by_itself_when_the_file_is_fixed(
        broken_preview: Preview, browser) -> None:  # type: ignore[no-untyped-def]
    broken_preview.wait_for("hostile/keep-moving/", "error[CK211]")
    page = browser.new_page()
    try:
        page.goto(broken_preview.url + "hostile/keep-moving/", timeout=REQUEST_SECONDS * 1000)
        assert "error[CK211]" in page.inner_text("#coursekit-problems")
        broken_preview.edit(WRONG, RIGHT)
        page.wait_for_function("document.title.includes('Keep moving to help your back')",
                               timeout=WAIT_SECONDS * 1000)
        assert page.locator("#coursekit-problems").count() == 0
        broken_preview.edit(RIGHT, WRONG)
        page.wait_for_selector("#coursekit-problems", timeout=WAIT_SECONDS * 1000)
        assert "error[CK211]" in page.inner_text("#coursekit-problems")
    finally:
        page.close()


def test_the_error_page_shows_the_problems_as_text_never_as_markup() -> None:
    page = error_page('course.yml:3:1: error[CK101]: `<img src=x onerror="alert(1)">` is not a title').decode()
    assert "`&lt;img src=x onerror=&quot;alert(1)&quot;&gt;` is not a title" in page
    assert "<img" not in page


def test_a_failure_is_told_once_and_a_fault_is_named() -> None:
    from mkdocs.exceptions import Abort

    problem = "m.md:4:1: error[CK211]: no option is marked `- [x]`"
    assert failure_text([problem, f"coursekit cannot make the site:\n{problem}"], Abort("Aborted")) == \
        f"coursekit cannot make the site:\n{problem}"
    assert failure_text([problem, problem], Abort("Aborted")) == problem
    assert failure_text([], Abort("Aborted with a configuration error!")) == "Aborted with a configuration error!"
    assert failure_text([], KeyError("title")) == "KeyError: 'title'"


def test_an_unreadable_mkdocs_yml_stops_serve_with_its_error_and_leaves_no_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from click.testing import CliRunner

    from toolkit.cli import cli

    root = tmp_path / "project"
    shutil.copytree(HOSTILE, root)
    (root / "mkdocs.yml").write_text("site_name: Patient courses\ndocs_dir: no-such-folder\nplugins:\n  - coursekit\n")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    result = CliRunner().invoke(cli, ["serve", str(root), "--dev-addr", f"127.0.0.1:{free_port()}"])
    assert result.exit_code == 1, result.output
    assert "Aborted with a configuration error!" in result.output
    assert list(scratch.iterdir()) == []
