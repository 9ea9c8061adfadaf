"""Regenerate the golden drafts in tests/golden/ from the bundled examples.

    python tests/update_golden.py

Run it after changing templates, the phrase bank or the plan, then review the diff of tests/golden/ (it shows
exactly what a writer's draft gains or loses) and commit it with the change.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.main import format_draft, make_draft  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def rendered(example: Path) -> dict[str, str]:
    """The example's draft as markup (.md) and plain text (.txt)."""
    draft = make_draft(example)
    return {fmt: format_draft(draft, fmt).decode("utf-8") for fmt in ("md", "txt")}


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for example in EXAMPLES:
        for fmt, text in rendered(example).items():
            target = GOLDEN / f"{example.stem}.{fmt}"
            old = target.read_text(encoding="utf-8") if target.exists() else None
            target.write_text(text, encoding="utf-8")
            print(f"{'unchanged' if old == text else 'updated  '} {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
