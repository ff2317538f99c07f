"""Gather a project from disk into the course model, collecting every problem on the way."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from toolkit import rules
from toolkit.diagnostics import ContentError, Diagnostic, Diagnostics
from toolkit.limits import YAML_FILE_BYTES, Limits, size_text
from toolkit.markdown_reader import read_module
from toolkit.materials import item_locs
from toolkit.model import Course, GlossaryEntry, Module, Project, Theme
from toolkit.schema import CourseMeta, GlossaryEntryMeta, GlossaryValue
from toolkit.source import SourceLoc
from toolkit.themes import builtin_themes_folder, load_theme
from toolkit.validate import validate, validate_or_stand_in
from toolkit.yamlsafe import Located, load_yaml_file, read_text

from pydantic import TypeAdapter

MODULE_FILE = re.compile(r"^(?P<number>\d{1,3})-(?P<id>[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)\.md$")
_GLOSSARY_VALUE = TypeAdapter(GlossaryValue)


def load_project(root: Path, limits: Limits | None = None, course_ids: tuple[str, ...] = ()) -> tuple[Project, Diagnostics]:
    """Every course under ``root/courses`` (or only ``course_ids``), and every problem found reading them.

    ``limits`` overrides each course's own `limits:` setting.
    """
    from toolkit.site.address import read_site_address

    root = root.resolve()
    diagnostics = Diagnostics()
    courses = []
    frames = read_course_frames(root, limits, course_ids, diagnostics)
    for frame in frames:
        diagnostics.extend(frame.found)
        modules = tuple(m for m in (load_module(root, path, frame.limits, diagnostics) for path in frame.module_paths) if m)
        if frame.theme is not None:
            courses.append(frame.course(modules))
    site, problems = read_site_address(root, [frame for frame in frames if frame.theme is not None])
    diagnostics.extend(problems)
    return Project(root, tuple(courses), site), diagnostics


@dataclass(frozen=True)
class CourseFrame:
    """A course read up to its module files: everything but the modules, and which files to read, in order."""

    folder: Path
    meta: CourseMeta
    glossary: tuple[GlossaryEntry, ...]
    theme: Theme | None  # None: the course cannot be checked, only its files read
    origin: SourceLoc
    field_locs: dict[str, SourceLoc]
    limits: Limits
    module_paths: tuple[Path, ...]
    found: tuple[Diagnostic, ...]  # problems reading it so far, to report before its modules'

    def course(self, modules: tuple[Module, ...]) -> Course:
        """The course with these modules (read from ``module_paths``)."""
        assert self.theme is not None
        return Course(self.folder.name, self.folder, self.meta, self.glossary, modules, self.theme, self.origin,
                      self.field_locs, self.limits)


def read_course_frames(root: Path, limits: Limits | None, course_ids: tuple[str, ...],
                       diagnostics: Diagnostics) -> list[CourseFrame]:
    """Every course under ``root/courses`` (or only ``course_ids``) read up to its module files.

    ``diagnostics`` gets only the project's own problems; each course's are in its ``found``.
    """
    themes: dict[str, Theme | None] = {}
    folders = course_folders(root)
    if course_ids:
        folders = [f for f in folders if f.name in course_ids]
    if not folders:
        diagnostics.add(rules.NO_COURSES.at(SourceLoc(Path("courses")), "no folder in `courses/` has a `course.yml`"))
    return [_read_course_frame(root, folder, limits, themes) for folder in folders]


def course_folders(root: Path) -> list[Path]:
    """The project's courses: each folder under ``root/courses`` that holds a `course.yml`, by name."""
    courses_dir = root / "courses"
    return sorted(p for p in courses_dir.iterdir() if (p / "course.yml").is_file()) if courses_dir.is_dir() else []


def shown_path(path: Path, root: Path) -> Path:
    """A path as diagnostics show it: relative to the project."""
    try:
        return path.relative_to(root)
    except ValueError:
        return path


