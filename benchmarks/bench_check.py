"""How long `coursekit check` takes on a generated 500-module course.

Prints medians of several runs and the ratio against a floor measured in the
same run: reading the same files with bare PyYAML and markdown-it-py, which is
the least any checker of this format must do.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "courses" / "leg-numbness-after-back-surgery"
TEMPLATE = REPO / "toolkit" / "project_template" / "courses" / "first-course"


def make_course(root: Path, modules: int) -> Path:
    """A project with one course of ``modules`` modules, cycling through the sample course's modules."""
    source = SAMPLE if (SAMPLE / "course.yml").is_file() else TEMPLATE
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


def time_floor(root: Path) -> float:
    md = MarkdownIt("commonmark").enable("table")
    start = time.perf_counter()
    for path in sorted(root.rglob("*.md")):
        text = path.read_text()
        _, front, body = text.split("---\n", 2)
        yaml.safe_load(front)
        md.parse(body)
    for path in sorted(root.rglob("*.yml")):
        yaml.safe_load(path.read_text())
    return time.perf_counter() - start


def time_in_process(root: Path) -> float:
    from toolkit.check import run_check

    start = time.perf_counter()
    run_check(root)
    return time.perf_counter() - start


def time_command(root: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "toolkit", "check", str(root)], stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = make_course(Path(tmp), args.modules)
        time_in_process(root)  # warm caches and imports once, as an editor integration would
        floor = [time_floor(root) for _ in range(args.runs)]
        inproc = [time_in_process(root) for _ in range(args.runs)]
        command = [time_command(root) for _ in range(args.runs)]
    floor_m, inproc_m, command_m = (statistics.median(x) for x in (floor, inproc, command))
    print(f"coursekit check on a {args.modules}-module course (median of {args.runs} runs)")
    print(f"  floor: bare PyYAML + markdown-it parse   {floor_m:7.3f} s")
    print(f"  check, in process                        {inproc_m:7.3f} s   {inproc_m / floor_m:5.2f}x floor")
    print(f"  `coursekit check` command (cold start)   {command_m:7.3f} s   {command_m / floor_m:5.2f}x floor")
    print(f"  target: command under 2 s                {'met' if command_m < 2 else 'NOT met'}")


if __name__ == "__main__":
    main()
