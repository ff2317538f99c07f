"""The site's address: read from mkdocs.yml as MkDocs reads it, and an old `site_url` in course.yml."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import COURSE_YML, MODULE, ProjectFactory
from toolkit.check import check_files, run_check
from toolkit.cli import cli
from toolkit.model import SiteAddress
from toolkit.site.address import course_url, module_url, page_address
from toolkit.source import SourceLoc

OLD = COURSE_YML + "site_url: https://example.org/small/\n"
OLD_LINE = COURSE_YML.count("\n") + 1  # where make_project's course.yml has it


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_the_address_in_mkdocs_yml_makes_every_page_address(make_project: ProjectFactory) -> None:
    root = make_project(mkdocs_yml="site_name: Test\nsite_url: https://example.org/learn\n")
    result = run_check(root)
    project, course = result.project, result.project.courses[0]
    # MkDocs keeps a site's address as a folder: with its `/`.
    assert project.site == SiteAddress("https://example.org/learn/", SourceLoc(Path("mkdocs.yml"), 2, 11), True)
    assert module_url(project, course, course.modules[0]) == "https://example.org/learn/small/keep-moving/"
    assert course_url(project, course) == "https://example.org/learn/"  # one course: its home is the site's root
    assert not [d for d in result.diagnostics if d.code in ("CK708", "CK709")]


def test_page_addresses_follow_use_directory_urls(make_project: ProjectFactory) -> None:
    root = make_project(mkdocs_yml="site_name: Test\nsite_url: https://example.org/\nuse_directory_urls: false\n")
    project = run_check(root).project
    course = project.courses[0]
    assert module_url(project, course, course.modules[0]) == "https://example.org/small/keep-moving.html"
    assert course_url(project, course) == "https://example.org/index.html"
    assert page_address("small/index.md") == "small/" and page_address("index.md") == ""


def test_env_inherit_and_python_tags_are_read_as_mkdocs_reads_them_without_running_anything(
        make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    config = ("INHERIT: base.yml\nsite_name: Test\n"
              "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:not_a_module_at_all.index\n")
    root = make_project(mkdocs_yml=config)
    (root / "base.yml").write_text("site_url: !ENV [COURSEKIT_TEST_SITE, 'https://fallback.example.org/']\n")
    monkeypatch.setenv("COURSEKIT_TEST_SITE", "https://env.example.org/site/")
    site = run_check(root).project.site
    assert site.url == "https://env.example.org/site/" and site.loc == SourceLoc(Path("base.yml"), 1, 11)
    assert "not_a_module_at_all" not in sys.modules
    monkeypatch.delenv("COURSEKIT_TEST_SITE")
    assert run_check(root).project.site.url == "https://fallback.example.org/"


def test_an_old_site_url_in_course_yml_is_used_in_a_one_course_site_with_a_warning(make_project: ProjectFactory) -> None:
    root = make_project(course_yml=OLD)
    code, output = run("check", str(root))
    assert code == 0
    assert (f"courses/small/course.yml:{OLD_LINE}:1: warning[CK708]: `site_url` belongs in mkdocs.yml now; "
            "it is used as the site's address until it is moved\n"
            "  hint: Move the line to `mkdocs.yml` (`site_url: https://example.org/small/`) and delete it from `course.yml`.\n"
            ) in output
    project = run_check(root).project
    course = project.courses[0]
    # Its documented meaning, the course's address, is the site's root in a site of one course.
    assert course_url(project, course) == "https://example.org/small/"
    assert module_url(project, course, course.modules[0]) == "https://example.org/small/small/keep-moving/"
    code, output = run("check", "--strict", str(root))
    assert code == 1 and "error[CK708]" in output


def test_an_old_site_url_beside_one_in_mkdocs_yml_is_not_used(make_project: ProjectFactory) -> None:
    root = make_project(course_yml=OLD, mkdocs_yml="site_name: Test\nsite_url: https://example.org/learn/\n")
    code, output = run("check", str(root))
    assert code == 0
    assert (f"courses/small/course.yml:{OLD_LINE}:1: warning[CK708]: `site_url` in `course.yml` is not used: "
            "the site's address is `site_url` in mkdocs.yml\n") in output
    assert run_check(root).project.site.url == "https://example.org/learn/"


def test_old_site_urls_in_a_site_of_several_courses_are_not_used(make_project: ProjectFactory) -> None:
    root = make_project(course_yml=OLD)
    other = root / "courses" / "other"
    (other / "modules").mkdir(parents=True)
    (other / "course.yml").write_text(textwrap.dedent(COURSE_YML) + "site_url: https://example.org/other/\n")
    (other / "modules" / "01-keep-moving.md").write_text(textwrap.dedent(MODULE))
    result = run_check(root)
    assert result.project.site.url is None
    old = [d for d in result.diagnostics if d.code == "CK708"]
    assert [d.loc.display() for d in old] == [f"courses/other/course.yml:{OLD_LINE}:1", f"courses/small/course.yml:{OLD_LINE}:1"]
    assert all("a site of several courses has one address" in d.message for d in old)
    # `coursekit check` (modules checked in workers) reports the same.
    assert [d.format() for d in check_files(root, jobs=2) if d.code == "CK708"] == [d.format() for d in old]


def test_a_site_url_that_is_not_a_web_address_is_a_located_error(make_project: ProjectFactory) -> None:
    root = make_project(course_yml=OLD, mkdocs_yml="site_name: Test\nsite_url: example.org/courses/\n")
    code, output = run("check", str(root))
    assert code == 1
    assert ("mkdocs.yml:2:11: error[CK709]: `site_url: example.org/courses/` is not a web address, "
            "so no QR code can lead to the site\n"
            "  hint: Write the site's public address in full, starting with `https://`, "
            "for example `site_url: https://example.org/courses/`.\n") in output
    assert run_check(root).project.site.url is None  # nor is the old one in course.yml used instead


def test_without_any_address_the_build_says_so_once_at_mkdocs_yml(make_project: ProjectFactory, tmp_path: Path) -> None:
    from toolkit.build import BuildSettings, run_build

    root = make_project()
    result = run_build(root, BuildSettings(out=tmp_path / "out", only=("slides",)))
    assert result.ok
    assert [d.format() for d in result.diagnostics if d.code == "CK745"] == [
        "mkdocs.yml: warning[CK745]: the site has no address (`site_url` in mkdocs.yml), so the workshop deck's "
        "closing slide has no QR code\n"
        "  hint: Add `site_url: https://...` to `mkdocs.yml` with the public address of the course site."]
