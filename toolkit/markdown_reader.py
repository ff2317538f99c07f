"""Read a module file (front matter and Markdown) into model blocks with their lines."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from toolkit import model as m
from toolkit import rules
from toolkit.diagnostics import ContentError, Diagnostic
from toolkit.limits import Limits, size_text
from toolkit.schema import URGENCY_TIERS, ModuleMeta
from toolkit.source import SourceLoc
from toolkit.materials import item_locs
from toolkit.validate import validate_or_stand_in
from toolkit.yamlsafe import Located, load_mapping

BLOCK_NAMES = ("red-flags", "exercise", "quiz", "notes", "tip", "caution", "only")
# Names other tools use for the same blocks, suggested when an author writes them.
_OTHER_TOOLS_NAMES = {"warning": "caution", "danger": "caution", "important": "caution", "note": "notes",
                      "info": "tip", "hint": "tip", "alert": "red-flags", "redflags": "red-flags", "question": "quiz"}
_CONTAINER = "container_ck"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# `{: .class}`, `{#id}`, `{.class}`, `{key=value}`: attribute lists from other Markdown tools.
_ATTRIBUTE_LIST = re.compile(r"\{\s*(?::|#[\w-]|\.[\w-])[^{}]*\}|\{\s*[A-Za-z_][\w-]*\s*=[^{}]*\}")
_NESTING = {"bullet_list_open": 1, "ordered_list_open": 1, "blockquote_open": 1,
            "bullet_list_close": -1, "ordered_list_close": -1, "blockquote_close": -1}
_CHECKBOX = re.compile(r"^<input [^>]*type=\"checkbox\"[^>]*>$")


@dataclass(frozen=True)
class ModuleSource:
    """A module file's front matter and body, read but not yet made into a Module."""

    meta: ModuleMeta
    field_locs: dict[str, SourceLoc]
    intro: tuple[m.Block, ...]
    sections: tuple[m.Section, ...]
    diagnostics: tuple[Diagnostic, ...]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": 40})
    md.enable("table")
    md.use(front_matter_plugin)
    md.use(container_plugin, "ck", validate=lambda params, *_: True)
    md.use(tasklists_plugin)
    # Keep every link and image, even `javascript:` or `file:` ones, so the checks can name
    # their lines; renderers never see them because such content stops the build.
    md.validateLink = lambda url: True
    return md


def read_module(text: str, path: Path, limits: Limits) -> ModuleSource:
    """Parse a module's text; ``path`` is how the file is named in diagnostics."""
    origin = SourceLoc(path, 1, 1)
    if len(text.encode("utf-8")) > limits.module_bytes:
        raise ContentError([rules.FILE_TOO_LARGE.at(origin, f"the module is larger than {size_text(limits.module_bytes)}")])
    diagnostics: list[Diagnostic] = []
    located = Located({}, origin)
    has_body = True
    try:
        front = _split_front_matter(text, origin, limits)
        located = load_mapping(front, origin.at(2))
    except ContentError as error:
        diagnostics.extend(error.diagnostics)
        # Without a closing fence there is no telling where the body starts.
        has_body = not any(d.rule in (rules.FRONT_MATTER_UNCLOSED, rules.FRONT_MATTER_TOO_LARGE) for d in error.diagnostics)
    stand_ins = {"title": path.stem, "summary": path.stem, "duration": 1}
    meta, problems = validate_or_stand_in(ModuleMeta, located, stand_ins)
    diagnostics.extend(problems)
    field_locs = {str(k[0]): loc for k, loc in located.keys.items() if len(k) == 1} | item_locs(located)
    intro: tuple[m.Block, ...] = ()
    sections: tuple[m.Section, ...] = ()
    diagnostics.extend(_control_characters(text, path))
    if has_body:
        tokens = _parser().parse(text)
        diagnostics.extend(_nesting_problems(tokens, path, limits))
        reader = _BlockReader(tokens, path, diagnostics)
        intro, sections = reader.read_document()
    return ModuleSource(meta, field_locs, intro, sections, tuple(dict.fromkeys(diagnostics)))


