"""Mutation testing of the modules that carry coursekit's promises (`make mutate`), with mutmut.

Each target is one module and the fast tests that cover it. mutmut runs each target in a folder of its own,
.mutmut/<target>/ (links to the project's files, and a pyproject.toml whose [tool.mutmut] names the module and
its tests), so a mutant of the module runs only those tests, and each target keeps its results for the next run.
Then, per module: the mutants killed, survived (a test reached the code and passed), untested (no selected test
reaches the function), timed out, and the score, the share of mutants the tests caught (killed or timed out).
``--survivors FILE`` lists every mutant the tests missed, at its file and line, with the change.

A mutant that no test can catch, because it does not change what the module does (an equivalent mutant), is
judged so in scripts/mutation_harmless.toml, by its module and its change as the survivors list gives it, with
the reason. It leaves the score's count: the score is caught / (checked - judged harmless).

    python scripts/mutation_report.py run [TARGET ...]      run mutmut, then report
    python scripts/mutation_report.py run TARGET --again FILE   test again only the mutants FILE lists
    python scripts/mutation_report.py report [TARGET ...]   report the last run's results
    python scripts/mutation_report.py harmless              the judged-harmless mutants as the README lists them
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / ".mutmut"
HARMLESS = REPO / "scripts" / "mutation_harmless.toml"
# What the tests read besides the package and the tests themselves (mutmut copies both on its own).
PROJECT_FILES = ("toolkit", "tests", "themes", "courses", "docs", "benchmarks", "scripts", "mkdocs.yml")
# The order is fixed (no pytest-randomly), so a mutant's verdict does not change with the seed.
PYTEST_ARGS = ("-p", "no:randomly", "-p", "no:cacheprovider", "-m", "not slow and not browser")
CAUGHT = ("killed", "timeout")
MISSED = ("survived", "no tests")


@dataclass(frozen=True)
class Target:
    module: str  # the file, relative to the repository
    tests: tuple[str, ...]  # pytest arguments that select the fast tests covering it


TARGETS = {
    "output": Target("toolkit/output.py", ("tests/test_build_output.py",)),
    "sanitiser": Target("toolkit/render_html.py", (
        "tests/test_render_html.py",
        "tests/test_fuzz.py::test_sanitised_html_keeps_only_the_allowed_tags_attributes_and_addresses",
        "tests/test_fuzz.py::test_typed_html_in_a_paragraph_or_a_block_keeps_only_the_allowed_markup",
        "tests/test_site.py::test_sanitize_removes_and_reports_each_piece",
        "tests/test_site.py::test_sanitize_reports_the_line_inside_a_block",
        "tests/test_site.py::test_sanitize_keeps_safe_markup",
        "tests/test_site.py::test_text_is_escaped_and_attribute_syntax_stays_text",
        "tests/test_site.py::test_inline_html_is_sanitised_with_the_trusted_markup_around_it",
        "tests/test_site.py::test_links_to_modules_are_rewritten_and_unsafe_links_dropped",
        "tests/test_site.py::test_notes_are_never_shown_and_only_blocks_follow_the_output",
        "tests/test_site.py::test_red_flags_are_an_open_alert_of_their_tier_with_its_action",
        "tests/test_site.py::test_printed_red_flags_do_not_repeat_a_number_the_action_already_gives",
        "tests/test_site.py::test_quiz_is_interactive_with_an_answer_that_works_without_javascript",
        "tests/test_site.py::test_a_quiz_with_several_right_answers_uses_tick_boxes",
        "tests/test_site.py::test_glossary_terms_are_defined_at_first_use_only",
        "tests/test_site.py::test_hostile_module_builds_with_nothing_executable",
        "tests/test_site.py::test_hostile_module_reports_each_removal",
        "tests/test_site.py::test_a_hostile_site_url_cannot_break_out_of_an_attribute",
    )),
    "slide-fitter": Target("toolkit/slides/fitter.py", ("tests/test_slides_plan.py", "tests/test_slides_fitter.py")),
    "slide-plan": Target("toolkit/slides/plan.py", (
        "tests/test_slides_plan.py", "tests/test_slides_planning.py", "tests/test_labels.py")),
    # Read from the plans: test_deck_message.py, which writes and reads .pptx decks, would add seconds to
    # every surviving mutant of a module it reaches only through the planner.
    "slide-sections": Target("toolkit/slides/section_slides.py", (
        "tests/test_slides_plan.py", "tests/test_slides_planning.py", "tests/test_slides_split_notes.py",
        "tests/test_slides_blocks.py")),
    "slide-blocks": Target("toolkit/slides/block_slides.py", (
        "tests/test_slides_plan.py", "tests/test_slides_planning.py", "tests/test_slides_split_notes.py",
        "tests/test_deck_message.py", "tests/test_red_flags.py", "tests/test_slides_blocks.py")),
    "cache": Target("toolkit/cache.py", ("tests/test_build_incremental.py",)),
    "uptodate": Target("toolkit/uptodate.py", ("tests/test_build_uptodate.py",)),
    "warning-signs": Target("toolkit/warning_signs.py", (
        "tests/test_red_flags.py", "tests/test_handouts_plan.py", "tests/test_deck_message.py",
        "tests/test_site.py::test_red_flags_are_an_open_alert_of_their_tier_with_its_action",
        "tests/test_site.py::test_printed_red_flags_do_not_repeat_a_number_the_action_already_gives",
    )),
    "handout-plan": Target("toolkit/handouts/plan.py", ("tests/test_handouts_plan.py", "tests/test_materials.py")),
    "leaflet-fit": Target("toolkit/handouts/leaflet_fit.py", ("tests/test_leaflet_fit.py",)),
    "themes": Target("toolkit/themes.py", (
        "tests/test_themes.py",
        *(f"tests/test_rules.py::test_rule[{case}]"
          for case in ("theme not found", "theme contrast", "theme asset missing", "theme font missing")),
    )),
}


def mutmut() -> str:
    found = Path(sys.executable).parent / "mutmut"
    return str(found) if found.exists() else "mutmut"


def toml_list(values: tuple[str, ...] | list[str]) -> str:
    return json.dumps(list(values))  # a JSON list of strings is a TOML array


def prepare(name: str, target: Target) -> Path:
    """The target's folder: links to the project's files, and the project's pyproject.toml with the target's
    [tool.mutmut] added (mutmut reads its settings from the folder it runs in)."""
    folder = WORK / name
    folder.mkdir(parents=True, exist_ok=True)
    for entry in PROJECT_FILES:
        link = folder / entry
        if not link.is_symlink():
            link.symlink_to(REPO / entry)
    settings = (REPO / "pyproject.toml").read_text(encoding="utf-8") + (
        "\n[tool.mutmut]\n"
        'source_paths = ["toolkit"]\n'
        f"only_mutate = {toml_list([target.module])}\n"
        f"also_copy = {toml_list([e for e in PROJECT_FILES if e not in ('toolkit', 'tests')])}\n"
        f"pytest_add_cli_args = {toml_list(PYTEST_ARGS)}\n"
        f"pytest_add_cli_args_test_selection = {toml_list(target.tests)}\n"
        # A mutant that loops (say, a read loop that never meets its end) is stopped at (T + 5 s) x 4, T being
        # its tests' usual time; mutmut's default, 15 x, holds a slow module's tests for many minutes each.
        "timeout_multiplier = 4.0\n"
        "timeout_constant = 5.0\n")
    path = folder / "pyproject.toml"
    if not path.exists() or path.read_text(encoding="utf-8") != settings:
        path.write_text(settings, encoding="utf-8")
    return folder


def listed_mutants(survivors: Path, target: Target) -> list[str]:
    """The mutants of the target's module that a survivors list names (in brackets at each line's end)."""
    prefix = target.module + ":"
    return [line.rpartition("[")[2].rstrip("]") for line in survivors.read_text(encoding="utf-8").splitlines()
            if line.startswith(prefix) and line.endswith("]")]


def run(name: str, target: Target, jobs: int, again: list[str] | None = None) -> float:
    """Run mutmut on the target: every mutant without a verdict, or only the ``again`` ones, afresh."""
    folder = prepare(name, target)
    started = time.monotonic()
    log = folder / "mutmut-run.log"
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run([mutmut(), "run", "--max-children", str(jobs), *(again or [])], cwd=folder,
                              stdout=out, stderr=subprocess.STDOUT, check=False)
    seconds = time.monotonic() - started
    (folder / "last-run.json").write_text(json.dumps({"seconds": round(seconds), "exit": done.returncode}))
    if done.returncode != 0:
        print(f"{name}: mutmut stopped with exit code {done.returncode}; see {log.relative_to(REPO)}", file=sys.stderr)
    return seconds


def results(folder: Path) -> dict[str, str]:
    """Each mutant's status, as `mutmut results` gives it."""
    found = subprocess.run([mutmut(), "results", "--all", "true"], cwd=folder, capture_output=True, text=True,
                           check=True)
    statuses = {}
    for line in found.stdout.splitlines():
        mutant, colon, status = line.strip().rpartition(": ")
        if colon and "__mutmut_" in mutant:
            statuses[mutant] = status
    return statuses


