"""The 点评意见 of a 述职评议会: one short text per secretary who reported (``reviewees:``).

Each text runs 肯定 → 问题 → 建议 in a superior's voice to a subordinate secretary: a bank sentence
that opens the praise, the brief's strengths as 一是…二是…, the 测评 result when given; a bank
sentence that introduces the problems, the brief's problems; a bank sentence that turns to what
next, the brief's advice (or advice from the bank when the brief gives too little), and a closing
wish. One chooser serves the whole document, so no framing sentence appears twice in it; the texts
of a meeting with more people than a slot has variants start a fresh chooser (another variant) for
the rest. The result is drafter markup, laid out like the speech: title, byline, date, then a
level-1 heading per person.
"""

from __future__ import annotations

from typing import NamedTuple, Sequence

from drafter.checks.length import count_chars
from drafter.compose.phrasebank import PhraseBank, PhraseChooser
from drafter.compose.plan import Plan, split_title
from drafter.compose.templates import escape_markup
from drafter.genre import numbering
from drafter.input.reviewees import Reviewee
from drafter.errors import PhraseError

LENGTH = (300, 600)
"""A 点评's usual length in counted characters (Han characters and punctuation)."""

MAX_STOCK_ADVICE = 3
"""The most pieces of advice from the bank one 点评 takes (the bank holds enough for eight or more people)."""


class Review(NamedTuple):
    """The 点评 of one person: ``heading`` (without its ordinal) and its paragraphs (plain text)."""

    person: Reviewee
    heading: str
    paragraphs: tuple[str, ...]

    @property
    def chars(self) -> int:
        return count_chars("".join(self.paragraphs))


def _listed(items: Sequence[str], form: str = "一是") -> str:
    """«一是…；二是…。» from the brief's lines (their own end punctuation dropped)."""
    parts = [it.strip().rstrip("。；;，,.！!") for it in items if it.strip()]
    if len(parts) == 1:
        return parts[0] + "。"
    return "；".join(numbering.label(form, i, len(parts)) + p for i, p in enumerate(parts, start=1)) + "。"


def _one(person: Reviewee, chooser: PhraseChooser) -> Review:
    ctx = {"person": person.name, "post": person.post, "assessment": person.assessment or ""}
    praise = chooser.phrase("reviews.open", **ctx) + _listed(person.strengths)
    if person.assessment:
        praise += chooser.phrase("reviews.assessment", **ctx)
    problems = chooser.phrase("reviews.problems", **ctx) + _listed(person.problems)
    advice = [a.strip()[1:] if a.strip().startswith("要") else a for a in person.advice]
    intro = chooser.phrase("reviews.next", **ctx)
    close = chooser.phrase("reviews.close", **ctx)

    def total() -> int:
        return count_chars(praise + problems + intro + _listed(advice, "一要") + close) if advice else 0

    added = 0
    while (len(advice) < 2 or total() < LENGTH[0] + 20) and added < MAX_STOCK_ADVICE:
        try:
            extra = chooser.phrase("reviews.advice", **ctx)
        except PhraseError:  # every advice of the bank is used already
            break
        advice.append(extra[1:] if extra.startswith("要") else extra)
        added += 1
    advice_text = intro + _listed(advice, "一要") + close if advice else close
    heading = f"{person.name}同志（{person.post}）"
    return Review(person, heading, (praise, problems, advice_text))


def write_reviews(people: Sequence[Reviewee], bank: PhraseBank, *, date, variant: int,
                  context) -> list[Review]:
    """The 点评 of each person, no framing sentence twice while the bank's variants last."""
    out = []
    chooser = bank.chooser(meeting_type="review", date=date, variant=variant, context=context)
    for person in people:
        try:
            out.append(_one(person, chooser))
        except PhraseError:  # the slots' variants are used up: go on with a fresh chooser
            variant += 1
            chooser = bank.chooser(meeting_type="review", date=date, variant=variant, context=context)
            out.append(_one(person, chooser))
    return out


def reviews_markup(plan: Plan, reviews: Sequence[Review]) -> str:
    """The 点评意见 document as drafter markup, laid out like the speech."""
    lines = [f"# {escape_markup(t)}" for t in split_title(f"{plan.meeting}点评意见")]
    if plan.byline:
        lines.append(f"@byline {escape_markup(plan.byline)}")
    lines.append(f"@date {escape_markup(plan.date_line)}")
    lines.append("@salutation 同志们：")  # the 点评 are spoken at the meeting, one after each 述职
    for i, r in enumerate(reviews, start=1):
        lines.append(f"## {numbering.label('一、', i, len(reviews))}{escape_markup(r.heading)}")
        lines.extend(escape_markup(p) for p in r.paragraphs)
    return "\n\n".join(lines) + "\n"
