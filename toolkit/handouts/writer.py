"""The WeasyPrint adapter: HTML and the theme's print CSS → tagged, reproducible PDF bytes.

Every render goes through :class:`~toolkit.handouts.fetcher.ProjectFetcher`,
produces PDF/UA-1 (tagged, with title and language), takes its dates from the
HTML (set from the source date) and an explicit file identifier, so the same
input gives the same bytes. WeasyPrint's warnings and errors during the render
are returned with the PDF so the builder can report them.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.handouts.fetcher import FetchRefused, ProjectFetcher
from toolkit.handouts.figures import LaidOutFigure, laid_out_figures
from toolkit.fallback_fonts import css_stack
from toolkit.handouts.fonts import fallback_face_css, font_config, font_face_css
from toolkit.model import Theme

PDF_VARIANT = "pdf/ua-1"
MIN_WEASYPRINT = 69
PAGE_SIZES = {"a4": "A4", "letter": "letter"}
# The booklet's page: half the sheet, so two sit side by side on it when it is printed to fold (impose.py).
BOOKLET_PAGE_SIZES = {"a4": "A5", "letter": "5.5in 8.5in"}
_CSS_CACHE: dict[tuple[object, ...], ParsedStyles] = {}
_CSS_LOCK = threading.Lock()
_RENDER_LOCK = threading.Lock()


class RenderTimeout(BaseException):
    """A render ran past its time limit. A BaseException, so WeasyPrint's own `except Exception` cannot swallow it."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"rendering took longer than {seconds:g} seconds, so it was stopped")
        self.seconds = seconds


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Stop the block with :class:`RenderTimeout` after ``seconds`` (wall clock).

    The limit is a real-time interval timer, so it works wherever a render runs in
    the main thread of its process: the build's own process or a worker of a
    process pool. In any other thread signals cannot be delivered, and the block
    runs without a limit. A timer already set by the caller is put back afterwards.
    """
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise RenderTimeout(seconds)

    previous_handler = signal.signal(signal.SIGALRM, expired)
    started = time.monotonic()
    previous_timer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_timer[0]:
            signal.setitimer(signal.ITIMER_REAL, *previous_timer)
    # The alarm's exception is lost when it lands in Python code called back from C (Pango through cffi
    # prints and drops it), and the render goes on: one that ran past the limit is stopped all the same.
    if time.monotonic() - started > seconds:
        raise RenderTimeout(seconds)


@dataclass
class RenderResult:
    pdf: bytes | None
    records: list[LogEntry] = field(default_factory=list)
    pages: int = 0
    figures: list[LaidOutFigure] = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def captured_weasyprint_logs() -> Iterator[list[logging.LogRecord]]:
    """WeasyPrint's warnings and errors while the block runs (and not printed anywhere)."""
    logger = logging.getLogger("weasyprint")
    collector = _Collect()
    saved = logger.propagate
    logger.addHandler(collector)
    logger.propagate = False
    try:
        yield collector.records
    finally:
        logger.removeHandler(collector)
        logger.propagate = saved


def theme_css(theme: Theme, paper: str) -> str:
    """The stylesheet coursekit writes before the theme's: the fonts (the theme's, then the fallbacks for
    the scripts it lacks), the colours and the paper size (the booklet's pages, named `booklet`, half of it)."""
    palette = theme.meta.colours.light
    colours = "; ".join(f"--ck-{name.replace('_', '-')}: {value}" for name, value in palette.model_dump().items())
    return "\n".join([
        font_face_css(theme.meta.font.family, theme.meta.font.package),
        fallback_face_css(),
        f":root {{ {colours}; }}",
        f"html {{ font-family: {css_stack(theme.meta.font.family)}; }}",
        f"@page {{ size: {PAGE_SIZES[paper]}; }}",
        f"@page booklet {{ size: {BOOKLET_PAGE_SIZES[paper]}; }}",
    ])


