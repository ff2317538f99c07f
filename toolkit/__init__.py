"""coursekit: structured lesson modules to a course site, slide decks and printable handouts."""

__version__ = "0.1.0"
