"""The phrase bank: the stock sentences that frame a speech, dated, layered, conditioned and chosen
deterministically. phrasebank/README.md describes an entry's keys and conditions for writers.

Modules, in the order they depend on each other:
:mod:`.vocabulary` (context variables, slots, topics, condition words), :mod:`.texts` (rendering a text in
the sandbox), :mod:`.conditions` (what a brief states), :mod:`.entries` (the entry record, reading a file),
:mod:`.layers` (where the layers are), :mod:`.chooser` (the merged bank, choosing), and apart from these
:mod:`.bankcheck` (``drafter phrases check``, imported by that command only: drafting never needs it). The names
below are the package's public API.
"""

from drafter.compose.phrasebank.vocabulary import (
    BUILTIN_LAYER, BUILTIN_TYPES, CONTEXT_VARIABLES, FRAMING_SLOTS, MIN_VARIANTS, NEEDS, SAMPLE_CONTEXT, SPEAKERS,
    STOCK_TOPICS, TIMINGS, detect_topic,
)
from drafter.compose.phrasebank.conditions import Facts
from drafter.compose.phrasebank.entries import Entry, Source, read_file, read_text
from drafter.compose.phrasebank.layers import Layer, resolve_layers
from drafter.compose.phrasebank.shipped import builtin_dir
from drafter.compose.phrasebank.chooser import PhraseBank, PhraseChooser, stable_int

__all__ = [
    "BUILTIN_LAYER", "BUILTIN_TYPES", "CONTEXT_VARIABLES", "FRAMING_SLOTS", "MIN_VARIANTS", "NEEDS", "SAMPLE_CONTEXT",
    "SPEAKERS", "STOCK_TOPICS", "TIMINGS", "detect_topic", "Facts", "Entry", "Source", "read_file",
    "read_text", "Layer", "builtin_dir", "resolve_layers", "PhraseBank", "PhraseChooser",
    "stable_int",
]