def _function_span(source: str, qualified: str) -> tuple[int, int] | None:
    """The first and last line of a function or method (``Class.method``) of a module, decorators included."""
    nodes: list[ast.stmt] = ast.parse(source).body
    *classes, function = qualified.split(".")
    for class_name in classes:
        nodes = next((n.body for n in nodes if isinstance(n, ast.ClassDef) and n.name == class_name), [])
    for node in nodes:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function:
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            return first, node.end_lineno or node.lineno
    return None


def _qualified_function(mutant: str, module: str) -> str:
    """`toolkit.output.xǁLockǁacquire__mutmut_3` → `Lock.acquire`; `toolkit.output.x_swap__mutmut_1` → `swap`."""
    mangled = mutant[len(module) + 1:].rsplit("__mutmut_", 1)[0]
    if mangled.startswith("xǁ"):
        return ".".join(mangled[2:].split("ǁ"))
    return mangled[2:] if mangled.startswith("x_") else mangled


# mutmut's own diff of each mutant's function (what `mutmut show` prints), for many mutants in one process.
DIFFS = """\
import json, sys
from mutmut.mutation.diff_apply import get_diff_for_mutant
path, names = json.load(sys.stdin)
json.dump({name: get_diff_for_mutant(name, path=path) for name in names}, sys.stdout)
"""


