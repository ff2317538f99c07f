"""What `coursekit new module` writes: a module whose every sentence is a placeholder for the author's own."""

from __future__ import annotations

import yaml

SUMMARY = "Write the one main message of “{title}” here, in one plain sentence."
OBJECTIVE = "Write what the reader will be able to do after this module"
KEY_POINT = "Write the most important thing to remember"
SOURCE_TITLE = "Name the guideline or leaflet this module is based on"
SOURCE_PUBLISHER = "Who published it"
HEADING = "Write an informative heading here"
PARAGRAPH = "Write what the reader needs to know, in short sentences."
LIST_ITEM = "Write a step, a choice or a sign to watch for"
NOTES = "Write what the instructor should say or ask here."

# Each placeholder as `coursekit check` recognises it (the summary by its words before the title).
PLACEHOLDERS = (SUMMARY.split("“", 1)[0].rstrip(), OBJECTIVE, KEY_POINT, SOURCE_TITLE, SOURCE_PUBLISHER,
                HEADING, PARAGRAPH, LIST_ITEM, NOTES)


def module_text(title: str) -> str:
    """A new module called ``title``: front matter filled in, and a section, a list and notes to replace."""
    front = {
        "title": title,
        "summary": SUMMARY.format(title=title),
        "duration": 10,
        "objectives": [OBJECTIVE],
        "key_points": [KEY_POINT],
        "sources": [{"title": SOURCE_TITLE, "publisher": SOURCE_PUBLISHER}],
    }
    body = (
        f"## {HEADING}\n\n"
        f"{PARAGRAPH} Speak to them as “you”.\n\n"
        f"- {LIST_ITEM}, one on each line.\n\n"
        f"::: notes\n{NOTES}\n:::\n"
    )
    return "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000) + "---\n\n" + body


def placeholder_in(text: str) -> str | None:
    """The placeholder ``text`` still holds, if any (spacing and case aside)."""
    folded = " ".join(text.split()).casefold()
    return next((p for p in PLACEHOLDERS if p.casefold() in folded), None)