def _split_front_matter(text: str, origin: SourceLoc, limits: Limits) -> str:
    """The front matter's text, checked for its fences and size before any YAML is parsed."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise ContentError([rules.FRONT_MATTER_MISSING.at(origin, "the first line must be `---`")])
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            front = "\n".join(lines[1:index])
            if len(front.encode("utf-8")) > limits.front_matter_bytes:
                raise ContentError([
                    rules.FRONT_MATTER_TOO_LARGE.at(origin, f"front matter is larger than {size_text(limits.front_matter_bytes)}")
                ])
            return front
    raise ContentError([rules.FRONT_MATTER_UNCLOSED.at(origin, "the `---` that opens the front matter has no closing `---`")])


def _control_characters(text: str, path: Path) -> list[Diagnostic]:
    """One diagnostic per line holding control characters (a NUL, a form feed...)."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = _CONTROL.search(line)
        if match:
            found.append(rules.CONTROL_CHARACTER.at(SourceLoc(path, number, match.start() + 1),
                                                    f"control character U+{ord(match.group()):04X} in the text"))
            if len(found) == 10:
                break
    return found


def _nesting_problems(tokens: list[Token], path: Path, limits: Limits) -> list[Diagnostic]:
    """Lists and quotes nested past the limit (markdown-it would silently drop what lies deeper)."""
    depth = 0
    deepest_level = _parser().options["maxNesting"] - 1
    for token in tokens:
        depth += _NESTING.get(token.type, 0)
        if depth > limits.list_depth or token.level >= deepest_level:
            line = token.map[0] + 1 if token.map else 1
            return [rules.NESTED_TOO_DEEP.at(SourceLoc(path, line, 1), f"lists or quotes are nested more than {limits.list_depth} deep")]
    return []


def slugify(text: str) -> str:
    """An anchor for a heading: lower-case words joined by dashes."""
    slug = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-_")
    return slug or "section"