@dataclass(frozen=True)
class LogEntry:
    """A warning or error WeasyPrint logged, and the stylesheet it was reading if any."""

    level: int
    message: str
    stylesheet: Path | None = None


@dataclass(frozen=True)
class ParsedStyles:
    """A theme's stylesheets for one paper, and what parsing them logged and refused to load (kept, so every
    render reports it, whichever process parsed them)."""

    sheets: list[object]
    log: list[LogEntry]
    refused: list[tuple[FetchRefused, int]]  # each refusal and how many files were served before it


def stylesheets(theme: Theme, paper: str, fetcher: ProjectFetcher) -> ParsedStyles:
    """The parsed stylesheets for a theme and paper, parsed once per process."""
    from weasyprint import CSS

    print_css = print_css_path(theme)
    stamp = print_css.stat().st_mtime_ns if print_css.is_file() else None
    key = (str(theme.folder), theme.meta.model_dump_json(), paper, str(print_css), stamp)
    with _CSS_LOCK:
        cached = _CSS_CACHE.get(key)
        if cached is not None:
            return cached  # type: ignore[return-value]
        config = font_config()
        log: list[LogEntry] = []
        refused_before = len(fetcher.refused)
        with captured_weasyprint_logs() as records:
            sheets = [CSS(string=theme_css(theme, paper), base_url=theme.folder.resolve().as_uri() + "/",
                          url_fetcher=fetcher, font_config=config)]
        log += [LogEntry(r.levelno, r.getMessage()) for r in records]
        if print_css.is_file():
            with captured_weasyprint_logs() as records:
                sheets.append(CSS(string=print_css.read_text(encoding="utf-8"), base_url=print_css.resolve().as_uri(),
                                  url_fetcher=fetcher, font_config=config))
            log += [LogEntry(r.levelno, r.getMessage(), print_css) for r in records]
        parsed = ParsedStyles(sheets, log, list(fetcher.refused[refused_before:]))
        _CSS_CACHE[key] = parsed
        return parsed


def print_css_path(theme: Theme) -> Path:
    """The theme's print stylesheet, or the default theme's when it names none."""
    from toolkit.themes import builtin_themes_folder

    own = theme.asset(theme.meta.print_css)
    return own if own is not None else builtin_themes_folder() / "default" / "print.css"


def weasyprint_too_old() -> str | None:
    """WeasyPrint's version when it is older than 69 (earlier releases let URL fetchers be bypassed)."""
    import weasyprint

    major = int(str(weasyprint.__version__).split(".")[0])
    return None if major >= MIN_WEASYPRINT else str(weasyprint.__version__)


def render_pdf(html: str, *, base_url: str, fetcher: ProjectFetcher, sheets: list[object], identifier: bytes,
               tagged: bool = True) -> tuple[bytes, int, list[LaidOutFigure]]:
    """One PDF/UA-1 document from ``html`` (or, untagged, a plain PDF: the booklet's footer, drawn over tagged
    pages as an artifact), its page count and its SVG figures' printed sizes; raises what WeasyPrint raises
    (FetchRefused among them)."""
    from weasyprint import DEFAULT_OPTIONS, HTML

    from toolkit.handouts import page_index

    page_index.install()
    options = {**DEFAULT_OPTIONS, "stylesheets": sheets, "pdf_variant": PDF_VARIANT if tagged else None,
               "pdf_identifier": identifier, "pdf_tags": tagged}
    # What HTML.write_pdf does, in its two steps, so the page count comes without reading the PDF back.
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(font_config=font_config(), **options)
    return document.write_pdf(**options), len(document.pages), laid_out_figures(document)


