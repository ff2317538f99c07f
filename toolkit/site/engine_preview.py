"""`coursekit serve --site-engine properdocs|zensical`: the engine's own live server on a staged source.

coursekit writes the site's source into a folder of its own and starts the engine's `serve` on it; when a
module, glossary, course.yml, theme or mkdocs.yml changes, the source is written again and the engine,
which watches its docs folder, rebuilds and reloads the browser. While the courses have errors, the
terminal shows them and the last good site stays served.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from toolkit.diagnostics import Diagnostics
from toolkit.site.engines import Engine, engine_program

log = logging.getLogger("mkdocs.plugins.coursekit.preview")

# How often the project's files are looked at for changes, in seconds.
POLL_SECONDS = 1.0
DEFAULT_ADDRESS = "127.0.0.1:8000"
_WATCHED = ("courses", "themes", "mkdocs.yml")


def project_state(root: Path) -> tuple[tuple[str, int, int], ...]:
    """What the preview depends on, by name, size and time of change: it differs once any such file changes."""
    found = []
    for name in _WATCHED:
        path = root / name
        paths = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        for item in paths:
            stat = item.stat()
            found.append((item.relative_to(root).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def stage_project(root: Path, folder: Path, address: str, engine: Engine) -> Path | None:
    """The project's site source staged in ``folder`` for ``engine``'s preview at ``address`` (`host:port`);
    None (its problems logged) while the courses have errors."""
    from toolkit.check import run_check
    from toolkit.site.pages import plan_site
    from toolkit.site.site_source import make_site_source
    from toolkit.site.staging import read_project_config, stage

    result = run_check(root)
    for diagnostic in result.diagnostics:
        log.warning(diagnostic.format(root))
    if result.diagnostics.errors:
        log.error("The courses have errors: the preview shows the last site that built.")
        return None
    raw = read_project_config(root)
    raw["site_url"] = f"http://{address}/"  # served at the root, where its links and instant navigation work
    project = result.project
    source = make_site_source(project, plan_site(project, root / "build"), project.site.directory_urls,
                              links_from_source=engine.links_from_source)
    if Diagnostics(source.diagnostics).errors:
        for diagnostic in source.diagnostics:
            log.error(diagnostic.format(root))
        return None
    return stage(raw, root, folder, source, project)


def serve_with_program(root: Path, engine: Engine, *, dev_addr: str | None = None, open_in_browser: bool = False,
                       keep_running: Callable[[], bool] = lambda: True) -> int:
    """Serve the project's site with ``engine``'s own server until it stops (or ``keep_running`` says so).

    Returns the engine's exit code.
    """
    program = engine_program(engine)
    assert program is not None
    root = root.resolve()
    folder = Path(tempfile.mkdtemp(prefix="coursekit-preview-"))
    try:
        address = dev_addr or DEFAULT_ADDRESS
        config_file = stage_project(root, folder, address, engine)
        if config_file is None:
            return 1
        command = [program, "serve", "-f", str(config_file), "-a", address]
        if open_in_browser:
            command.append("-o")
        server = subprocess.Popen(command, cwd=folder)
        try:
            state = project_state(root)
            while server.poll() is None and keep_running():
                time.sleep(POLL_SECONDS)
                now = project_state(root)
                if now != state:
                    state = now
                    log.info("A course changed: writing the site's source again")
                    stage_project(root, folder, address, engine)
        finally:
            stopped_here = server.poll() is None
            if stopped_here:
                server.terminate()
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()
        return 0 if stopped_here else server.returncode
    finally:
        shutil.rmtree(folder, ignore_errors=True)