def diffs(folder: Path, target: Target, mutants: list[str]) -> dict[str, str]:
    found = subprocess.run([sys.executable, "-c", DIFFS], cwd=folder, input=json.dumps([target.module, mutants]),
                           capture_output=True, text=True, check=True)
    return json.loads(found.stdout)


def describe(target: Target, mutant: str, diff: str) -> tuple[int, str]:
    """Where the mutant changes the module (its line) and the change, from the diff of its function."""
    lines = [line for line in diff.splitlines() if line[:1] in " -+" and not line.startswith(("---", "+++"))]
    before = [line for line in lines if line[0] in " -"]  # the function's lines as the module has them
    old = [line[1:].strip() for line in before]  # a method's diff is dedented to the left margin
    removed = [line[1:].strip() for line in lines if line[0] == "-"]
    added = [line[1:].strip() for line in lines if line[0] == "+"]
    first_removed = next((i for i, line in enumerate(before) if line[0] == "-"), 0)
    source = (REPO / target.module).read_text(encoding="utf-8")
    module_lines = [line.strip() for line in source.splitlines()]
    module = target.module.removesuffix(".py").replace("/", ".")
    first, last = _function_span(source, _qualified_function(mutant, module)) or (1, len(module_lines))
    line = first
    for start in range(first - 1, last):
        if module_lines[start:start + len(old)] == old:
            line = start + 1 + first_removed
            break
    return line, f"{' | '.join(removed)}  →  {' | '.join(added) or '(removed)'}"


@dataclass(frozen=True)
class Judgement:
    module: str
    change: str  # as the survivors list gives it: "old line  →  new line"
    reason: str


def judgements(path: Path = HARMLESS) -> list[Judgement]:
    """The mutants judged harmless, each with its reason."""
    if not path.exists():
        return []
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("harmless", [])
    return [Judgement(entry["module"], entry["change"], entry["reason"]) for entry in entries]


def harmless_markdown(judged: list[Judgement]) -> str:
    """The judged-harmless mutants as a Markdown list, by module, each change with its reason."""
    lines: list[str] = []
    for module in sorted({j.module for j in judged}):
        mine = [j for j in judged if j.module == module]
        lines.append(f"- `{module}` ({len(mine)}):")
        lines += [f"  - `{_code_span(j.change)}`: {j.reason}" for j in mine]
    return "".join(line + "\n" for line in lines)


