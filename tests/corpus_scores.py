"""Precision and recall of ``drafter check`` per rule family over the test corpus.

The corpus (tests/data/corpus/) holds short speech openings written for these tests, one for each
pattern the checks must catch or must leave alone, and clean controls. Beside each speech NAME.txt,
NAME.expect.yaml says the meeting date (and type), what must be reported (``expect``: rule + a text
that the finding's message or line holds, optionally the start of its suggestion) and what must not
(``must_not``). Each speech is checked as a writer checks it (drafter.checks.inputs.check_path).

A finding that matches an expected item is a true positive; any other finding is a false positive
(a false alarm); an expected item no finding matches is a false negative (a miss).

Run: ``python tests/corpus_scores.py`` (prints the table; exit 1 when a family is under the bar).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.checks.inputs import check_path  # noqa: E402
from drafter.input import yamlfile  # noqa: E402
from drafter.input.values import parse_date  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus"

FAMILIES = {
    "placeholder": ("placeholder",),
    "dated": ("dated-formulation", "spirit-string", "year-label", "anniversary"),
    "numbering": ("numbering-mixed", "numbering-sequence", "announced-count", "announced-keyword",
                  "parallel-headings"),
    "repetition": ("repetition",),
    "length": ("length-target", "length-range"),
    "confusable": ("confusable",),
    "closing": ("adjourn", "tense"),
}
FAMILY_OF = {rule: fam for fam, rules in FAMILIES.items() for rule in rules}
MIN_PRECISION = 0.95
MIN_RECALL = 0.90


class Outcome(NamedTuple):
    """One speech's result: (family, what) lists of hits, false alarms and misses, and must_not breaches."""

    speech: str
    true: list[tuple[str, str]]
    false_alarms: list[tuple[str, str]]
    misses: list[tuple[str, str]]
    breaches: list[tuple[str, str]]


def _matches(item: dict, finding, lines: list[str] | None) -> bool:
    """Does ``finding`` report ``item``: same rule, the item's text in the message (or, for an expected
    item, ``lines`` given, in the finding's line), the suggestion starting as the item says."""
    if item["rule"] != finding.rule:
        return False
    line = lines[finding.line - 1] if lines and 0 < finding.line <= len(lines) else ""
    if item["text"] not in finding.message and item["text"] not in line:
        return False
    return finding.suggestion.startswith(item.get("suggestion", ""))


def score_speech(speech: Path) -> Outcome:
    """Check one corpus speech against its NAME.expect.yaml."""
    spec = yamlfile.load(speech.with_suffix(".expect.yaml")).data
    findings, _ = check_path(speech, date=parse_date(spec["date"]), meeting_type=spec.get("type"))
    lines = speech.read_text(encoding="utf-8").splitlines()
    expected = list(spec.get("expect") or [])
    unmatched = list(findings)
    true, misses = [], []
    for item in expected:
        f = next((f for f in unmatched if _matches(item, f, lines)), None)
        if f is None:
            misses.append((FAMILY_OF.get(item["rule"], item["rule"]), f"{item['rule']}: {item['text']}"))
        else:
            unmatched.remove(f)
            true.append((FAMILY_OF.get(f.rule, f.rule), f.message))
    false = [(FAMILY_OF.get(f.rule, f.rule), f"{f.rule}: {f.message}") for f in unmatched
             if f.rule in FAMILY_OF]
    breaches = [(FAMILY_OF.get(item["rule"], item["rule"]), f"{item['rule']}: {item['text']}")
                for item in spec.get("must_not") or [] if any(_matches(item, f, None) for f in findings)]
    return Outcome(speech.name, true, false, misses, breaches)


def scores(corpus: Path = CORPUS) -> tuple[dict[str, dict[str, float | int | None]], list[Outcome]]:
    """Per family: tp, fp, fn, precision, recall (None when there is nothing to divide)."""
    outcomes = [score_speech(p) for p in sorted(corpus.glob("*.txt"))]
    table = {}
    for fam in FAMILIES:
        tp = sum(1 for o in outcomes for f, _ in o.true if f == fam)
        fp = sum(1 for o in outcomes for f, _ in o.false_alarms if f == fam)
        fn = sum(1 for o in outcomes for f, _ in o.misses if f == fam)
        table[fam] = {"tp": tp, "fp": fp, "fn": fn,
                      "precision": tp / (tp + fp) if tp + fp else None,
                      "recall": tp / (tp + fn) if tp + fn else None}
    return table, outcomes


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.0%}"


def main() -> int:
    table, outcomes = scores()
    print(f"drafter check 测试语料：{len(outcomes)} 篇（tests/data/corpus/）")
    print(f"{'规则族':<12}{'应报':>6}{'报对':>6}{'误报':>6}{'漏报':>6}{'准确率':>8}{'召回率':>8}")
    ok = True
    for fam, row in table.items():
        print(f"{fam:<14}{row['tp'] + row['fn']:>6}{row['tp']:>6}{row['fp']:>6}{row['fn']:>6}"
              f"{_pct(row['precision']):>9}{_pct(row['recall']):>9}")
        if (row["precision"] is not None and row["precision"] < MIN_PRECISION) or \
                (row["recall"] is not None and row["recall"] < MIN_RECALL):
            ok = False
    for o in outcomes:
        for _, what in o.false_alarms:
            print(f"  误报 {o.speech}: {what}")
        for _, what in o.misses:
            print(f"  漏报 {o.speech}: {what}")
        for _, what in o.breaches:
            print(f"  不该报却报了 {o.speech}: {what}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