def _read_course_frame(root: Path, folder: Path, override: Limits | None, themes: dict[str, Theme | None]) -> CourseFrame:
    """One course up to its module files; ``themes`` holds the themes read so far, each checked once."""
    diagnostics = Diagnostics()
    course_file = folder / "course.yml"
    origin = SourceLoc(shown_path(course_file, root), 1, 1)
    located = _read_yaml(course_file, origin, diagnostics)
    meta, problems = validate_or_stand_in(CourseMeta, located or Located({}, origin), {"title": folder.name})
    diagnostics.extend(problems)
    limits = override or meta.limits
    if meta.theme not in themes:  # a theme shared by several courses is checked once
        theme_loc = located.value_loc(("theme",)) if located else origin
        themes[meta.theme], problems = load_theme(meta.theme, root, theme_loc)
        diagnostics.extend(problems)
    theme = themes[meta.theme] or _stand_in_theme(root)
    glossary = _load_glossary(root, folder / "glossary.yml", diagnostics)
    module_paths = _module_paths(root, folder, meta, located, diagnostics)
    field_locs = {str(k[0]): loc for k, loc in located.keys.items() if len(k) == 1} | item_locs(located) if located else {}
    return CourseFrame(folder, meta, glossary, theme, origin, field_locs, limits, module_paths, tuple(diagnostics))


def _stand_in_theme(root: Path) -> Theme | None:
    """The built-in default theme, so a course whose own theme is broken can still be checked."""
    theme, _ = load_theme("default", builtin_themes_folder().parent, SourceLoc(Path("theme.yml")))
    return theme


def _read_yaml(path: Path, origin: SourceLoc, diagnostics: Diagnostics) -> Located | None:
    """A YAML mapping file with positions, or None when it cannot be read."""
    try:
        if path.stat().st_size > YAML_FILE_BYTES:
            raise ContentError([rules.FILE_TOO_LARGE.at(origin, f"the file is larger than {size_text(YAML_FILE_BYTES)}")])
        return load_yaml_file(path, origin.path)
    except ContentError as error:
        diagnostics.extend(error.diagnostics)
        return None


def _load_glossary(root: Path, path: Path, diagnostics: Diagnostics) -> tuple[GlossaryEntry, ...]:
    if not path.is_file():
        return ()
    located = _read_yaml(path, SourceLoc(shown_path(path, root), 1, 1), diagnostics)
    if located is None:
        return ()
    entries = []
    for term, value in located.data.items():
        sub = Located(value, located.value_loc((term,)),
                      {k[1:]: v for k, v in located.values.items() if k[:1] == (term,)},
                      {k[1:]: v for k, v in located.keys.items() if k[:1] == (term,)})
        try:
            parsed = _GLOSSARY_VALUE.validate_python(value)
        except Exception:
            if isinstance(value, dict):
                _, problems = validate(GlossaryEntryMeta, sub)
                diagnostics.extend(problems)
            else:
                diagnostics.add(rules.WRONG_TYPE.at(sub.origin, f"`{term}`: expected a plain-language definition, got {'nothing' if value is None else 'a list' if isinstance(value, list) else repr(value)}"))
            continue
        if isinstance(parsed, GlossaryEntryMeta):
            entries.append(GlossaryEntry(term, parsed.definition, tuple(parsed.also), located.key_loc((term,))))
        else:
            entries.append(GlossaryEntry(term, parsed, (), located.key_loc((term,))))
    return tuple(entries)


def _module_paths(root: Path, folder: Path, meta: CourseMeta, located: Located | None,
                  diagnostics: Diagnostics) -> tuple[Path, ...]:
    """The module files to read, in course order, after checking their names, listing and ids."""
    modules_dir = folder / "modules"
    files = sorted(p for p in modules_dir.iterdir() if p.suffix == ".md") if modules_dir.is_dir() else []
    by_name: dict[str, Path] = {}
    for path in files:
        shown = shown_path(path, root)
        if path.is_symlink() or not path.is_file():
            diagnostics.add(rules.PATH_NOT_REGULAR.at(SourceLoc(shown, 1, 1), "a module must be an ordinary file, not a link or folder"))
            continue
        if not MODULE_FILE.match(path.name):
            diagnostics.add(rules.MODULE_FILE_NAME.at(SourceLoc(shown, 1, 1), f"`{path.name}` does not follow the pattern"))
            continue
        by_name[path.name] = path
    ordered = _module_order(root, folder, by_name, meta, located, diagnostics)
    _check_ids(root, sorted(by_name.values()), diagnostics)
    if not by_name:  # then no module is read: this stays the course's last loading finding
        diagnostics.add(rules.NO_MODULES.at(SourceLoc(shown_path(folder / "course.yml", root), 1, 1), "`modules/` holds no module files"))
    return tuple(ordered)