def render(html: str, *, base_url: str, fetcher: ProjectFetcher, styles: ParsedStyles,
           identifier: bytes, seconds: float | None = None, tagged: bool = True) -> RenderResult:
    """Render with WeasyPrint's log captured; exceptions propagate to the caller, and
    :class:`RenderTimeout` when the document takes longer than ``seconds``."""
    with _RENDER_LOCK, captured_weasyprint_logs() as records, time_limit(seconds):
        pdf, pages, figures = render_pdf(html, base_url=base_url, fetcher=fetcher, sheets=styles.sheets,
                                         identifier=identifier, tagged=tagged)
    return RenderResult(pdf, [*styles.log, *(LogEntry(r.levelno, r.getMessage()) for r in records)], pages, figures)


def allowed_roots(project_root: Path, theme: Theme) -> list[Path]:
    """The folders a handout render may read: the project, the theme, the theme font's package and the
    fallback fonts' packages."""
    from toolkit.handouts.fonts import font_folders

    return list(dict.fromkeys([project_root, theme.folder, *font_folders(theme.meta.font.package)]))


@dataclass(frozen=True)
class Job:
    """One document to render, as plain data."""

    html: str
    base_url: str
    roots: tuple[Path, ...]
    theme: Theme
    paper: str
    identifier: bytes
    seconds: float | None = None  # the time limit of the render (`limits: render_seconds`); None for none
    tagged: bool = True           # False for the booklet's footer only


@dataclass
class JobResult:
    """What came of a job: the PDF (or None), WeasyPrint's log, and every request the fetcher refused or served."""

    pdf: bytes | None
    log: list[LogEntry] = field(default_factory=list)
    refused: list[tuple[str, str, int]] = field(default_factory=list)  # (url, reason, files served before it)
    served: list[str] = field(default_factory=list)
    failure: tuple[str, str] | None = None  # ("fetch", "render" or "timeout", message) when the render stopped
    pages: int = 0
    figures: list[LaidOutFigure] = field(default_factory=list)  # each SVG figure's printed size


def run_job(job: Job) -> JobResult:
    """Render one document; never raises for what the content or WeasyPrint did."""
    from weasyprint.urls import FatalURLFetchingError

    from toolkit.handouts.fetcher import FetchRefused

    fetcher = ProjectFetcher(job.roots)
    # The stylesheets have a fetcher of their own: what it refused is kept with them and reported for every job.
    styles_fetcher = ProjectFetcher(job.roots)
    styles: ParsedStyles | None = None
    result = JobResult(None)
    try:
        styles = stylesheets(job.theme, job.paper, styles_fetcher)
        rendered = render(job.html, base_url=job.base_url, fetcher=fetcher, styles=styles,
                          identifier=job.identifier, seconds=job.seconds, tagged=job.tagged)
        result.pdf = rendered.pdf
        result.log = list(rendered.records)
        result.pages = rendered.pages
        result.figures = rendered.figures
    except RenderTimeout as timeout:
        result.failure = ("timeout", str(timeout))
    except (FetchRefused, FatalURLFetchingError) as error:
        result.failure = ("fetch", str(error))
    except Exception as error:  # WeasyPrint failing on content is reported, never raised
        result.failure = ("render", f"{type(error).__name__}: {error}")
    styles_refused = styles.refused if styles is not None else styles_fetcher.refused  # parsing them stopped
    result.refused = [(refused.url, refused.reason, count) for refused, count in [*styles_refused, *fetcher.refused]]
    result.served = list(fetcher.served)
    return result


def prepare_for_workers(jobs: list[Job]) -> None:
    """Parse each theme's stylesheets here, before workers are forked, so they share this process's font
    configuration instead of each copying every font again."""
    for job in jobs:
        try:
            stylesheets(job.theme, job.paper, ProjectFetcher(job.roots))  # parsed once per theme and paper
        except (FetchRefused, Exception):  # noqa: BLE001 (FetchRefused is no Exception; each job meets the same failure again and reports it)
            continue


def run_jobs(jobs: list[Job]) -> list[JobResult]:
    """Every job's result, in order, in this process (one font configuration, stylesheets parsed once)."""
    return [run_job(job) for job in jobs]
