"""Same input, same bytes: the sample courses built twice, each in a fresh process with its own hash seed.

One pair of builds serves every test here; each output's files are compared byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fresh_process import REPO, SEEDS, coursekit, differences, files

OUTPUTS = ("site", "slides", "handouts", "guide")


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folders = []
    for seed in SEEDS:
        out = tmp_path_factory.mktemp(f"seed-{seed}") / "build"
        result = coursekit("build", str(REPO), "--out", str(out), "--quiet", seed=seed)
        assert result.returncode == 0, result.stdout + result.stderr
        folders.append(out)
    return folders[0], folders[1]


@pytest.mark.slow
@pytest.mark.parametrize("output", OUTPUTS)
def test_each_output_is_the_same_bytes_from_two_fresh_processes(two_builds: tuple[Path, Path], output: str) -> None:
    one, two = (folder / output for folder in two_builds)
    assert len(files(one)) >= 2, f"{one} is nearly empty"
    found = differences(one, two)
    assert not found, "\n".join(found)


@pytest.mark.slow
def test_everything_else_in_the_output_is_the_same_bytes_too(two_builds: tuple[Path, Path]) -> None:
    """The cache, the build record and the marker: the next build reads them, so they must not drift either."""
    one, two = two_builds
    assert {name.split("/")[0] for name in files(one)} >= {*OUTPUTS, ".coursekit-cache", ".coursekit-output"}
    found = differences(one, two)
    assert not found, "\n".join(found)
