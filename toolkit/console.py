"""How the command line shows a build: a rich progress display on a terminal, plain lines elsewhere."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from toolkit.build import BuildResult
from toolkit.diagnostics import counted


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


class TerminalProgress:
    """A live display: one line per output with a spinner, its state and the time taken.

    Outputs overlap (their documents render in one pool), so each keeps its own counts."""

    def __init__(self, console: Console) -> None:
        self._display = Progress(SpinnerColumn(finished_text="✓"), TextColumn("{task.description:<9}"), BarColumn(bar_width=30),
                                 TextColumn("{task.fields[status]}"), TimeElapsedColumn(), console=console, transient=False)
        self._tasks: dict[str, int] = {}
        self._written: Counter[str] = Counter()
        self._reused: Counter[str] = Counter()

    def __enter__(self) -> TerminalProgress:
        self._display.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._display.stop()

    def output_started(self, output: str) -> None:
        self._tasks[output] = self._display.add_task(output, total=None, status="building")

    def file_written(self, output: str, path: Path) -> None:
        self._written[output] += 1
        self._show(output)

    def file_reused(self, output: str, path: Path) -> None:
        self._reused[output] += 1
        self._show(output)

    def _show(self, output: str) -> None:
        reused = f" ({self._reused[output]} unchanged, from the cache)" if self._reused[output] else ""
        self._display.update(self._tasks[output], status=f"{counted(self._written[output], 'file')}{reused}")

    def output_finished(self, output: str, seconds: float) -> None:
        self._display.update(self._tasks[output], total=1, completed=1, status="done")


class LineProgress:
    """One plain line per output, for logs and CI."""

    def __init__(self, stream=None) -> None:  # type: ignore[no-untyped-def]
        self._stream = stream or sys.stdout
        self._reused: Counter[str] = Counter()

    def __enter__(self) -> LineProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def output_started(self, output: str) -> None:
        print(f"building {output} ...", file=self._stream, flush=True)

    def file_written(self, output: str, path: Path) -> None:
        pass

    def file_reused(self, output: str, path: Path) -> None:
        self._reused[output] += 1

    def output_finished(self, output: str, seconds: float) -> None:
        count = self._reused[output]
        reused = f" ({counted(count, 'file')} unchanged, from the cache)" if count else ""
        print(f"built {output} in {seconds:.1f} s{reused}", file=self._stream, flush=True)


class QuietProgress(LineProgress):
    def output_started(self, output: str) -> None:
        pass

    def output_finished(self, output: str, seconds: float) -> None:
        pass


def _per_output(result: BuildResult) -> list[tuple[str, int, int, float]]:
    rows = []
    for output, seconds in result.seconds.items():
        sizes = [size for path, size in result.written if path.split("/", 1)[0] == output]
        rows.append((output, len(sizes), sum(sizes), seconds))
    return rows


def summary_lines(result: BuildResult) -> list[str]:
    """The summary as plain lines, for logs."""
    return [f"{output}: {counted(files, 'file')}, {_size(size)}, {seconds:.1f} s" for output, files, size, seconds in _per_output(result)]


def summary_table(result: BuildResult, out: Path) -> Table:
    """What was written: files, sizes and time per output."""
    table = Table(title=f"Written to {out}", title_justify="left", caption_justify="left",
                  caption="Times count the work on all cores.")
    table.add_column("output")
    table.add_column("files", justify="right")
    table.add_column("size", justify="right")
    table.add_column("time", justify="right")
    for output, files, size, seconds in _per_output(result):
        table.add_row(output, str(files), _size(size), f"{seconds:.1f} s")
    return table
