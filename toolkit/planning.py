"""Plan the outputs and report what planning finds: the stage `coursekit check` and `coursekit build` share.

Planning is pure and writes nothing: every deck's slides fitted to the theme's template, and what the
handouts and the site will hold. `build` renders from these very plans, and `check` makes them the same
way, so whatever `build --strict` finds before it renders, `check --strict` finds too. Only rendering can
find the rest (the HTML sanitiser, WeasyPrint, PDF/UA, MkDocs); docs/format.md says "Found while ..." for
each of those codes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from toolkit.diagnostics import Diagnostic, Diagnostics
from toolkit.reproducible import source_date

if TYPE_CHECKING:  # light to import: a build with nothing to do needs only OUTPUTS
    from toolkit.handouts.leaflet_fit import LeafletEstimate
    from toolkit.model import Course, Project, SiteAddress
    from toolkit.slides.deck_model import DeckPlan
    from toolkit.slides.template import Template

# Every output, in build order. The site comes last: it offers as downloads the decks and handouts the others
# will write, and its finishing, which copies them in, comes after theirs.
OUTPUTS = ("slides", "handouts", "guide", "site")


@dataclass(frozen=True)
class CoursePlans:
    """One course's planned outputs and what planning them found."""

    found: tuple[Diagnostic, ...]
    template: Template | None = None  # with ``decks``: the slides, planned without an error
    decks: tuple[DeckPlan, ...] = ()
    leaflets: tuple[LeafletEstimate, ...] = ()  # each module leaflet's estimated length


def plan_course(course: Course, outputs: Sequence[str], created: dt.datetime, course_url: str | None = None,
                module_urls: Mapping[str, str] | None = None) -> CoursePlans:
    """Plan ``course``'s ``outputs``: the decks (whose plans a build writes), the length of each module's leaflet
    and the site's pages; ``course_url`` is the public address of the course's home page, where the workshop
    deck's QR code leads, and ``module_urls`` those of the modules' pages (by module id), where the leaflets'
    QR codes lead."""
    found: list[Diagnostic] = []
    template, decks = None, ()
    if "slides" in outputs:
        from toolkit.slides import plan_decks

        template, plans, problems = plan_decks(course, created=created, course_url=course_url)
        found.extend(problems)
        if template is not None and not problems.errors:
            decks = tuple(plans)
        else:
            template = None
    leaflets: tuple[LeafletEstimate, ...] = ()
    if "handouts" in outputs:
        from toolkit.handouts.leaflet_fit import estimate_leaflets, too_long
        from toolkit.handouts.plan import plan_handouts

        plans = plan_handouts(course, paper=course.theme.meta.paper, created=created,  # type: ignore[arg-type]
                              module_url=dict(module_urls or {}), course_url=course_url, leaflets_only=True)
        leaflets = tuple(estimate_leaflets(plans))
        found.extend(too_long(leaflet, leaflet.sides) for leaflet in leaflets if leaflet.too_long)
    if "site" in outputs:
        from toolkit.site.pages import reserved_names

        found.extend(reserved_names(course))
    return CoursePlans(tuple(found), template, decks, leaflets)


def project_findings(courses: Sequence[Course], outputs: Sequence[str], site: SiteAddress) -> list[Diagnostic]:
    """What planning finds about the courses together: the site's address for the QR codes (CK745, CK774) and
    one theme for one site (CK704)."""
    from toolkit import rules

    found: list[Diagnostic] = []
    if site.url is None and "slides" in outputs:
        found.append(rules.SLIDES_NO_SITE_URL.at(site.loc, "the site has no address (`site_url` in mkdocs.yml), "
                                                           "so the workshop deck's closing slide has no QR code"))
    if site.url is None and "handouts" in outputs:
        found.append(rules.HANDOUT_NO_SITE_URL.at(site.loc, "the site has no address (`site_url` in mkdocs.yml), so the "
                                                            "handouts have no QR code or link to the online lessons"))
    if "site" in outputs:
        from toolkit.site.pages import mixed_themes

        found.extend(mixed_themes(courses))
    return found


def plan_project(project: Project, outputs: Sequence[str]) -> tuple[dict[str, CoursePlans], Diagnostics]:
    """Every course's plans, by course id, and everything planning found, in course order."""
    created = source_date(project.courses)
    found = Diagnostics()
    plans: dict[str, CoursePlans] = {}
    from toolkit.site.address import course_url, module_url

    for course in project.courses:
        urls = {module.id: url for module in course.modules if (url := module_url(project, course, module))}
        plans[course.id] = plan_course(course, outputs, created, course_url(project, course), urls)
        found.extend(plans[course.id].found)
    found.extend(project_findings(project.courses, outputs, project.site))
    return plans, found
