"""Add slides, notes pages and pictures to a python-pptx package in time linear in the deck's length.

python-pptx walks every part of the package to name each new notes page or
picture and to find a picture it already holds, and scans every relationship
and slide id of the presentation for each slide it adds: a 2,500-slide workshop deck took
over a minute. :class:`IndexedDeck` gives one presentation's package indexes
that answer the same questions with the same answers, built by one walk; the
library's classes are left as they are. If python-pptx's internals are not the
ones these indexes stand in for, nothing is installed and the deck is written
the slow way, with the same bytes.
"""

from __future__ import annotations

from typing import IO, Any

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.image import Image, ImagePart

_IMAGE_PREFIX = "/ppt/media/image"
_MAX_SLIDE_ID = 2147483647


class IndexedDeck:
    """Adds slides to one presentation through the indexes, or the library's own way when they are not installed."""

    def __init__(self, prs: Any) -> None:
        self._prs = prs
        self._slide_ids = getattr(prs.slides, "_sldIdLst", None)
        self.indexed = callable(getattr(self._slide_ids, "_add_sldId", None)) and _install(prs)
        # As CT_SlideIdList._next_id: one past the largest id in use, and never below 256.
        used = self._slide_ids.xpath("./p:sldId/@id") if self.indexed else []
        self._next_slide_id = max([255, *(int(i) for i in used)]) + 1

    def add_slide(self, layout: Any) -> Any:
        """As ``prs.slides.add_slide(layout)``, without reading every slide id to choose the next."""
        if not self.indexed or self._next_slide_id > _MAX_SLIDE_ID:
            return self._prs.slides.add_slide(layout)
        r_id, slide = self._prs.part.add_slide(layout)
        slide.shapes.clone_layout_placeholders(layout)
        self._slide_ids._add_sldId(id=self._next_slide_id, rId=r_id)  # noqa: SLF001
        self._next_slide_id += 1
        return slide


def _install(prs: Any) -> bool:
    """Install the indexes on ``prs``'s package and presentation part; False when python-pptx lacks what they replace."""
    package = prs.part.package
    part = prs.part
    rels = part.rels
    if not all(callable(getattr(o, name, None)) for o, name in (
            (package, "next_partname"), (package, "next_image_partname"), (package, "get_or_add_image_part"),
            (package, "iter_parts"), (part, "relate_to"), (part, "add_slide"), (rels, "_add_relationship"))):
        return False
    index = _PackageIndex(package)
    package.next_partname = index.next_partname
    package.next_image_partname = index.next_image_partname
    package.get_or_add_image_part = index.get_or_add_image_part
    relate_to = part.relate_to

    def relate_presentation_to(target: Any, reltype: str, is_external: bool = False) -> str:
        # A slide part is new when the presentation relates to it: nothing can match, so skip the search.
        if reltype == RT.SLIDE and not is_external:
            return rels._add_relationship(reltype, target)  # noqa: SLF001
        return relate_to(target, reltype, is_external)

    part.relate_to = relate_presentation_to
    return True


class _PackageIndex:
    """The partnames in use and the pictures held, found by one walk and kept up to date as parts are added."""

    def __init__(self, package: Any) -> None:
        self._package = package
        self._partnames: dict[str, set[str]] = {}   # by template prefix, filled on the first ask
        self._image_numbers: set[int] | None = None
        self._lowest_free_image = 1  # numbers are only ever taken, so the lowest free one never goes down
        self._images: dict[str, ImagePart] | None = None

    def next_partname(self, tmpl: str) -> PackURI:
        """As ``OpcPackage.next_partname``: counting down from one past the number of names in use."""
        prefix = tmpl[: (tmpl % 42).find("42")]
        used = self._partnames.get(prefix)
        if used is None:
            used = {str(p.partname) for p in self._package.iter_parts() if p.partname.startswith(prefix)}
            self._partnames[prefix] = used
        for n in range(len(used) + 1, 0, -1):
            candidate = tmpl % n
            if candidate not in used:
                used.add(candidate)
                return PackURI(candidate)
        raise AssertionError("more partnames in use than there are numbers for them")

    def next_image_partname(self, ext: str) -> PackURI:
        """As ``Package.next_image_partname``: the lowest free number."""
        if self._image_numbers is None:
            self._image_numbers = {p.partname.idx for p in self._package.iter_parts()
                                   if p.partname.startswith(_IMAGE_PREFIX) and p.partname.idx is not None}
        while self._lowest_free_image in self._image_numbers:
            self._lowest_free_image += 1
        number = self._lowest_free_image
        self._image_numbers.add(number)
        return PackURI(f"{_IMAGE_PREFIX}{number}.{ext}")

    def get_or_add_image_part(self, image_file: str | IO[bytes]) -> ImagePart:
        """As ``Package.get_or_add_image_part``: the part already holding these bytes, else a new one."""
        if self._images is None:
            self._images = {}
            for part in self._package.iter_parts():
                sha1 = getattr(part, "sha1", None) if isinstance(part, ImagePart) else None
                if sha1 is not None:
                    self._images.setdefault(sha1, part)
        image = Image.from_file(image_file)
        found = self._images.get(image.sha1)
        if found is None:
            found = ImagePart.new(self._package, image)
            self._images[image.sha1] = found
        return found
