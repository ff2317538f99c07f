"""Red-flag coverage: every warning sign `course.yml` requires must be in some red-flags block."""

from __future__ import annotations

from tests.conftest import COURSE_YML, FIXTURES, MODULE, ProjectFactory
from toolkit import model as m
from toolkit.check import run_check
from toolkit.loader import load_project
from toolkit.plain_language.analysis import analyse
from toolkit.warning_signs import course_red_flags, module_red_flags

REQUIRED = COURSE_YML + """\
red_flags:
  - sign: Bladder control
    phrases: [control your bladder]
  - sign: Saddle numbness
    phrases: [Numb Between Your Legs, saddle]
"""


def found(root) -> list[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    return [(d.code, d.loc.path.as_posix(), d.loc.line) for d in run_check(root).diagnostics.sorted()]


def test_an_uncovered_sign_is_an_error_at_its_line_in_course_yml() -> None:
    diagnostics = list(run_check(FIXTURES / "red-flags-uncovered").diagnostics)
    assert [(d.code, d.loc.path.as_posix(), d.loc.line, d.severity.value) for d in diagnostics] == [
        ("CK510", "courses/numb-legs/course.yml", 21, "error")]
    assert diagnostics[0].message == ("the warning sign “Weakness in both legs” is in no `red-flags` block "
                                      "(looked for “both legs”, “both of your legs”)")


def test_phrases_match_any_case_and_spacing_inside_red_flags_blocks_only(make_project: ProjectFactory) -> None:
    # The baseline module covers the bladder; "numb between your legs" appears only in ordinary text and notes.
    text = MODULE.replace("Walk a little each day.", "Walk a little each day. Tell us if you feel numb between your legs.\n\n"
                          "::: notes\nAsk about feeling numb between your legs.\n:::")
    root = make_project(course_yml=REQUIRED, modules={"01-keep-moving.md": text})
    assert found(root) == [("CK510", "courses/small/course.yml", 20)]
    covered = MODULE.replace("- You cannot control your bladder", "- You cannot CONTROL your\n  bladder\n- You feel numb between\n  your legs")
    root = make_project(course_yml=REQUIRED, modules={"01-keep-moving.md": covered})
    assert found(root) == []


def test_coverage_per_module(make_project: ProjectFactory) -> None:
    other = MODULE.replace("- You cannot control your bladder", "- Your saddle area feels numb")
    root = make_project(course_yml=REQUIRED, modules={"01-keep-moving.md": MODULE, "02-more.md": other})
    project, _ = load_project(root)
    analysis = analyse(project.courses[0])
    assert [(c.sign, c.covered_by) for c in analysis.red_flags] == [
        ("Bladder control", ("keep-moving",)), ("Saddle numbness", ("more",))]
    assert analysis.signs_covered_by("more") == ["Saddle numbness"]


SAME_DAY_BLOCK = "\n::: red-flags same-day\n- A red, hot wound\n:::\n"
URGENCY = """\
urgency:
  same-day:
    title: Call your team today if you have this
    action: Call the clinic on 01632 960000 today.
"""
TIERED = COURSE_YML + URGENCY + """\
red_flags:
  - sign: Bladder control
    phrases: [control your bladder]
    tier: at-once
  - sign: Wound infection
    phrases: [wound]
    tier: same-day
"""


def test_a_block_without_a_tier_warns_and_counts_as_at_once(make_project: ProjectFactory) -> None:
    root = make_project(modules={"01-keep-moving.md": MODULE.replace("::: red-flags at-once", "::: red-flags")})
    (diagnostic,) = run_check(root).diagnostics
    assert (diagnostic.code, diagnostic.loc.line, diagnostic.severity.value) == ("CK511", 19, "warning")
    assert diagnostic.message == "`::: red-flags` names no urgency tier"
    project, _ = load_project(root)
    (block,) = [b for b in project.courses[0].modules[0].blocks() if b.__class__.__name__ == "RedFlags"]
    assert block.tier == "at-once" and block.named_tier is None


def test_an_unknown_tier_is_an_error_that_suggests_the_nearest(make_project: ProjectFactory) -> None:
    root = make_project(modules={"01-keep-moving.md": MODULE.replace("::: red-flags at-once", "::: red-flags same day")})
    diagnostics = [d for d in run_check(root).diagnostics if d.code == "CK512"]
    assert [(d.loc.line, d.message, d.hint) for d in diagnostics] == [
        (19, "`::: red-flags same day` names the tier `same day`", "Did you mean `::: red-flags same-day`?")]


def test_a_tier_without_words_in_course_yml_is_an_error_at_the_block(make_project: ProjectFactory) -> None:
    root = make_project(modules={"01-keep-moving.md": MODULE + SAME_DAY_BLOCK})
    assert found(root) == [("CK513", "courses/small/modules/01-keep-moving.md", 23)]
    # With words for it, the same block is fine; at-once borrows the emergency line.
    root = make_project(course_yml=COURSE_YML + URGENCY, modules={"01-keep-moving.md": MODULE + SAME_DAY_BLOCK})
    assert found(root) == []
    project, _ = load_project(root)
    course = project.courses[0]
    assert course.urgency("at-once").action == "Call 999 now." and course.urgency("at-once").call == "999"  # type: ignore[union-attr]
    assert course.urgency("soon") is None


def test_a_sign_only_in_a_block_of_another_tier_is_an_error(make_project: ProjectFactory) -> None:
    wrong = MODULE.replace("- You cannot control your bladder", "- You cannot control your bladder\n- A red, hot wound")
    root = make_project(course_yml=TIERED, modules={"01-keep-moving.md": wrong})
    assert found(root) == [("CK514", "courses/small/course.yml", 25)]
    (diagnostic,) = run_check(root).diagnostics
    assert diagnostic.message == ("the warning sign “Wound infection” has `tier: same-day`, but only blocks of another "
                                  "tier mention it (in keep-moving)")
    root = make_project(course_yml=TIERED, modules={"01-keep-moving.md": MODULE + SAME_DAY_BLOCK})
    assert found(root) == []
    analysis = analyse(load_project(root)[0].courses[0])
    assert [(c.sign, c.tier, c.in_tier) for c in analysis.red_flags] == [
        ("Bladder control", "at-once", ("keep-moving",)), ("Wound infection", "same-day", ("keep-moving",))]


URGENCY_ALL = URGENCY + """\
  soon:
    title: See your doctor soon if you have this
    action: Ask your GP for an appointment this week.
"""
FRONT = MODULE[:MODULE.index("## Why")]
PER_OUTPUT = FRONT + """\
:::: only slides
::: red-flags at-once
- Slides, before the first section
:::
::::

## Why moving helps you

Walk a little each day.

:::: only handout
::: red-flags same-day
- Handouts only
:::
::::

::::: only site, slides
:::: only slides
::: red-flags soon
- Slides, inside the site's and the slides' block
:::
::::
:::::

::: red-flags at-once
- Everywhere: you cannot control your bladder
:::

## Why rest helps too

:::: only site
::: red-flags same-day
- The site, in the second section
:::
::::
"""


def signs(blocks: tuple[m.RedFlags, ...]) -> list[str]:
    """The first sign each block lists."""
    return [next(m.plain_text(b.inlines) for b in m.walk_blocks(block.blocks) if isinstance(b, m.Paragraph))
            for block in blocks]


def test_each_output_shows_the_warning_signs_its_only_blocks_let_through_in_the_modules_order(make_project: ProjectFactory) -> None:
    root = make_project(course_yml=COURSE_YML + URGENCY_ALL, modules={"01-keep-moving.md": PER_OUTPUT})
    result = run_check(root)
    assert [d.format() for d in result.diagnostics] == []
    (module,) = result.project.courses[0].modules
    assert signs(module_red_flags(module, "slides")) == [
        "Slides, before the first section", "Slides, inside the site's and the slides' block",
        "Everywhere: you cannot control your bladder"]
    assert signs(module_red_flags(module, "site")) == [
        "Everywhere: you cannot control your bladder", "The site, in the second section"]
    # The handouts (the leaflet and the booklet) are what a caller gets when it names no output.
    assert signs(module_red_flags(module, "handout")) == ["Handouts only", "Everywhere: you cannot control your bladder"]
    assert signs(module_red_flags(module)) == ["Handouts only", "Everywhere: you cannot control your bladder"]


def test_the_course_s_warning_signs_come_from_the_first_module_that_shows_some_in_that_output(make_project: ProjectFactory) -> None:
    site_only = MODULE.replace("::: red-flags at-once\n- You cannot control your bladder\n:::\n",
                               ":::: only site\n::: red-flags at-once\n- On the site: you cannot control your bladder\n:::\n::::\n")
    handouts = MODULE.replace("::: red-flags at-once\n- You cannot control your bladder\n:::\n",
                              ":::: only leaflet\n::: red-flags at-once\n- In print: you cannot control your bladder\n:::\n::::\n") + (
        "\n::: red-flags same-day\n- A red, hot wound\n:::\n\n::: red-flags at-once\n- A second at-once block\n:::\n")
    root = make_project(course_yml=COURSE_YML + URGENCY_ALL, modules={"01-keep-moving.md": site_only, "02-more.md": handouts})
    course = run_check(root).project.courses[0]
    flags, source = course_red_flags(course, "site")
    assert (signs(flags), source.id if source else None) == (["On the site: you cannot control your bladder"], "keep-moving")
    # The first block of each tier, in the module's order; the handouts' are the default (`only leaflet` is a handout).
    flags, source = course_red_flags(course)
    assert (signs(flags), source.id if source else None) == (
        ["In print: you cannot control your bladder", "A red, hot wound"], "more")
    flags, source = course_red_flags(course, "slides")
    assert (signs(flags), source.id if source else None) == (["A red, hot wound", "A second at-once block"], "more")
    no_flags = MODULE.replace("::: red-flags at-once\n- You cannot control your bladder\n:::\n", "")
    (root / "courses/small/modules/02-more.md").unlink()
    root = make_project(modules={"01-keep-moving.md": no_flags})
    assert course_red_flags(run_check(root).project.courses[0], "site") == ((), None)
