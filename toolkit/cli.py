"""The `coursekit` command: parses options and calls one function per command."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from toolkit import __version__
from toolkit.site.engines import DEFAULT_ENGINE, ENGINE_NAMES

EXIT_CONTENT_ERRORS = 1


def _project_root(project: str | None) -> Path:
    """The project folder named, or the one holding `mkdocs.yml` at or above the current folder."""
    if project is not None:
        root = Path(project)
        if not (root / "mkdocs.yml").is_file():
            raise click.UsageError(f"`{project}` is not a coursekit project: it has no mkdocs.yml. "
                                   "Name the folder that holds mkdocs.yml, or create one with `coursekit new`.")
        return root.resolve()
    found = _find_project_root(Path.cwd())
    if found is None:
        raise click.UsageError("no mkdocs.yml here or in any folder above. "
                               "Run coursekit inside a project, name one, or create one with `coursekit new`.")
    return found


def _find_project_root(start: Path) -> Path | None:
    """The folder holding `mkdocs.yml`: ``start`` or the nearest folder above it."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return None


project_argument = click.argument("project", required=False, type=click.Path(file_okay=False))


@click.group(name="coursekit", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coursekit")
def cli() -> None:
    """Turn lesson modules into a course site, slide decks and printable handouts."""


@cli.command()
@project_argument
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How to print the findings.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: the number of cores).")
def check(project: str | None, strict: bool, output_format: str, jobs: int | None) -> None:
    """Check every course in PROJECT and report each problem with its file and line."""
    import os

    from toolkit.check import check_files

    root = _project_root(project)
    diagnostics = check_files(root, strict=strict, jobs=jobs or os.cpu_count() or 1)
    if output_format == "json":
        click.echo(diagnostics.format_json(root))
    else:
        click.echo(diagnostics.format_text(root))
    if diagnostics.errors:
        sys.exit(EXIT_CONTENT_ERRORS)


@cli.command()
@click.argument("target")
@click.argument("rest", nargs=-1)
@click.option("--project", "project", type=click.Path(file_okay=False),
              help="With `new course` and `new module`: the project folder.")
def new(target: str, rest: tuple[str, ...], project: str | None) -> None:
    """Create a project (`new PROJECT`), add a course (`new course ID "Title"`) or a module (`new module COURSE "Title"`)."""
    from toolkit import scaffold

    if target == "course":
        if len(rest) != 2:
            raise click.UsageError('`coursekit new course` takes a course id and a title: coursekit new course ID "Title"')
        root = _project_root(project)
        try:
            made = scaffold.new_course(root, rest[0], rest[1])
        except scaffold.ScaffoldError as error:
            raise click.UsageError(str(error)) from None
        click.echo(f"Created the course `{rest[0]}` in {root / 'courses' / rest[0]}:")
        for path in made:
            click.echo(f"  {path.relative_to(root).as_posix()}{'/' if path.is_dir() else ''}")
        click.echo("Next: replace the example module and the details in course.yml with your own, then coursekit check")
        return
    if target == "module":
        if len(rest) != 2:
            raise click.UsageError('`coursekit new module` takes a course id and a title: coursekit new module COURSE "Title"')
        try:
            path = scaffold.new_module(_project_root(project), rest[0], rest[1])
        except scaffold.ScaffoldError as error:
            raise click.UsageError(str(error)) from None
        click.echo(f"Created {path}")
        return
    if rest:
        raise click.UsageError(f"unexpected {' '.join(rest)!r}: `coursekit new` takes one folder name")
    try:
        root = scaffold.new_project(Path(target))
    except scaffold.ScaffoldError as error:
        raise click.UsageError(str(error)) from None
    click.echo(f"Created a coursekit project in {root}\nNext: cd {target} && coursekit check")


SITE_ENGINE_OPTION = click.option(
    "--site-engine", type=click.Choice(ENGINE_NAMES), default=None,
    help="What renders the site: MkDocs with Material, ProperDocs or Zensical  [default: `site_engine` of the "
         "coursekit plugin in mkdocs.yml, else mkdocs]")


