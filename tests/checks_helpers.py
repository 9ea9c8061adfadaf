"""Shared helpers of the tests of drafter.checks."""

from __future__ import annotations

import datetime as dt

from drafter.checks import CheckContext, run_checks
from drafter.speech.markup import parse


def findings(markup: str, rule: str | None = None, **ctx):
    """Findings of ``rule`` (all rules when None) on a speech written in drafter markup."""
    ctx.setdefault("file", "t.md")
    if isinstance(ctx.get("meeting_date"), str):
        ctx["meeting_date"] = dt.date.fromisoformat(ctx["meeting_date"])
    out = run_checks(parse(markup, "t.md"), CheckContext(**ctx))
    return [f for f in out if rule is None or f.rule == rule]
