"""`coursekit serve`: MkDocs' live preview, which shows a failed build's problems in the browser.

Under plain `mkdocs serve` a failed rebuild leaves every page request waiting
for a site that never comes, and the problems are only in the terminal. Here a
failed build is kept as text, and every address answers with a page that shows
it, carrying MkDocs' reload script: the next build, failed or not, reloads it.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterable
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer, _serve_url

log = logging.getLogger("mkdocs.plugins.coursekit.preview")

_MKDOCS_LOGGER = "mkdocs"


class _Errors(logging.Handler):
    """What MkDocs and the plugin log as errors during one build: the terminal's account of a failure."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def failure_text(messages: list[str], error: BaseException) -> str:
    """The problems a failed build reported, or the exception itself when nothing was reported.

    The plugin logs each problem and then fails with all of them, which MkDocs logs again:
    a message that a longer one repeats is left out.
    """
    kept = [m for i, m in enumerate(messages) if m.strip()
            and not any(m in other and (m != other or j < i) for j, other in enumerate(messages) if j != i)]
    if not isinstance(error, MkDocsException):  # not a problem MkDocs reported: a fault, named as it is
        kept.append(f"{type(error).__name__}: {error}")
    return "\n".join(kept) or str(error) or type(error).__name__


def error_page(problems: str) -> bytes:
    """A page that says the preview could not be built and shows ``problems`` as the terminal printed them."""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The preview could not be built</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #1a1a1a; background: #fff; line-height: 1.5; }}
h1 {{ color: #a4161a; font-size: 1.6rem; }}
pre {{ background: #f6f6f6; border-left: 4px solid #a4161a; padding: 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }}
</style>
</head>
<body>
<main>
<h1>The preview could not be built</h1>
<p>Fix the problems below and save the file. This page reloads by itself when the site is built again.</p>
<pre id="coursekit-problems">{escape(problems)}</pre>
</main>
</body>
</html>
""".encode()


def serve_site(root: Path, *, dev_addr: str | None = None, open_in_browser: bool = False) -> None:
    """A live preview of the project's site that rebuilds when a module, the glossary, course.yml or a
    theme changes, as `mkdocs serve` does; while the last build failed, every address shows its problems.
    Returns when the server is stopped."""
    site_dir = tempfile.mkdtemp(prefix="coursekit-preview-")
    try:
        _serve(root / "mkdocs.yml", site_dir, dev_addr, open_in_browser)
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def _serve(config_file: Path, site_dir: str, dev_addr: str | None, open_in_browser: bool) -> None:
    def get_config():  # type: ignore[no-untyped-def]
        return load_config(config_file=str(config_file), site_dir=site_dir, dev_addr=dev_addr)

    config = get_config()  # an unreadable mkdocs.yml stops here: without it there is no site to serve
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    serve_url = _serve_url(host, port, urlsplit(config.site_url or "/").path)
    config.site_url = serve_url

    def builder(config=None) -> None:  # type: ignore[no-untyped-def]
        log.info("Building the preview...")
        errors = _Errors()
        logger = logging.getLogger(_MKDOCS_LOGGER)
        logger.addHandler(errors)
        try:
            if config is None:
                config = get_config()
                config.site_url = serve_url
            build(config, serve_url=serve_url)
        except Exception as error:  # any failure is shown in the browser rather than leaving it waiting
            server.failure = failure_text(errors.messages, error)
            if not isinstance(error, MkDocsException):
                log.exception("The preview could not be built")
            log.error("The browser shows these problems at every address until they are fixed.")
        else:
            server.failure = None
        finally:
            logger.removeHandler(errors)

    server = _PreviewServer(builder, host=host, port=port, root=site_dir, mount_path=urlsplit(serve_url).path)

    def not_found_page(code: int) -> bytes | None:  # the site's own 404 page, as `mkdocs serve` shows it
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = not_found_page
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        # The plugin's on_serve watches the courses and themes, exactly as under plain `mkdocs serve`.
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve(open_in_browser=open_in_browser)
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()


class _PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server that answers with the error page while the last build failed."""

    failure: str | None = None

    def _serve_request(self, environ, start_response) -> Iterable[bytes] | None:  # type: ignore[no-untyped-def]
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path.startswith("/livereload/"):
            return super()._serve_request(environ, start_response)
        # As MkDocs does: wait for a build under way, then answer with what it made.
        with self._epoch_cond:
            self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
            epoch = self._visible_epoch
            failure = self.failure
        if failure is None:
            return super()._serve_request(environ, start_response)
        content = self._inject_js_into_html(error_page(failure), epoch)
        start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"),
                                                     ("Content-Length", str(len(content))),
                                                     ("Cache-Control", "no-store")])
        return [content]
