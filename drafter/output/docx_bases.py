"""Build the base packages of the built-in profiles, shipped in ``drafter/data/docx/``.

Run ``python -m drafter.output.docx_bases`` after changing a built-in profile or the style code
(:mod:`drafter.output.docx_styles`): it rewrites one ``<profile>-<fingerprint>.docx`` for each
built-in profile and its reading copy, and removes stale ones. tests/test_wordfile.py rebuilds them
and fails when a shipped file differs, so a stale base can never ship.
"""

from __future__ import annotations

from drafter.output.layout import LayoutProfile, builtin_profiles, load_profile, reading_copy
from drafter.output.wordfile import BASE_DIR, base_package, fingerprint


def builtin_bases() -> dict[str, LayoutProfile]:
    """File name → profile, for every base that is shipped."""
    out = {}
    for name in builtin_profiles():
        for profile in (load_profile(name), reading_copy(load_profile(name))):
            out[f"{profile.name}-{fingerprint(profile)}.docx"] = profile
    return out


def main() -> None:
    BASE_DIR.mkdir(exist_ok=True)
    wanted = builtin_bases()
    for old in BASE_DIR.glob("*.docx"):
        if old.name not in wanted:
            old.unlink()
    for file_name, profile in wanted.items():
        (BASE_DIR / file_name).write_bytes(base_package(profile))
        print(f"wrote {BASE_DIR / file_name}")


if __name__ == "__main__":
    main()
