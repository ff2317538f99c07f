"""Themes: the default passes its own checks, contrast is measured right, and wheels ship themes."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO
from toolkit.source import SourceLoc
from toolkit.themes import contrast_ratio, load_theme


def test_the_default_theme_is_clean() -> None:
    theme, problems = load_theme("default", REPO, SourceLoc(Path("course.yml"), 1))
    assert theme is not None and problems == []
    assert theme.meta.font.family == "Atkinson Hyperlegible"


@pytest.mark.parametrize(
    ("foreground", "background", "expected"),
    [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#777777", "#ffffff", 4.48)],
)
def test_contrast_ratio_matches_wcag(foreground: str, background: str, expected: float) -> None:
    assert contrast_ratio(foreground, background) == pytest.approx(expected, abs=0.01)


def test_builtin_themes_are_found_from_a_checkout(tmp_path: Path) -> None:
    """A project with no themes folder of its own gets the theme it names from the checkout's themes/ folder."""
    theme, problems = load_theme("default", tmp_path, SourceLoc(Path("course.yml"), 1))
    assert problems == [] and theme is not None
    assert theme.folder == REPO / "themes" / "default"
    assert theme.meta.font.family == "Atkinson Hyperlegible"


@pytest.mark.slow
def test_a_wheel_ships_the_themes_and_finds_them(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(REPO)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("coursekit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "toolkit/themes/default/theme.yml" in names
    assert "toolkit/project_template/mkdocs.yml" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # From the unpacked wheel, outside the checkout, the themes come from the package.
    probe = "from toolkit.themes import builtin_themes_folder as f; print(f())"
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(site)},
                         check=True, capture_output=True, text=True).stdout.strip()
    assert out == str(site / "toolkit" / "themes")
