"""drafter: the first draft of a Party-building meeting speech, from a YAML brief.

The data flows one way: brief file → typed brief (:mod:`drafter.brief`) → markup text
(:mod:`drafter.render`) → blocks (:mod:`drafter.markup`) → .docx (:mod:`drafter.wordfile`) → file
(:mod:`drafter.outputs`). :func:`drafter.main.render_brief` runs the whole path; the CLI only calls it.
"""

__version__ = "0.1.0"
