"""Let python-pptx evaluate each XPath expression it uses compiled once, not compiled again on every call.

python-pptx finds a shape's placeholder, name and id with ``element.xpath(...)``, and
lxml compiles the expression anew on every such call: over 60,000 compilations for a
600-slide workshop deck, almost half of the time it takes to write. An
``lxml.etree.XPath`` compiled once, with the same namespaces, gives the same
answers. It changes python-pptx only in this process, and only once; if
python-pptx's element class is not the one this stands in for, nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from lxml import etree

REPLACED: Callable[..., Any] | None = None  # python-pptx's own method, once install() has replaced it


def install() -> bool:
    """Make python-pptx's ``BaseOxmlElement.xpath`` use compiled expressions; False when it cannot."""
    global REPLACED
    if REPLACED is not None:
        return True
    try:
        from pptx.oxml import xmlchemy

        element, namespaces = xmlchemy.BaseOxmlElement, dict(xmlchemy._nsmap)
    except (ImportError, AttributeError):
        return False
    if not callable(getattr(element, "xpath", None)):
        return False

    @cache
    def compiled(expression: str) -> etree.XPath:
        return etree.XPath(expression, namespaces=namespaces)

    def xpath(self: Any, xpath_str: str) -> Any:
        return compiled(xpath_str)(self)

    REPLACED = element.xpath
    xpath.__doc__ = REPLACED.__doc__
    element.xpath = xpath
    return True
