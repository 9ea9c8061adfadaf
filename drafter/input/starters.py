"""Starter briefs for ``drafter new``: one per meeting type, commented in Chinese key by key.

The starters are data files (``drafter/data/starters/<type>.yaml``); each renders as it is, so a
writer can try drafter first and then edit the brief line by line.
"""

from __future__ import annotations

from drafter.genre import meeting_types
from drafter.errors import UsageError, message
from drafter.resources import DATA_DIR

STARTER_DIR = DATA_DIR / "starters"


def starter_brief(type_name: str) -> tuple[str, meeting_types.MeetingType]:
    """The starter brief's text for a meeting type given by id or Chinese name, and the type."""
    mt = meeting_types.lookup(type_name)
    if mt is None:
        choices = "；".join(f"{t.id}（{t.name}）" for t in meeting_types.TYPES.values())
        raise UsageError(message(f"没有「{type_name}」这种会议类型。", hint=f"可选 {choices}"))
    return (STARTER_DIR / f"{mt.id}.yaml").read_text(encoding="utf-8"), mt