def _code_span(text: str) -> str:
    """Text safe inside a Markdown code span of single backticks (a backtick inside would end it)."""
    return text.replace("`", "'")


def report(names: list[str], survivors: Path | None) -> int:
    header = f"{'module':<28} {'mutants':>7} {'killed':>7} {'survived':>8} {'no tests':>8} {'timeout':>7}" \
             f" {'harmless':>8} {'unrun':>5} {'other':>5} {'score':>6} {'time':>6}"
    print(header)
    listing: list[str] = []
    judged = judgements()
    used: set[Judgement] = set()
    for name in names:
        target = TARGETS[name]
        folder = WORK / name
        if not (folder / "mutants").is_dir():
            print(f"{target.module:<28} not run yet (python scripts/mutation_report.py run {name})")
            continue
        statuses = results(folder)
        counts = Counter(statuses.values())
        checked = sum(n for status, n in counts.items() if status != "not checked")
        caught = sum(counts[s] for s in CAUGHT)
        other = checked - caught - sum(counts[s] for s in MISSED)
        missed = sorted((mutant for mutant, status in statuses.items() if status in MISSED), key=_mutant_order)
        found = diffs(folder, target, missed)
        described = sorted(((describe(target, mutant, found[mutant]), mutant) for mutant in missed),
                           key=lambda item: item[0][0])
        by_change = {(j.module, j.change): j for j in judged}
        harmless = 0
        for (line, change), mutant in described:
            judgement = by_change.get((target.module, change))
            if judgement is not None and statuses[mutant] == "survived":
                harmless += 1
                used.add(judgement)
            else:
                listing.append(f"{target.module}:{line}: {statuses[mutant]}: {change}  [{mutant}]")
        counted = checked - harmless
        score = f"{100 * caught / counted:.1f}%" if counted else "-"
        last = folder / "last-run.json"
        took = f"{json.loads(last.read_text())['seconds']}s" if last.exists() else "-"
        print(f"{target.module:<28} {len(statuses):>7} {counts['killed']:>7} {counts['survived']:>8} "
              f"{counts['no tests']:>8} {counts['timeout']:>7} {harmless:>8} {counts['not checked']:>5} {other:>5}"
              f" {score:>6} {took:>6}")
    modules = {TARGETS[name].module for name in names if (WORK / name / "mutants").is_dir()}
    for judgement in judged:
        if judgement.module in modules and judgement not in used:
            print(f"judged harmless, but no surviving mutant makes this change now: {judgement.module}: "
                  f"{judgement.change}", file=sys.stderr)
    if survivors is not None:
        survivors.parent.mkdir(parents=True, exist_ok=True)
        survivors.write_text("".join(line + "\n" for line in listing), encoding="utf-8")
        print(f"\n{len(listing)} mutants the tests missed: {survivors}")
    return 0


def _mutant_order(mutant: str) -> tuple[str, int]:
    stem, _, number = mutant.rpartition("__mutmut_")
    return stem, int(number) if number.isdigit() else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("run", "report", "harmless"))
    parser.add_argument("targets", nargs="*", metavar="TARGET", help=f"some of: {', '.join(TARGETS)} (all by default)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="mutants tested at once")
    parser.add_argument("--survivors", type=Path, help="write every mutant the tests missed to this file")
    parser.add_argument("--fresh", action="store_true", help="forget the targets' earlier results first")
    parser.add_argument("--again", type=Path, metavar="FILE",
                        help="test again only the mutants this survivors list names (after new tests)")
    args = parser.parse_args()
    unknown = [name for name in args.targets if name not in TARGETS]
    if unknown:
        parser.error(f"no target {', '.join(unknown)}; the targets are {', '.join(TARGETS)}")
    names = args.targets or list(TARGETS)
    if args.command == "harmless":
        print(harmless_markdown(judgements()), end="")
        return 0
    if args.command == "run":
        for name in names:
            if args.fresh:
                shutil.rmtree(WORK / name, ignore_errors=True)
            again = listed_mutants(args.again, TARGETS[name]) if args.again else None
            if again == []:
                print(f"{name}: the list names none of its mutants", flush=True)
                continue
            seconds = run(name, TARGETS[name], args.jobs, again)
            print(f"{name}: {seconds:.0f} s", flush=True)
    return report(names, args.survivors)


if __name__ == "__main__":
    sys.exit(main())