class _BlockReader:
    """Walks markdown-it's token stream and builds model blocks."""

    def __init__(self, tokens: list[Token], path: Path, diagnostics: list[Diagnostic]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.path = path
        self.diagnostics = diagnostics
        self.anchors: set[str] = set()  # every heading's, sections' among them, in document order as the page numbers them

    def loc(self, token: Token) -> SourceLoc:
        line = token.map[0] + 1 if token.map else 0
        return SourceLoc(self.path, line, 1)

    def read_document(self) -> tuple[tuple[m.Block, ...], tuple[m.Section, ...]]:
        intro: list[m.Block] = []
        sections: list[m.Section] = []
        current: tuple[tuple[m.Inline, ...], str, SourceLoc, list[m.Block]] | None = None
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            if token.type == "front_matter":
                self.pos += 1
                continue
            if token.type == "heading_open" and token.tag in ("h1", "h2"):
                if token.tag == "h1":
                    self.diagnostics.append(rules.HEADING_LEVEL.at(self.loc(token), "`#` heading inside a module"))
                if current:
                    sections.append(m.Section(current[0], current[1], tuple(current[3]), current[2]))
                loc = self.loc(token)
                inlines = self._inlines(self.tokens[self.pos + 1], loc)
                self._attribute_lists(inlines, loc)
                self.pos += 3
                current = (inlines, self._anchor(inlines), loc, [])
                continue
            block = self.read_block()
            if block is None:
                continue
            (current[3] if current else intro).append(block)
        if current:
            sections.append(m.Section(current[0], current[1], tuple(current[3]), current[2]))
        return tuple(intro), tuple(sections)

    def _anchor(self, title: tuple[m.Inline, ...]) -> str:
        """A heading's anchor: its slug, numbered when an earlier heading of the module has it."""
        base = slugify(m.plain_text(title))
        anchor, n = base, 1
        while anchor in self.anchors:
            n += 1
            anchor = f"{base}-{n}"
        self.anchors.add(anchor)
        return anchor

    def read_until(self, close_type: str) -> tuple[list[m.Block], Token | None]:
        """Blocks up to the matching close token, which is returned (None at the end)."""
        blocks: list[m.Block] = []
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            if token.type == close_type:
                self.pos += 1
                return blocks, token
            block = self.read_block()
            if block is not None:
                blocks.append(block)
        return blocks, None

    def read_block(self) -> m.Block | None:
        token = self.tokens[self.pos]
        loc = self.loc(token)
        kind = token.type
        if kind == "paragraph_open":
            inlines = self._inlines(self.tokens[self.pos + 1], loc)
            self.pos += 3
            self._attribute_lists(inlines, loc)
            images = [i for i in inlines if not (isinstance(i, m.Text) and not i.text.strip())]
            if len(images) == 1 and isinstance(images[0], m.Image):
                return m.Figure(images[0], loc)
            return m.Paragraph(inlines, loc)
        if kind == "heading_open":
            inlines = self._inlines(self.tokens[self.pos + 1], loc)
            self._attribute_lists(inlines, loc)
            self.pos += 3
            return m.Heading(int(token.tag[1]), inlines, loc, self._anchor(inlines))
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self._list(token, loc)
        if kind == "blockquote_open":
            self.pos += 1
            blocks, _ = self.read_until("blockquote_close")
            return m.Quote(tuple(blocks), loc)
        if kind in ("fence", "code_block"):
            self.pos += 1
            return m.CodeBlock(token.content, loc)
        if kind == "html_block":
            self.pos += 1
            self.diagnostics.append(rules.RAW_HTML.at(loc, "an HTML block will be sanitised or left out"))
            return m.RawBlock(token.content, loc)
        if kind == "table_open":
            return self._table(loc)
        if kind == f"{_CONTAINER}_open":
            return self._container(token, loc)
        # hr, stray close tokens and anything else carry no content of their own.
        self.pos += 1
        return None

    def _list(self, token: Token, loc: SourceLoc) -> m.ListBlock:
        ordered = token.type == "ordered_list_open"
        close = "ordered_list_close" if ordered else "bullet_list_close"
        start = int(token.attrs.get("start", 1)) if ordered else 1
        self.pos += 1
        items: list[m.ListItem] = []
        while self.pos < len(self.tokens) and self.tokens[self.pos].type != close:
            item_token = self.tokens[self.pos]
            self.pos += 1
            blocks, _ = self.read_until("list_item_close")
            checked, blocks = _take_checkbox(blocks)
            items.append(m.ListItem(tuple(blocks), checked, self.loc(item_token)))
        self.pos += 1
        return m.ListBlock(tuple(items), ordered, start, loc)

    def _table(self, loc: SourceLoc) -> m.Table:
        header: list[tuple[m.Inline, ...]] = []
        rows: list[tuple[tuple[m.Inline, ...], ...]] = []
        row: list[tuple[m.Inline, ...]] = []
        in_head = False
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            self.pos += 1
            if token.type == "table_close":
                break
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                row = []
            elif token.type == "tr_close":
                (header.extend(row) if in_head else rows.append(tuple(row)))
            elif token.type == "inline":
                row.append(self._inlines(token, self.loc(token) if token.map else loc))
        return m.Table(tuple(header), tuple(rows), loc)

    def _container(self, token: Token, loc: SourceLoc) -> m.Block | None:
        name, _, rest = token.info.strip().partition(" ")
        rest = rest.strip()
        loc = SourceLoc(self.path, loc.line, 1)
        self.pos += 1
        blocks, close = self.read_until(f"{_CONTAINER}_close")
        if close is None or close.markup == "":
            self.diagnostics.append(rules.UNCLOSED_BLOCK.at(loc, f"`::: {name}` is opened here but never closed"))
        body = tuple(blocks)
        if name not in BLOCK_NAMES:
            suggestion = _OTHER_TOOLS_NAMES.get(name.lower()) or next(iter(difflib.get_close_matches(name, BLOCK_NAMES, n=1, cutoff=0.5)), None)
            hint = f"Did you mean `::: {suggestion}`?" if suggestion else None
            self.diagnostics.append(rules.UNKNOWN_BLOCK.at(loc, f"unknown block `::: {name}`", hint))
            return m.Quote(body, loc)
        if not body and name != "notes":
            self.diagnostics.append(rules.EMPTY_BLOCK.at(loc, f"`::: {name}` has nothing inside it"))
        if name == "red-flags":
            return self._red_flags(rest, body, loc)
        if name == "exercise":
            if not rest:
                self.diagnostics.append(rules.EXERCISE_NO_TITLE.at(loc, "`::: exercise` has no title"))
            return m.Exercise(rest, body, loc)
        if name == "quiz":
            return _quiz(body, loc)
        if name == "notes":
            return m.Notes(body, loc)
        if name in ("tip", "caution"):
            return m.Callout(name, rest, body, loc)  # type: ignore[arg-type]  # untitled: each output adds its label
        outputs = {part for part in re.split(r"[\s,]+", rest) if part}
        unknown = outputs - set(m.ONLY_TARGETS)
        if unknown or not outputs:
            named = ", ".join(f"`{u}`" for u in sorted(unknown)) or "nothing"
            self.diagnostics.append(rules.BAD_ONLY_TARGET.at(loc, f"`::: only` names {named}"))
        known = outputs & set(m.ONLY_TARGETS)
        if "handout" in known:
            known |= {"leaflet", "booklet"}
        elif known & {"leaflet", "booklet"}:
            known.add("handout")
        return m.Only(frozenset(known), body, loc)  # type: ignore[arg-type]

    def _red_flags(self, tier: str, body: tuple[m.Block, ...], loc: SourceLoc) -> m.RedFlags:
        if not tier:
            self.diagnostics.append(rules.RED_FLAGS_NO_TIER.at(loc, "`::: red-flags` names no urgency tier"))
            return m.RedFlags(body, loc)
        if tier not in URGENCY_TIERS:
            close = next(iter(difflib.get_close_matches(tier.lower().replace(" ", "-"), URGENCY_TIERS, n=1, cutoff=0.5)), None)
            self.diagnostics.append(rules.RED_FLAGS_UNKNOWN_TIER.at(
                loc, f"`::: red-flags {tier}` names the tier `{tier}`", f"Did you mean `::: red-flags {close}`?" if close else None))
            return m.RedFlags(body, loc)
        return m.RedFlags(body, loc, tier)  # type: ignore[arg-type]  # checked against URGENCY_TIERS above

    def _attribute_lists(self, inlines: tuple[m.Inline, ...], loc: SourceLoc) -> None:
        for inline in inlines:
            if isinstance(inline, m.Text) and (match := _ATTRIBUTE_LIST.search(inline.text)):
                self.diagnostics.append(rules.ATTRIBUTE_LIST.at(inline.loc, f"`{match.group()}` is shown as text, not applied"))

    def _inlines(self, token: Token, loc: SourceLoc) -> tuple[m.Inline, ...]:
        line = [loc.line]
        return tuple(self._inline_run(token.children or [], 0, None, line)[0])

    def _inline_run(self, children: list[Token], pos: int, close: str | None, line: list[int]) -> tuple[list[m.Inline], int]:
        out: list[m.Inline] = []
        while pos < len(children):
            child = children[pos]
            here = SourceLoc(self.path, line[0], 1)
            pos += 1
            kind = child.type
            if kind == close:
                return out, pos
            if kind == "text":
                out.append(m.Text(child.content, here))
            elif kind == "code_inline":
                out.append(m.Code(child.content, here))
            elif kind in ("softbreak", "hardbreak"):
                out.append(m.Break(kind == "hardbreak", here))
                line[0] += 1
            elif kind == "image":
                out.append(m.Image(str(child.attrs.get("src", "")), child.content, str(child.attrs.get("title", "") or ""), here))
            elif kind == "html_inline":
                if not _CHECKBOX.match(child.content):
                    self.diagnostics.append(rules.RAW_HTML.at(here, "inline HTML will be sanitised or left out"))
                out.append(m.RawInline(child.content, here))
            elif kind in ("strong_open", "em_open", "link_open"):
                inner, pos = self._inline_run(children, pos, kind.replace("_open", "_close"), line)
                if kind == "strong_open":
                    out.append(m.Strong(tuple(inner), here))
                elif kind == "em_open":
                    out.append(m.Emph(tuple(inner), here))
                else:
                    out.append(m.Link(str(child.attrs.get("href", "")), tuple(inner), here))
        return out, pos


def _take_checkbox(blocks: list[m.Block]) -> tuple[bool | None, list[m.Block]]:
    """A task-list item's tick state, with the checkbox taken out of its text."""
    if not blocks or not isinstance(blocks[0], m.Paragraph):
        return None, blocks
    first = blocks[0]
    inlines = first.inlines
    if not inlines or not isinstance(inlines[0], m.RawInline) or not _CHECKBOX.match(inlines[0].html):
        return None, blocks
    checked = "checked" in inlines[0].html
    rest = list(inlines[1:])
    if rest and isinstance(rest[0], m.Text):
        rest[0] = m.Text(rest[0].text.lstrip(), rest[0].loc)
    return checked, [m.Paragraph(tuple(rest), first.loc), *blocks[1:]]


def _quiz(body: tuple[m.Block, ...], loc: SourceLoc) -> m.Quiz:
    """A quiz: its first paragraph asks, its task list offers, the rest explains."""
    question: tuple[m.Inline, ...] = ()
    options: list[m.QuizOption] = []
    explanation: list[m.Block] = []
    for block in body:
        if not question and not options and isinstance(block, m.Paragraph):
            question = block.inlines
        elif not options and isinstance(block, m.ListBlock) and any(i.checked is not None for i in block.items):
            for item in block.items:
                inlines = item.blocks[0].inlines if item.blocks and isinstance(item.blocks[0], m.Paragraph) else ()
                options.append(m.QuizOption(inlines, bool(item.checked), item.loc))
        else:
            explanation.append(block)
    return m.Quiz(question, tuple(options), tuple(explanation), loc)
