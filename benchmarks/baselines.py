"""Baselines the benchmarks share: what bare libraries take to write the same outputs."""

from __future__ import annotations

import time
from pathlib import Path


def write_bare_decks(plans, template, folder: Path) -> float:  # type: ignore[no-untyped-def]
    """Seconds for bare python-pptx to write the same slide text into the same template, with no fitting."""
    from pptx import Presentation

    start = time.perf_counter()
    for plan in plans:
        prs = Presentation(str(template.path))
        layout = template.layout(prs, "content")
        for slide_plan in plan.slides:
            slide = prs.slides.add_slide(layout)
            slide.shapes.title.text = slide_plan.title
            body = next((s for s in slide.placeholders if s.placeholder_format.idx == 1), None)
            if body is not None:
                body.text_frame.text = "\n".join(f.text for f in slide_plan.frames[1:])
        prs.save(str(folder / f"{plan.name}.pptx"))
    return time.perf_counter() - start
