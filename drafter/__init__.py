"""drafter: the first draft of a Party-building meeting speech, from a YAML brief.

The data flows one way: brief file → typed brief (:mod:`drafter.input.brief`) → markup text
(:mod:`drafter.compose.templates`) → blocks (:mod:`drafter.speech.markup`) → .docx (:mod:`drafter.output.wordfile`) → file
(:mod:`drafter.output.files`). :func:`drafter.main.render_brief` runs the whole path; the CLI only calls it.
"""

__version__ = "0.1.0"
