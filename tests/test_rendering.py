"""The build's one pool (toolkit/rendering.py): every output's documents rendered together, longest first,
each output's results back in its own order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import MODULE, REPO, ProjectFactory
from toolkit import rendering
from toolkit.build import BuildSettings, run_build
from toolkit.diagnostics import Diagnostics
from toolkit.handouts.writer import Job as HandoutJob
from toolkit.rendering import LastStep, Rendering, completed, render_together
from toolkit.slides import DeckJob

SECOND = MODULE.replace("title: Keep moving", "title: Rest well").replace("Walk a little each day.", "Sleep on your side.")


def _square(n: int) -> int:
    return n * n


def _shout(text: str) -> str:
    return text.upper()


def _kept(into: list[object]):  # type: ignore[no-untyped-def]
    def finish(results: list[object]) -> Diagnostics:
        into.extend(results)
        return Diagnostics()

    return finish


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_each_rendering_gets_its_own_results_in_its_jobs_order(workers: int) -> None:
    numbers = Rendering(list(range(9)), _square, lambda n: n % 4, _kept([]))
    words = Rendering(["walk", "rest", "call"], _shout, lambda w: 10.0, _kept([]))
    nothing = Rendering([], _square, lambda n: 1.0, _kept([]))
    done = render_together([numbers, words, nothing], workers)
    assert [d.results for d in done] == [[n * n for n in range(9)], ["WALK", "REST", "CALL"], []]
    assert all(d.seconds >= 0 for d in done) and done[2].seconds == 0


@pytest.mark.parametrize("workers", [1, 2])
def test_a_last_step_takes_the_results_of_the_jobs_it_needs(workers: int) -> None:
    kept: list[object] = []
    summed = Rendering([1, 2, 3, 4], _square, float, _kept(kept),
                       [LastStep((1, 3), sum, 5.0), LastStep((), lambda taken: "none", 0.0)])
    other = Rendering(["walk"], _shout, lambda w: 1.0, _kept([]))
    done = render_together([other, summed], workers)
    assert done[1].results == [1, 4, 9, 16, 4 + 16, "none"]
    assert done[0].results == ["WALK"]


def test_completed_finishes_a_rendering_and_passes_findings_through() -> None:
    kept: list[object] = []
    assert not completed(Rendering([2, 3], _square, float, _kept(kept))).errors
    assert kept == [4, 9]
    findings = Diagnostics()
    assert completed(findings) is findings


def test_a_build_renders_the_decks_handouts_and_guide_in_one_pool_longest_first(
        make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pools: list[list[object]] = []
    steps: list[tuple[LastStep, list[object]]] = []
    run_jobs = rendering.run_jobs

    def recorded(function, jobs, workers, cost=None, needs=None):  # type: ignore[no-untyped-def]
        assert cost is not None
        pools.append([job for _, job, _ in sorted(jobs, key=lambda item: -cost(item))])
        steps.extend((job, [jobs[k][1] for k in needed]) for _, job, needed in jobs if isinstance(job, LastStep))
        return run_jobs(function, jobs, workers, cost, needs)

    monkeypatch.setattr(rendering, "run_jobs", recorded)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = make_project({"01-keep-moving.md": MODULE, "02-rest-well.md": SECOND})
    shutil.copy(REPO / "toolkit/project_template/mkdocs.yml", root / "mkdocs.yml")
    result = run_build(root, BuildSettings(out=tmp_path / "out", jobs=2, force=True))
    assert result.ok, result.diagnostics.format_text(root)
    assert len(pools) == 1
    decks = [job.path.name for job in pools[0] if isinstance(job, DeckJob)]
    documents = [job for job in pools[0] if isinstance(job, HandoutJob)]
    assert sorted(decks) == ["keep-moving.pptx", "rest-well.pptx", "workshop.pptx"]
    # Two modules in two sizes, the booklet's two modules and the guide's modules (one piece: they run on) and
    # its materials (their fronts, footers and the booklet's back come after).
    assert len(documents) == 2 * 2 + 2 + 2
    booklet = [job for job in documents if "ck-booklet" in job.html[:300]]
    guide = [job for job in documents if "ck-guide" in job.html[:300]]
    assert len(booklet) == 2 and len(guide) == 2
    # Each one's front, footer and join are one last step in the same pool, after its pieces.
    assert [sorted(map(id, pieces)) for _, pieces in steps] == [sorted(map(id, booklet)), sorted(map(id, guide))]
    # The site is made in the same pool, beside them.
    sites = [job for job in pools[0] if isinstance(job, Path)]
    assert [(site.name, site.parent.parent) for site in sites] == [("site", tmp_path)]  # in the stage beside out
    assert len(pools[0]) == len(decks) + len(documents) + 2 + 1
    # The longest document is estimated to take longest.
    assert next(job for job in pools[0] if isinstance(job, HandoutJob)) is max(documents, key=lambda job: len(job.html))
    assert set(result.seconds) == {"slides", "handouts", "guide", "site"}
