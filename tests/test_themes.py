"""Themes: the default passes its own checks, contrast is measured right, and wheels ship themes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import toolkit
from tests.conftest import REPO
from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.slides.template import load_template
from toolkit.source import SourceLoc
from toolkit.themes import builtin_themes_folder, contrast_ratio, load_theme, meets_aa


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


def test_an_installed_package_finds_the_themes_inside_it_and_a_checkout_beside_it(tmp_path: Path) -> None:
    """Installed, the package holds its themes (toolkit/themes/); run from a checkout, they are beside it."""
    package = Path(toolkit.__file__).parent
    installed = tmp_path / "site" / "toolkit"
    installed.mkdir(parents=True)
    for entry in package.iterdir():
        if entry.name != "__pycache__":
            (installed / entry.name).symlink_to(entry)
    shutil.copytree(DEFAULT, installed / "themes" / "default")
    probe = "import toolkit.themes as t; print(t.__file__); print(t.builtin_themes_folder())"
    # -P: the working folder (a checkout, when testing) is not put on the import path, so the package installed wins.
    found = subprocess.run([sys.executable, "-P", "-c", probe], env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
                           capture_output=True, text=True, check=False)
    assert found.returncode == 0, found.stderr
    assert found.stdout.splitlines() == [str(installed / "themes.py"), str(installed / "themes")]
    assert builtin_themes_folder() == REPO / "themes"


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


COURSE = SourceLoc(Path("courses/small/course.yml"), 17, 8)  # where a course names its theme
DEFAULT = REPO / "themes" / "default"


def house_theme(root: Path, *changes: tuple[str, str], name: str = "house") -> Path:
    """A copy of the default theme in the project's themes/ folder, its theme.yml changed line by line."""
    folder = root / "themes" / name
    shutil.copytree(DEFAULT, folder)
    text = (folder / "theme.yml").read_text()
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    (folder / "theme.yml").write_text(text)
    return folder


def line_of(folder: Path, start: str) -> int:
    """The 1-based line of theme.yml that begins with ``start``."""
    lines = (folder / "theme.yml").read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


def shown(message: Diagnostic) -> tuple[str, SourceLoc, str, str]:
    return message.code, message.loc, message.message, message.hint


@pytest.mark.parametrize("name", ["default/inner", "nice\\theme", ".house", "..", "../outside"])
def test_a_theme_name_that_is_not_a_plain_folder_name_is_refused_where_the_course_names_it(tmp_path: Path, name: str) -> None:
    # Behind each name is a valid theme.yml, so only the name is wrong: a path, a Windows path, a hidden folder.
    for folder in ("default/inner", "nice\\theme", ".house"):
        house_theme(tmp_path, name=folder)
    shutil.copytree(DEFAULT, tmp_path / "outside")
    shutil.copy(DEFAULT / "theme.yml", tmp_path / "theme.yml")
    theme, problems = load_theme(name, tmp_path, COURSE)
    assert theme is None
    assert [shown(p) for p in problems] == [("CK601", COURSE, f"`{name}` is not a theme name", rules.THEME_NOT_FOUND.hint)]


def test_a_theme_that_exists_nowhere_is_reported_where_the_course_names_it(tmp_path: Path) -> None:
    theme, problems = load_theme("fancy", tmp_path, COURSE)
    assert theme is None
    assert [shown(p) for p in problems] == [
        ("CK601", COURSE, "no theme called `fancy`", "Use `theme: default`, or create `themes/<name>/theme.yml`.")]


def test_a_project_theme_keeps_its_name_folder_and_the_place_of_its_file(tmp_path: Path) -> None:
    folder = house_theme(tmp_path)
    theme, problems = load_theme("house", tmp_path, COURSE)
    assert problems == [] and theme is not None
    assert (theme.name, theme.folder) == ("house", folder)
    path = Path("themes/house/theme.yml")  # shown from the project's root
    assert theme.loc == SourceLoc(path, 1, 1)
    # Each top-level field is found at its value's line; a field the file does not set points at the file.
    assert theme.field_loc("slides_template") == SourceLoc(path, line_of(folder, "slides_template:"), len("slides_template: ") + 1)
    assert theme.field_loc("font") == SourceLoc(path, line_of(folder, "  family:"), 3)
    assert theme.field_loc("site_css") == SourceLoc(path, 1, 1)


def test_a_slides_template_that_is_not_a_deck_is_reported_at_its_line_in_theme_yml(tmp_path: Path) -> None:
    folder = house_theme(tmp_path, ("slides_template: template.pptx", "slides_template: print.css"))
    theme, problems = load_theme("house", tmp_path, COURSE)
    assert problems == [] and theme is not None
    template, found = load_template(theme)
    assert template is None
    assert [(p.code, p.loc.line, p.message) for p in found] == [
        ("CK740", line_of(folder, "slides_template:"), "`print.css` is not a PowerPoint file (PackageNotFoundError)")]


