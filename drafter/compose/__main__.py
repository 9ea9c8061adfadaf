"""``python -m drafter.compose``: rebuild the shipped artefacts of drafter's own inputs, after changing
``templates/`` or ``phrasebank/``: the compiled built-in templates (drafter/data/templates.json) and the
read built-in bank (drafter/data/phrasebank.json). tests/test_templates_shipped.py and
tests/test_phrasebank_shipped.py fail until it is run."""

from drafter.compose import shipped_templates
from drafter.compose.phrasebank import shipped as phrasebank_shipped
from drafter.compose.templates import builtin_environment

for path, data in ((shipped_templates.SHIPPED, shipped_templates.build(*builtin_environment())),
                   (phrasebank_shipped.SHIPPED, phrasebank_shipped.build())):
    path.write_bytes(data)
    print(f"wrote {path}")
