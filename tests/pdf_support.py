"""Reading built PDFs back with pypdf: text per page, effective font sizes, links, tagging."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


def _mul(a: Matrix, b: Matrix) -> Matrix:
    """a then b (PDF row-vector convention)."""
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


@dataclass(frozen=True)
class TextRun:
    size: float   # effective size in points, on the page
    y: float      # baseline height from the bottom of the page, in points


def text_runs(reader: PdfReader, page_index: int) -> list[TextRun]:
    """Every text-showing operation of a page with its effective font size (Tf size × text and graphics scale)."""
    page = reader.pages[page_index]
    content = ContentStream(page.get_contents(), reader)
    ctm: Matrix = IDENTITY
    stack: list[Matrix] = []
    tm: Matrix = IDENTITY
    line: Matrix = IDENTITY
    size = 0.0
    runs: list[TextRun] = []
    for operands, op in content.operations:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            ctm = _mul(tuple(float(x) for x in operands), ctm)  # type: ignore[arg-type]
        elif op == b"BT":
            tm = line = IDENTITY
        elif op == b"Tm":
            tm = line = tuple(float(x) for x in operands)  # type: ignore[assignment]
        elif op in (b"Td", b"TD"):
            line = tm = _mul((1, 0, 0, 1, float(operands[0]), float(operands[1])), line)
        elif op == b"Tf":
            size = float(operands[1])
        elif op in (b"Tj", b"TJ", b"'", b'"'):
            full = _mul(tm, ctm)
            scale = math.hypot(full[2], full[3])
            runs.append(TextRun(round(size * scale, 2), full[5]))
    return runs


def page_texts(reader: PdfReader) -> list[str]:
    """Each page's text with runs of white space made single spaces."""
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def link_uris(reader: PdfReader) -> list[str]:
    found = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            if action is not None and "/URI" in action.get_object():
                found.append(str(action.get_object()["/URI"]))
    return found


def read(path: Path) -> PdfReader:
    return PdfReader(str(path))
