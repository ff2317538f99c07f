"""`coursekit serve --site-engine`: the engine's own live server on the source coursekit writes, rewritten on a change."""

from __future__ import annotations

import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.site_support import free_port
from toolkit import scaffold
from toolkit.site.engine_preview import serve_with_program
from toolkit.site.engines import ENGINES, installed_engines
from toolkit.site.staging import has_marker


def fetch(url: str, until: str, timeout: float = 30.0) -> str:
    """The page at ``url`` once it holds ``until`` (the engine starts, then rebuilds, in its own time)."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode()
            if until in last:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {until!r}; last seen:\n{last[:500]}")


@pytest.mark.parametrize("engine", [name for name in installed_engines() if name != "mkdocs"])
def test_the_engine_serves_the_course_and_shows_a_changed_module(
        tmp_path: Path, engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    root = scaffold.new_project(tmp_path / "project")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    address = f"127.0.0.1:{free_port()}"
    stop = threading.Event()
    codes: list[int] = []
    server = threading.Thread(target=lambda: codes.append(
        serve_with_program(root, ENGINES[engine], dev_addr=address, keep_running=lambda: not stop.is_set())))
    server.start()
    try:
        url = f"http://{address}/first-course/keep-moving/"
        page = fetch(url, "data-coursekit-page")
        assert has_marker(page, "first-course/keep-moving.md")
        module = root / "courses/first-course/modules/01-keep-moving.md"
        text = module.read_text()
        title = next(line for line in text.splitlines() if line.startswith("title: "))
        module.write_text(text.replace(title, "title: Keep moving, changed while served"))
        assert "<title>Keep moving, changed while served" in fetch(url, "Keep moving, changed while served")
    finally:
        stop.set()
        server.join(timeout=30)
    assert not server.is_alive()
    assert codes == [0]  # stopped by coursekit, not failed
    assert list(temporary.iterdir()) == []  # the staged source is gone
