"""`coursekit new`: a working project, another course in one, or the next numbered module of a course."""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path

from toolkit.loader import MODULE_FILE
from toolkit.markdown_reader import slugify
from toolkit.module_template import module_text
from toolkit.site.pages import RESERVED_COURSE_IDS
from toolkit.themes import builtin_themes_folder
from toolkit.yamlsafe import load_yaml_file


class ScaffoldError(Exception):
    """What the user asked for cannot be made; the message says why."""


# A course id is its folder's name and part of its pages' addresses: lower-case words joined by hyphens.
COURSE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The example course in the starter project, which `coursekit new course` copies too.
TEMPLATE_COURSE = "first-course"


def _template_folder() -> Path:
    return Path(str(resources.files("toolkit"))) / "project_template"


def new_project(target: Path) -> Path:
    """Copy the starter project and the default theme into ``target``, which must be new or empty."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"`{target}` already exists and is not empty; choose a new folder name")
    shutil.copytree(_template_folder(), target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(builtin_themes_folder() / "default", target / "themes" / "default",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for course_file in (target / "courses").glob("*/course.yml"):
        _date_review(course_file)
    return target.resolve()


def _date_review(course_file: Path) -> None:
    """Date the starter course's review from today, so a new project never starts overdue (CK502)."""
    import datetime as dt

    from toolkit.governance import today

    reviewed = today()
    try:
        next_review = reviewed.replace(year=reviewed.year + 1)
    except ValueError:  # 29 February
        next_review = reviewed + dt.timedelta(days=365)
    text = course_file.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^reviewed: .*$", f"reviewed: {reviewed.isoformat()}", text)
    text = re.sub(r"(?m)^next_review: .*$", f"next_review: {next_review.isoformat()}", text)
    course_file.write_text(text, encoding="utf-8")


def new_course(root: Path, course_id: str, title: str) -> list[Path]:
    """Write ``courses/<course_id>/`` from the starter project's example course, with ``title``; the files written.

    Nothing is overwritten: an id already taken, one that is not a course id, or an empty title is refused.
    """
    if not COURSE_ID.fullmatch(course_id):
        raise ScaffoldError(f"`{course_id}` is not a course id: use lower-case letters, digits and single hyphens, "
                            "such as `back-care`")
    if course_id in RESERVED_COURSE_IDS:
        raise ScaffoldError(f"`{course_id}` is the name of a page or folder the course site needs; choose another id")
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("the course needs a title: coursekit new course ID \"Title\"")
    target = root / "courses" / course_id
    if target.exists() or target.is_symlink():
        raise ScaffoldError(f"`{target}` already exists; choose another course id (nothing was changed)")
    target.parent.mkdir(exist_ok=True)
    shutil.copytree(_template_folder() / "courses" / TEMPLATE_COURSE, target, ignore=shutil.ignore_patterns("__pycache__"))
    course_file = target / "course.yml"
    text = course_file.read_text(encoding="utf-8")
    # A JSON string is a YAML double-quoted string: any title is written safely.
    course_file.write_text(re.sub(r"(?m)^title: .*$", lambda _: f"title: {json.dumps(title, ensure_ascii=False)}", text, count=1),
                           encoding="utf-8")
    _date_review(course_file)
    (target / "media").mkdir()
    return sorted([p for p in target.rglob("*") if p.is_file()] + [target / "media"])


def new_module(root: Path, course_id: str, title: str) -> Path:
    """Write the course's next numbered module with its front matter filled in, and list it in `course.yml`."""
    course = root / "courses" / course_id
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", course_id) or not (course / "course.yml").is_file():
        known = sorted(p.name for p in (root / "courses").glob("*") if (p / "course.yml").is_file())
        raise ScaffoldError(f"no course `{course_id}` in {root / 'courses'}; courses here: {', '.join(known) or 'none'}")
    title = " ".join(title.split())
    slug = slugify(title).encode("ascii", "ignore").decode() or "module"
    slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-") or "module"
    modules = course / "modules"
    modules.mkdir(exist_ok=True)
    numbers = [int(m["number"]) for p in modules.glob("*.md") if (m := MODULE_FILE.match(p.name))]
    width = max([2, *(len(p.name.split("-", 1)[0]) for p in modules.glob("*.md") if MODULE_FILE.match(p.name))])
    name = f"{max(numbers, default=0) + 1:0{width}d}-{slug}.md"
    path = modules / name
    path.write_text(module_text(title), encoding="utf-8")
    _list_in_course(course / "course.yml", name)
    return path


def _list_in_course(course_file: Path, name: str) -> None:
    """Add ``name`` after the last entry of `modules:`; a course without that list orders by number."""
    located = load_yaml_file(course_file, course_file)
    listed = located.data.get("modules") or []
    if not listed:
        return
    last = located.value_loc(("modules", len(listed) - 1))
    lines = course_file.read_text(encoding="utf-8").split("\n")
    indent = lines[last.line - 1][: last.column - 3]
    lines.insert(last.line, f"{indent}- {name}")
    course_file.write_text("\n".join(lines), encoding="utf-8")