def _site_engine(root: Path, chosen: str | None) -> str:
    """The engine the site is rendered with: the option, else mkdocs.yml's, else MkDocs; it must be installed."""
    from toolkit.site.engines import EngineMissing, configured_engine, require_engine
    from toolkit.site.staging import read_project_config

    name = chosen
    if name is None:
        try:
            name = configured_engine(read_project_config(root))
        except ValueError as error:
            raise click.UsageError(str(error)) from None
        except Exception:  # an unreadable mkdocs.yml: the site build reports it, located
            name = None
    try:
        return require_engine(name or DEFAULT_ENGINE).name
    except EngineMissing as missing:
        raise click.UsageError(str(missing)) from None


@cli.command()
@project_argument
@click.option("--out", type=click.Path(file_okay=False), default=None, help="Output folder  [default: PROJECT/build]")
@click.option("--only", default=None, metavar="LIST", help="Comma-separated outputs to build: site,slides,handouts,guide.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default=None, help="Paper size for handouts (default: the theme's).")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: the number of cores).")
@click.option("--course", "course_ids", multiple=True, metavar="ID", help="Build only this course (repeatable).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--force", is_flag=True, help="Build even if nothing changed since the last build.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@SITE_ENGINE_OPTION
def build(project: str | None, out: str | None, only: str | None, paper: str | None, jobs: int | None,
          course_ids: tuple[str, ...], strict: bool, force: bool, quiet: bool, site_engine: str | None) -> None:
    """Check PROJECT, then build the site, decks, handouts and guide into --out."""
    import os

    from toolkit.build import OUTPUT_NAMES, BuildSettings, available_outputs, run_build
    from toolkit.diagnostics import counted
    from toolkit.output import OutputRefused

    root = _project_root(project)
    chosen = available_outputs() if only is None else tuple(p.strip() for p in only.split(",") if p.strip())
    unknown = [name for name in chosen if name not in OUTPUT_NAMES]
    if unknown or not chosen:
        raise click.BadParameter(f"expected a list from {', '.join(OUTPUT_NAMES)}, got {only!r}", param_hint="--only")
    missing = [name for name in chosen if name not in available_outputs()]
    if missing:
        raise click.BadParameter(f"{', '.join(missing)} cannot be built by this version of coursekit yet", param_hint="--only")
    settings = BuildSettings(out=Path(out) if out else root / "build", only=chosen, paper=paper,
                             jobs=jobs or os.cpu_count() or 1, strict=strict, course_ids=course_ids, force=force,
                             site_engine=_site_engine(root, site_engine) if "site" in chosen else DEFAULT_ENGINE)
    from rich.console import Console

    from toolkit import console as show

    terminal = Console()
    progress = show.QuietProgress() if quiet else show.TerminalProgress(terminal) if terminal.is_terminal else show.LineProgress()
    try:
        with progress:
            result = run_build(root, settings, progress)
    except OutputRefused as refused:
        raise click.UsageError(str(refused)) from None
    shown = result.diagnostics if not quiet else type(result.diagnostics)(result.diagnostics.errors)
    if len(shown):
        click.echo(shown.format_text(root))
    if not result.ok:
        click.echo("Nothing was written; the previous build is unchanged.")
        sys.exit(EXIT_CONTENT_ERRORS)
    if quiet:
        return
    if result.unchanged:
        click.echo(f"Nothing changed since the last build: {settings.out} is up to date ({counted(len(result.written), 'file')}).")
        return
    if terminal.is_terminal:
        terminal.print(show.summary_table(result, settings.out))
    else:
        for line in show.summary_lines(result):
            click.echo(line)
    click.echo(f"Built {', '.join(o for o in OUTPUT_NAMES if o in chosen)} into {settings.out}: {counted(len(result.written), 'file')}.")



@cli.command()
@project_argument
@click.option("--dev-addr", default=None, metavar="IP:PORT", help="Where to serve the preview  [default: 127.0.0.1:8000]")
@click.option("--open", "open_in_browser", is_flag=True, help="Open the preview in the default web browser.")
@SITE_ENGINE_OPTION
def serve(project: str | None, dev_addr: str | None, open_in_browser: bool, site_engine: str | None) -> None:
    """Preview PROJECT's course site; it reloads when a module, glossary, course.yml or theme changes.

    While the courses have errors, every page of the preview shows them.
    """
    import logging

    from toolkit.site.preview import serve_site

    root = _project_root(project)
    engine = _site_engine(root, site_engine)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.setLevel(logging.INFO)
    mkdocs_log.addHandler(handler)
    mkdocs_log.propagate = False
    if engine != DEFAULT_ENGINE:  # the engine's own live server, on the source coursekit writes
        from toolkit.site.engine_preview import serve_with_program
        from toolkit.site.engines import ENGINES

        sys.exit(serve_with_program(root, ENGINES[engine], dev_addr=dev_addr, open_in_browser=open_in_browser))
    try:
        serve_site(root, dev_addr=dev_addr, open_in_browser=open_in_browser)
    except Exception as error:  # an unreadable mkdocs.yml: MkDocs has reported it, and there is no site to serve
        from mkdocs.exceptions import Abort, ConfigurationError

        if isinstance(error, (Abort, ConfigurationError)):
            click.echo(str(error), err=True)
            sys.exit(EXIT_CONTENT_ERRORS)
        raise

@cli.command()
@project_argument
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Folder for the HTML reports, one `<course>.html` each  [default: PROJECT/build/report]")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: a table per course and the HTML reports; json: the figures only, on standard output.")
def report(project: str | None, out: str | None, output_format: str) -> None:
    """Show each module's reading grades, PEMAT-style score, terms, red flags and review, and write an HTML report."""
    import io
    import json
    import shutil

    from rich.console import Console

    from toolkit.report import figures, run_report, terminal_view

    root = _project_root(project)
    if output_format == "json":
        result = run_report(root, write_html=False)
        click.echo(json.dumps({"courses": [figures(c, root) for c in result.courses],
                               "diagnostics": [d.as_json(root) for d in result.diagnostics.sorted()]},
                              indent=2, ensure_ascii=False))
        return
    result = run_report(root, Path(out) if out else None)
    buffer = io.StringIO()
    tty = sys.stdout.isatty()
    console = Console(file=buffer, width=max(100, shutil.get_terminal_size((120, 24)).columns),
                      force_terminal=tty, no_color=not tty, highlight=False)
    for course_report in result.courses:
        for renderable in terminal_view(course_report):
            console.print(renderable)
        console.print()
    click.echo(buffer.getvalue(), nl=False)
    if not result.courses:
        click.echo(result.diagnostics.format_text(root))
    for path in result.written:
        click.echo(f"Wrote {path}")


@cli.command()
@project_argument
@click.option("--course", "course_ids", multiple=True, metavar="ID", help="Make the proof of this course only (repeatable).")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="The build folder to reuse or make; the proofs go to its proof/ folder  [default: PROJECT/build]")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: the number of cores).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors, a part left out of the proof among them.")
def proof(project: str | None, course_ids: tuple[str, ...], out: str | None, jobs: int | None, strict: bool) -> None:
    """Make the review pack: every slide, printed page and phone screen of a course in one PDF, with a sign-off page."""
    import os

    from rich.console import Console

    from toolkit import console as show
    from toolkit.diagnostics import Diagnostics, Severity
    from toolkit.output import OutputRefused
    from toolkit.proof import ProofSettings, UnknownCourse, run_proof

    root = _project_root(project)
    settings = ProofSettings(out=Path(out) if out else root / "build", course_ids=course_ids,
                             jobs=jobs or os.cpu_count() or 1, strict=strict)
    terminal = Console()
    progress = show.TerminalProgress(terminal) if terminal.is_terminal else show.LineProgress()
    try:
        with progress:
            result = run_proof(root, settings, progress)
    except UnknownCourse as unknown:
        raise click.BadParameter(str(unknown), param_hint="--course") from None
    except OutputRefused as refused:
        raise click.UsageError(str(refused)) from None
    shown = Diagnostics(d for d in result.diagnostics if d.severity is not Severity.INFO)
    if len(shown):
        click.echo(shown.format_text(root))
    for path, pages in result.written:
        click.echo(f"Wrote {path} ({pages} pages)")
    if not result.ok:
        if not result.written:
            click.echo("No proof was written.")
        sys.exit(EXIT_CONTENT_ERRORS)


def main() -> None:
    cli(prog_name="coursekit")
