"""A handout render that runs too long is stopped at `limits: render_seconds`, with a located error and nothing written."""

from __future__ import annotations

import signal
import threading
import time

import pytest
from click.testing import CliRunner

from tests.conftest import COURSE_YML, ProjectFactory
from toolkit.cli import cli
from toolkit.handouts.writer import RenderTimeout, time_limit


def test_a_render_over_the_time_limit_is_stopped_and_nothing_is_written(make_project: ProjectFactory) -> None:
    root = make_project(course_yml=COURSE_YML + "limits:\n  render_seconds: 0.001\n")
    out = root / "out"
    result = CliRunner().invoke(cli, ["build", str(root), "--out", str(out), "--only", "handouts", "--quiet"])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if "CK775" in line]
    assert lines, result.output
    assert any(line.startswith("courses/small/modules/01-keep-moving.md:") and "error[CK775]" in line
               and "keep-moving.pdf: rendering took longer than 0.001 seconds" in line
               and "`render_seconds` under `limits:` in `course.yml`" in line for line in lines), lines
    assert "CK773" not in result.output  # a timeout is its own diagnostic, not a generic render failure
    assert not list(out.rglob("*.pdf")) if out.exists() else True


def test_the_footers_of_the_guide_and_booklet_get_the_limit_once_for_each_module_they_show(make_project: ProjectFactory) -> None:
    import datetime as dt

    from tests.conftest import MODULE
    from toolkit.check import run_check
    from toolkit.handouts import _time_limit, compose_documents, plan_course_handouts
    from toolkit.handouts.plan import plan_guide

    second = MODULE.replace("title: Keep moving", "title: Rest well")
    third = MODULE.replace("title: Keep moving", "title: Sleep well")
    root = make_project({"01-keep-moving.md": MODULE, "02-rest-well.md": second, "03-sleep-well.md": third},
                        course_yml=COURSE_YML + "limits:\n  render_seconds: 10\n")
    project = run_check(root).project
    course = project.courses[0]
    when = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
    composed, _ = compose_documents(project, [*plan_course_handouts(project, course, paper="a4", created=when),
                                              plan_guide(course, paper="a4", created=when)])
    *handouts, booklet, guide = composed
    assert {d.plan.name: _time_limit(d) for d in handouts} == {
        "keep-moving": 10, "keep-moving-large": 10, "rest-well": 10, "rest-well-large": 10,
        "sleep-well": 10, "sleep-well-large": 10}
    # The booklet is rendered in pieces, each showing one module; its footer has a page for each of its pages.
    assert [_time_limit(piece) for piece in booklet.segments] == [10, 10, 10]
    assert _time_limit(booklet.front({})) == 10
    assert _time_limit(booklet.footer(12)) == 30
    # So is the guide: its modules in one piece (they run on), so that piece gets the limit once for each
    # module it shows; then the checklist of materials.
    assert [_time_limit(piece) for piece in guide.segments] == [30, 10]
    assert _time_limit(guide.front({})) == 10
    assert _time_limit(guide.footer(12)) == 30


def test_the_default_limit_lets_a_normal_module_build(make_project: ProjectFactory) -> None:
    root = make_project()
    result = CliRunner().invoke(cli, ["build", str(root), "--out", str(root / "out"), "--only", "handouts", "--quiet"])
    assert result.exit_code == 0, result.output
    assert (root / "out" / "handouts" / "small" / "keep-moving.pdf").is_file()


def test_the_limit_must_be_positive(make_project: ProjectFactory) -> None:
    root = make_project(course_yml=COURSE_YML + "limits:\n  render_seconds: 0\n")
    result = CliRunner().invoke(cli, ["check", str(root)])
    assert result.exit_code == 1
    assert "render_seconds" in result.output


def test_time_limit_stops_the_block_and_puts_back_the_previous_handler() -> None:
    previous = signal.getsignal(signal.SIGALRM)
    with pytest.raises(RenderTimeout), time_limit(0.05):
        time.sleep(2)
    assert signal.getsignal(signal.SIGALRM) is previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with time_limit(5):  # a block that ends in time is left alone, and the timer is cleared
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_outside_the_main_thread_the_block_runs_without_a_limit() -> None:
    finished: list[bool] = []

    def work() -> None:
        with time_limit(0.01):
            time.sleep(0.05)
        finished.append(True)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert finished == [True]


def test_a_render_that_swallowed_the_alarm_is_still_stopped() -> None:
    """Pango's callbacks through cffi drop the alarm's exception; the render must not be kept anyway."""
    import time

    from toolkit.handouts.writer import RenderTimeout, time_limit

    with pytest.raises(RenderTimeout):
        with time_limit(0.01):
            try:
                time.sleep(0.05)
            except RenderTimeout:
                pass  # what a C callback does with it
    with time_limit(5):  # a render within its limit is left alone
        pass
