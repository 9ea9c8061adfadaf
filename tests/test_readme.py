"""The README's promises: its two set-up commands exist, and CI runs its test command verbatim."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bash_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```bash\n(.*?)```", text, flags=re.S)]


def test_quick_start_has_the_two_commands_and_ci_runs_the_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## 快速开始", 1)[1].split("\n## ", 1)[0]
    install_render, install_test = bash_blocks(quick)[:2]
    assert install_render.startswith("pip install") and "drafter render examples/" in install_render
    assert install_test.startswith("pip install") and "pytest" in install_test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install_test in ci.rstrip().splitlines()[-2:]  # the last line prints the checks' corpus figures


def test_every_rule_and_command_is_documented():
    from drafter.checks import RULES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"`{rule}`" in readme, rule
    for command in ("render", "new", "types", "schema", "check", "phrases"):
        assert f"drafter {command}" in readme, command


def test_every_brief_key_of_the_framing_issue_is_in_the_brief_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## 简报参考", 1)[1].split("\n## ", 1)[0]
    for key in ("meeting.before.comments_by", "meeting.before.assessment", "meeting.before.superior",
                "meeting.before.place", "speaker.relation", "situation", "framing", "opinions.count",
                "opinions.purpose", "opinions.layout", "closing.text", "closing.adjourn"):
        assert f"`{key}`" in table, key
