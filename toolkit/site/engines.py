"""The engines that can render the site's source, how to find each, and what each is asked to do.

MkDocs with Material runs in this process, through the `coursekit` plugin. ProperDocs and Zensical run as
programs on a staged copy of the site's source (staging.py): a folder of Markdown pages and files with an
`mkdocs.yml` that names no coursekit plugin, so the engine has nothing of ours to ignore.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Engine:
    """A site engine: its name on the command line, what it is called, its program and its package."""

    name: str
    title: str
    program: str | None  # None: runs in this process
    package: str
    # It reads each relative address in a page, raw HTML too, as written from the page's Markdown file, and
    # rewrites it for the published page (so coursekit writes its links that way: site_source.py).
    links_from_source: bool = False


ENGINES = {
    "mkdocs": Engine("mkdocs", "MkDocs with Material for MkDocs", None, "mkdocs-material"),
    "properdocs": Engine("properdocs", "ProperDocs with Material for MkDocs", "properdocs", "properdocs"),
    "zensical": Engine("zensical", "Zensical", "zensical", "zensical", links_from_source=True),
}
ENGINE_NAMES = tuple(ENGINES)
DEFAULT_ENGINE = "mkdocs"


class EngineMissing(Exception):
    """The chosen engine is not installed: the message says how to install it."""


def engine_program(engine: Engine) -> str | None:
    """The engine's program: the one installed beside this Python first (a virtual environment), else on PATH."""
    if engine.program is None:
        return None
    here = Path(sys.executable).parent / engine.program
    if here.is_file() and os.access(here, os.X_OK):
        return str(here)
    return shutil.which(engine.program)


def require_engine(name: str) -> Engine:
    """The engine called ``name``, installed; EngineMissing says how to install it when it is not."""
    engine = ENGINES[name]
    if engine.program is not None and engine_program(engine) is None:
        raise EngineMissing(
            f"the site engine `{name}` ({engine.title}) is not installed: install it with "
            f"`{Path(sys.executable).parent / 'python'} -m pip install {engine.package}`, "
            f"or build with the default engine (`--site-engine {DEFAULT_ENGINE}`)")
    return engine


def installed_engines() -> tuple[str, ...]:
    """The names of the engines that can run here."""
    return tuple(name for name, engine in ENGINES.items() if engine.program is None or engine_program(engine))


def configured_engine(config: dict[str, object]) -> str | None:
    """The engine named in mkdocs.yml (`site_engine:` under the coursekit plugin), or None.

    Raises ValueError, saying what was expected, when it names no engine coursekit knows.
    """
    plugins = config.get("plugins") or []
    items = plugins.items() if isinstance(plugins, dict) else (
        (name, settings) for item in plugins if isinstance(item, dict) for name, settings in item.items())
    for name, settings in items:
        if name == "coursekit" and isinstance(settings, dict) and "site_engine" in settings:
            value = settings["site_engine"]
            if value not in ENGINES:
                raise ValueError(f"`site_engine: {value}` under the coursekit plugin in mkdocs.yml is not a site engine:"
                                 f" expected one of {', '.join(ENGINE_NAMES)}")
            return str(value)
    return None
