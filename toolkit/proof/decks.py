"""Decks printed by LibreOffice Impress from the real .pptx files, one PDF page per slide."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

# A slow machine prints a hundred slides in well under a minute; this only stops a hung LibreOffice.
TIMEOUT_SECONDS = 600


@dataclass(frozen=True)
class DeckJob:
    """Some decks for one LibreOffice run; ``work`` is this run's own profile and home, so runs never meet."""

    soffice: str
    decks: tuple[Path, ...]
    out: Path
    work: Path
    font_folders: tuple[Path, ...]
    slides: int  # how many slides in all, for the pool's estimate

    @property
    def seconds(self) -> float:
        return 4.0 + 0.12 * self.slides

    def run(self) -> DeckResult:
        """Print every deck to ``out/<deck>.pdf``; never raises for what LibreOffice did."""
        self.out.mkdir(parents=True, exist_ok=True)
        self.work.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "HOME": str(self.work / "home"), "FONTCONFIG_FILE": str(fontconfig(self.work, self.font_folders))}
        command = [self.soffice, f"-env:UserInstallation={(self.work / 'profile').as_uri()}", "--headless",
                   "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(self.out), *map(str, self.decks)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, env=env,
                                  stdin=subprocess.DEVNULL, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            return DeckResult(tuple(None for _ in self.decks), f"LibreOffice did not finish: {error}")
        pdfs = tuple(pdf if (pdf := self.out / f"{deck.stem}.pdf").is_file() else None for deck in self.decks)
        failure = None
        if any(pdf is None for pdf in pdfs):
            said = (done.stderr or done.stdout).strip().splitlines()
            failure = f"LibreOffice exited with {done.returncode}" + (f": {said[-1]}" if said else "")
        return DeckResult(pdfs, failure)


@dataclass(frozen=True)
class DeckResult:
    pdfs: tuple[Path | None, ...]  # in the job's order; None for a deck LibreOffice did not print
    failure: str | None = None


def fontconfig(work: Path, folders: tuple[Path, ...]) -> Path:
    """A fontconfig file that adds the theme's font and its fallbacks to the system's, so Impress draws the
    slides in the font they were fitted to (as a clinic PC with the font installed does)."""
    conf = work / "fonts.conf"
    dirs = "".join(f"  <dir>{_xml(str(folder))}</dir>\n" for folder in folders)
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"{dirs}  <cachedir>{_xml(str(work / 'fontcache'))}</cachedir>\n</fontconfig>\n", encoding="utf-8")
    return conf


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def balanced(decks: list[tuple[Path, int]], groups: int) -> list[list[tuple[Path, int]]]:
    """The decks in at most ``groups`` groups of about equal slides (largest first into the lightest group),
    each group in the decks' own order."""
    buckets: list[list[tuple[Path, int]]] = [[] for _ in range(max(1, min(groups, len(decks))))]
    for deck in sorted(decks, key=lambda d: -d[1]):
        min(buckets, key=lambda b: sum(n for _, n in b)).append(deck)
    order = {path: index for index, (path, _) in enumerate(decks)}
    return [sorted(b, key=lambda d: order[d[0]]) for b in buckets if b]
