"""Where drafter's built-in data folders are, installed or in a checkout.

``templates/`` and ``phrasebank/`` live at the top of the repository, where writers find them. A
regular install copies them into the package as ``drafter/templates`` and ``drafter/phrasebank_data``
(see pyproject.toml); an editable install or a plain checkout leaves them beside the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

DATA_DIR = _PACKAGE / "data"
"""drafter's own data files (starters, profiles, formulations, fontconfig), always inside the package."""


def data_dir(installed: str, checkout: str, pattern: str) -> Path:
    """The folder ``drafter/<installed>`` if it holds files matching ``pattern``, else ``<repo>/<checkout>``."""
    inside = _PACKAGE / installed
    if inside.is_dir() and any(inside.glob(pattern)):
        return inside
    return _PACKAGE.parent / checkout