def test_aa_is_at_least_four_and_a_half_to_one() -> None:
    # No pair of #rrggbb colours lands on 4.5 exactly, so the boundary is asked of the rule itself.
    assert meets_aa(4.5) and meets_aa(21.0)
    assert not meets_aa(4.499) and not meets_aa(1.0)


# WCAG AA asks for at least 4.5:1. On white, #767676 is the lightest grey that reaches it (4.54:1) and #777777
# the darkest that does not (4.48:1): WebAIM's contrast checker gives both figures. #008946 falls short by a hair
# (4.49996:1), so its message must not round it up to the 4.50 it fails.
@pytest.mark.parametrize(("text", "expected"), [("#767676", []), ("#777777", [
    "light `text` on `background` has contrast 4.48:1, below 4.5:1"]), ("#008946", [
    "light `text` on `background` has contrast 4.49:1, below 4.5:1"])])
def test_text_colours_either_side_of_aa_pass_or_fail_at_their_line(tmp_path: Path, text: str, expected: list[str]) -> None:
    folder = house_theme(tmp_path, ('text: "#1b1f24"', f'text: "{text}"'))
    theme, problems = load_theme("house", tmp_path, COURSE)
    assert theme is not None
    assert [p.message for p in problems] == expected
    path = Path("themes/house/theme.yml")
    assert [(p.code, p.loc, p.hint) for p in problems] == [("CK602", SourceLoc(path, line_of(folder, "    text:"), 11), (
        "Make the text colour darker or the background lighter (or the other way round) until the ratio is at least 4.5."))
        for _ in expected]


def test_each_scheme_and_pair_is_named_in_its_own_contrast_message(tmp_path: Path) -> None:
    house_theme(tmp_path, ('on_alert: "#2a0505"', 'on_alert: "#ff9b94"'), ('muted: "#4b5563"', 'muted: "#ffffff"'))
    _, problems = load_theme("house", tmp_path, COURSE)
    assert [p.message for p in problems] == [
        "light `muted` on `background` has contrast 1.00:1, below 4.5:1",
        "dark `on_alert` on `alert` has contrast 1.00:1, below 4.5:1"]


# Channels of 10/255 and less are on the straight part of the sRGB curve (c / 12.92): #0a0a0a has luminance
# 0.0392157 / 12.92 = 0.0030353, so white on it is (1 + 0.05) / (0.0030353 + 0.05) = 19.80:1.
def test_contrast_on_a_near_black_uses_the_straight_part_of_the_srgb_curve() -> None:
    assert contrast_ratio("#ffffff", "#0a0a0a") == pytest.approx(19.80, abs=0.005)
    assert contrast_ratio("#0a0a0a", "#ffffff") == pytest.approx(19.80, abs=0.005)


def test_a_missing_font_package_is_reported_at_its_line_with_the_command_that_installs_it(tmp_path: Path) -> None:
    folder = house_theme(tmp_path, ("package: fontpkg_atkinson_hyperlegible", "package: no_such_font_package"))
    theme, problems = load_theme("house", tmp_path, COURSE)
    assert theme is not None
    assert [shown(p) for p in problems] == [(
        "CK604", SourceLoc(Path("themes/house/theme.yml"), line_of(folder, "  package:"), 12),
        "the font package `no_such_font_package` is not installed",
        "Install it (`pip install no-such-font-package`), or name an installed font package in `font: package:`.")]


def test_each_asset_named_but_missing_is_reported_even_when_an_earlier_one_is_not_named(tmp_path: Path) -> None:
    # No logo (it is optional), then a template that is not there and a stylesheet outside the theme folder.
    folder = house_theme(tmp_path, ("logo: logo.svg\n", ""), ("slides_template: template.pptx", "slides_template: deck.pptx"),
                         ("print_css: print.css", "print_css: ../../themes/house/../default/print.css"))
    (tmp_path / "themes" / "default").mkdir()
    shutil.copy(DEFAULT / "print.css", tmp_path / "themes" / "default" / "print.css")
    theme, problems = load_theme("house", tmp_path, COURSE)
    assert theme is not None and theme.meta.logo is None
    path = Path("themes/house/theme.yml")
    assert [shown(p) for p in problems] == [
        ("CK603", SourceLoc(path, line_of(folder, "slides_template:"), 18),
         "`slides_template: deck.pptx` is not a file in the theme folder", rules.THEME_ASSET_MISSING.hint),
        ("CK603", SourceLoc(path, line_of(folder, "print_css:"), 12),
         "`print_css: ../../themes/house/../default/print.css` is not a file in the theme folder", rules.THEME_ASSET_MISSING.hint)]
