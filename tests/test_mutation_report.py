"""scripts/mutation_report.py (`make mutate`): its targets name modules and tests that exist, and a surviving
mutant is placed at the line of the module it changes."""

from __future__ import annotations

import difflib
import importlib.util
import re
import sys
import textwrap

import pytest

from tests.conftest import REPO

spec = importlib.util.spec_from_file_location("mutation_report", REPO / "scripts" / "mutation_report.py")
assert spec is not None and spec.loader is not None
mutation_report = importlib.util.module_from_spec(spec)
sys.modules["mutation_report"] = mutation_report  # its dataclasses look their module up there
spec.loader.exec_module(mutation_report)


@pytest.mark.parametrize("name", sorted(mutation_report.TARGETS))
def test_each_target_names_a_module_and_tests_that_exist(name: str) -> None:
    """A renamed test would otherwise leave a module's mutants with no tests, and a low score for no reason."""
    target = mutation_report.TARGETS[name]
    assert (REPO / target.module).is_file(), target.module
    for selector in target.tests:
        path, _, test = selector.partition("::")
        function, _, case = test.partition("[")
        assert (REPO / path).is_file(), selector
        text = (REPO / path).read_text()
        if function:
            assert re.search(rf"^def {re.escape(function)}\(", text, re.MULTILINE), selector
        if case:  # a case of a parametrized test, by its name
            assert f'"{case.removesuffix("]")}"' in text, selector


def _mutant_diff(module: str, function: str, old: str, new: str) -> str:
    """A diff of one function of ``module`` with its first ``old`` line made ``new``, as mutmut shows a mutant:
    a method as if it stood at the left margin."""
    source = (REPO / module).read_text()
    first, last = mutation_report._function_span(source, function)
    original = textwrap.dedent("\n".join(source.splitlines()[first - 1:last])).splitlines()
    at = next(i for i, line in enumerate(original) if line.strip() == old)
    mutated = [*original[:at], original[at].replace(old, new), *original[at + 1:]]
    return "\n".join(difflib.unified_diff(original, mutated, module, module, lineterm=""))


def test_a_survivor_is_placed_at_the_line_it_changes() -> None:
    target = mutation_report.Target("toolkit/output.py", ())
    diff = _mutant_diff(target.module, "_exchange", "return False", "return True")
    line, change = mutation_report.describe(target, "toolkit.output.x__exchange__mutmut_2", diff)
    source = (REPO / target.module).read_text().splitlines()
    start = next(i for i, text in enumerate(source, 1) if text.startswith("def _exchange("))
    assert line == next(i for i, text in enumerate(source, 1) if i > start and text.strip() == "return False")
    assert change == "return False  →  return True"


def test_a_survivor_in_a_method_is_placed_at_the_line_it_changes() -> None:
    target = mutation_report.Target("toolkit/render_html.py", ())
    changed = 'allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())'
    mutated = changed.replace('"*"', '"XX*XX"')
    diff = _mutant_diff(target.module, "_Inspector._tag", changed, mutated)
    line, change = mutation_report.describe(target, "toolkit.render_html.xǁ_Inspectorǁ_tag__mutmut_30", diff)
    assert (REPO / target.module).read_text().splitlines()[line - 1].strip() == changed
    assert change == f"{changed}  →  {mutated}"


def test_a_method_mutant_names_its_class_and_method() -> None:
    assert mutation_report._qualified_function("toolkit.output.xǁLockǁacquire__mutmut_3", "toolkit.output") == "Lock.acquire"
    assert mutation_report._qualified_function("toolkit.output.x__exchange__mutmut_12", "toolkit.output") == "_exchange"
    source = "class Lock:\n    @staticmethod\n    def acquire():\n        pass\n\ndef acquire():\n    pass\n"
    assert mutation_report._function_span(source, "Lock.acquire") == (2, 4)
    assert mutation_report._function_span(source, "acquire") == (6, 7)


def test_again_takes_only_the_targets_mutants_from_a_survivors_list(tmp_path) -> None:
    listing = tmp_path / "survivors.txt"
    listing.write_text(
        "toolkit/output.py:27: survived: a  →  b  [toolkit.output.x_refuse_dangerous__mutmut_3]\n"
        "toolkit/cache.py:9: no tests: c  →  d  [toolkit.cache.x_key__mutmut_1]\n"
        "toolkit/output.py:30: survived: e  →  f  [toolkit.output.xǁLockǁacquire__mutmut_12]\n")
    target = mutation_report.TARGETS["output"]
    assert mutation_report.listed_mutants(listing, target) == [
        "toolkit.output.x_refuse_dangerous__mutmut_3", "toolkit.output.xǁLockǁacquire__mutmut_12"]


def test_each_harmless_judgement_names_a_target_module_a_change_and_a_reason() -> None:
    modules = {target.module for target in mutation_report.TARGETS.values()}
    for judgement in mutation_report.judgements():
        assert judgement.module in modules, judgement
        assert "  →  " in judgement.change, judgement
        assert len(judgement.reason.split()) >= 4, judgement


def test_judgements_are_read_with_their_reasons(tmp_path) -> None:
    path = tmp_path / "harmless.toml"
    path.write_text('[[harmless]]\nmodule = "toolkit/output.py"\nchange = \'a  →  b\'\nreason = "r s t u"\n')
    assert mutation_report.judgements(path) == [mutation_report.Judgement("toolkit/output.py", "a  →  b", "r s t u")]
    assert mutation_report.judgements(tmp_path / "none.toml") == []


def test_the_readme_lists_every_mutant_judged_harmless_with_its_reason() -> None:
    """The README shows what `scripts/mutation_harmless.toml` judges: a judgement added there shows here too."""
    readme = (REPO / "README.md").read_text()
    listed = readme.split("<!-- harmless mutants: begin -->\n", 1)[1].split("<!-- harmless mutants: end -->", 1)[0]
    assert listed == mutation_report.harmless_markdown(mutation_report.judgements())
