"""The generated courses the benchmarks measure: N modules cycling through the modules of one sample course.

`make_course` is enough to check (bench_check.py); `make_project` makes it buildable, with the repository's
mkdocs.yml and links between modules that resolve (bench_build.py, bench_build_compare.py,
bench_site_engines.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
COURSES = REPO / "courses"
SOURCE_COURSE = "leg-numbness-after-back-surgery"  # the sample course the generated courses copy by default
TEMPLATE = REPO / "toolkit" / "project_template" / "courses" / "first-course"


def sample_courses() -> list[str]:
    """The ids of the sample courses in courses/."""
    return sorted(path.parent.name for path in COURSES.glob("*/course.yml"))


def source_folder(course_id: str = SOURCE_COURSE) -> Path:
    """The course folder a generated course copies: the sample course, or the scaffold's if it is not there."""
    folder = COURSES / course_id
    return folder if (folder / "course.yml").is_file() else TEMPLATE


def make_course(root: Path, modules: int, course_id: str = SOURCE_COURSE) -> Path:
    """A project with one course of ``modules`` modules, cycling through the modules of sample course ``course_id``."""
    source = source_folder(course_id)
    course = root / "courses" / "synthetic"
    shutil.copytree(source, course)
    (root / "mkdocs.yml").write_text("site_name: Benchmark\n")
    originals = sorted((course / "modules").glob("*.md"))
    texts = [p.read_text() for p in originals]
    for p in originals:
        p.unlink()
    names = []
    for i in range(modules):
        stem = originals[i % len(originals)].name.split("-", 1)[1].removesuffix(".md")
        name = f"{i + 1:03d}-{stem}-{i + 1}.md"
        text = texts[i % len(texts)]
        for original in originals:  # keep links between modules resolvable
            text = text.replace(f"({original.name}", f"({name if original == originals[i % len(originals)] else original.name}")
        (course / "modules" / name).write_text(text)
        names.append(name)
    data = yaml.safe_load((course / "course.yml").read_text())
    data["modules"] = names
    (course / "course.yml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return root


def make_project(root: Path, modules: int, course_id: str = SOURCE_COURSE) -> Path:
    """``make_course``'s course made buildable: the real mkdocs.yml, links between modules that resolve."""
    project = make_course(root, modules, course_id)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    originals = sorted((source_folder(course_id) / "modules").glob("*.md"))
    generated = module_files(project)
    for path in generated:  # make_course renames only a module's links to itself; point the others at a copy
        text = path.read_text()
        for k, original in enumerate(originals):
            if k < len(generated):
                text = text.replace(f"({original.name}", f"({generated[k].name}")
        path.write_text(text)
    return project


def module_files(project: Path) -> list[Path]:
    """The generated course's module files, in order."""
    return sorted((project / "courses" / "synthetic" / "modules").glob("*.md"))
