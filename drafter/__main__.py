"""``python -m drafter`` is the same as the ``drafter`` command."""

from drafter.cli import run

if __name__ == "__main__":  # pragma: no cover - exercised through subprocess tests
    run()