def load_module(root: Path, path: Path, limits: Limits, diagnostics: Diagnostics | list[Diagnostic]) -> Module | None:
    """One module file (already checked to be a regular, well-named file), or None when it cannot be read."""
    match = MODULE_FILE.match(path.name)
    assert match
    shown = shown_path(path, root)
    origin = SourceLoc(shown, 1, 1)
    try:
        source = read_module(read_text(path, origin), shown, limits)
    except ContentError as error:
        diagnostics.extend(error.diagnostics)
        return None
    diagnostics.extend(source.diagnostics)
    return Module(match["id"], int(match["number"]), path, source.meta, source.intro,
                  source.sections, origin, source.field_locs)


def _module_order(root: Path, folder: Path, by_name: dict[str, Path], meta: CourseMeta,
                  located: Located | None, diagnostics: Diagnostics) -> list[Path]:
    """Modules in course order: as `course.yml` lists them, else by number."""
    if located is None or not meta.modules:
        return sorted(by_name.values(), key=lambda p: (int(MODULE_FILE.match(p.name)["number"]), p.name))  # type: ignore[index]
    ordered: list[Path] = []
    seen: set[str] = set()
    for index, name in enumerate(meta.modules):
        loc = located.value_loc(("modules", index))
        if name in seen:
            diagnostics.add(rules.MODULE_LISTED_TWICE.at(loc, f"`{name}` is listed more than once"))
            continue
        seen.add(name)
        if name not in by_name:
            near = _nearest_module_file(name, by_name, meta.modules)
            hint = f"Did you mean `{near}`?" if near else None
            diagnostics.add(rules.MODULE_NOT_FOUND.at(loc, f"`modules/{name}` does not exist", hint))
            continue
        ordered.append(by_name[name])
    for name, path in sorted(by_name.items()):
        if name not in seen:
            diagnostics.add(rules.MODULE_NOT_LISTED.at(SourceLoc(shown_path(path, root), 1, 1), f"`{name}` is not in `modules:` of `course.yml`"))
    previous = None
    counted: set[str] = set()
    for index, name in enumerate(meta.modules):
        if name in counted or name not in by_name or (match := MODULE_FILE.match(name)) is None:
            continue
        counted.add(name)
        number = int(match["number"])
        if previous is not None and number <= previous[0]:
            diagnostics.add(rules.MODULE_ORDER.at(
                located.value_loc(("modules", index)),
                f"`{name}` (number {number}) comes after `{previous[1]}` (number {previous[0]})",
            ))
        previous = (number, name)
    return ordered


def _nearest_module_file(name: str, files: dict[str, Path], listed: list[str] | tuple[str, ...]) -> str | None:
    """The module file ``name`` most likely means: the same name but for case or number, else the closest
    spelling, a file that `modules:` does not list yet first."""
    same = [n for n in sorted(files) if n.lower() == name.lower() or n.split("-", 1)[-1] == name.split("-", 1)[-1]]
    if same:
        return same[0]
    unlisted = sorted(n for n in files if n not in listed)
    for candidates in (unlisted, sorted(files)):
        close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.8)
        if close:
            return close[0]
    return None


def _check_ids(root: Path, paths: list[Path], diagnostics: Diagnostics) -> None:
    """Module ids must be unique, even when case is ignored."""
    seen: dict[str, Path] = {}
    for path in paths:
        module_id = MODULE_FILE.match(path.name)["id"]  # type: ignore[index]
        other = seen.get(module_id.lower())
        if other is None:
            seen[module_id.lower()] = path
            continue
        other_id = MODULE_FILE.match(other.name)["id"]  # type: ignore[index]
        rule = rules.DUPLICATE_MODULE_ID if other_id == module_id else rules.MODULE_ID_CASE
        diagnostics.add(rule.at(SourceLoc(shown_path(path, root), 1, 1), f"id `{module_id}` clashes with `{other.name}`"))
