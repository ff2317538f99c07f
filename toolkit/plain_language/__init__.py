"""Plain-language measures over a module's learner text: reading grade, jargon, PEMAT-style structure.

The functions here are pure and deterministic; the checks in ``toolkit.checks``
turn their results into diagnostics, and ``toolkit.report`` shows them.
"""
