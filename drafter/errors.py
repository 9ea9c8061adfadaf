"""drafter's errors, all of them here. Every error a writer can cause derives from :class:`DrafterError`.

The CLI catches :class:`DrafterError` once, prints :meth:`DrafterError.render` to stderr and exits
with :attr:`DrafterError.exit_code`. Anything else escaping is a bug in drafter.

Messages are in Chinese (the writer reads them); a problem that has a place says it in compiler
style, ``FILE:LINE:COL: 错误：message``, followed by a hint (``提示：…``) where one helps.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


def message(text: str, *, where: str | os.PathLike = "", hint: str = "", level: str = "错误") -> str:
    """The one format of every message drafter prints for a writer: ``WHERE: 错误：TEXT`` and, when a
    hint helps, ``    提示：HINT`` on the next line. ``where`` is a file (``brief.yaml``), a place in one
    (``brief.yaml:12:5``) or empty; ``level`` is 错误 (error), 警告 (warning) or 注意 (notice)."""
    where = os.fspath(where) if where else ""
    out = f"{where}: {level}：{text}" if where else f"{level}：{text}"
    return f"{out}\n    提示：{hint}" if hint else out


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, with where it is.

    ``line`` and ``column`` are 1-based; 0 means "not known" (the whole file).
    """

    file: str
    line: int
    column: int
    message: str
    hint: str = ""

    def render(self) -> str:
        where = f"{self.file}:{self.line}:{self.column or 1}" if self.line else self.file
        return message(self.message, where=where, hint=self.hint)


class DrafterError(Exception):
    """Base of every error drafter reports to a writer. ``exit_code`` is what the CLI exits with."""

    exit_code = 1

    def render(self) -> str:
        """The full message as the writer sees it."""
        return str(self)


class ProblemsError(DrafterError):
    """An input file has one or more problems; all of them are reported at once."""

    def __init__(self, problems: list[Problem], summary: str = "") -> None:
        self.problems = list(problems)
        self.summary = summary
        super().__init__(self.render())

    def render(self) -> str:
        lines = [p.render() for p in self.problems]
        if self.summary:
            lines.append(self.summary)
        return "\n".join(lines)


class BriefError(ProblemsError):
    """The brief cannot be read or does not describe a speech drafter can write."""

    def __init__(self, problems: list[Problem]) -> None:
        n = len(problems)
        file = problems[0].file if problems else "简报"
        super().__init__(problems, f"{file}：共 {n} 处问题，未生成任何文件。")


class TemplateError(DrafterError):
    """A template or phrase text failed to render (syntax error, undefined variable, sandbox refusal)."""

    def __init__(self, message: str, *, file: str = "", line: int = 0, source_line: str = "") -> None:
        self.message = message
        self.file = file
        self.line = line
        self.source_line = source_line
        super().__init__(self.render())

    def render(self) -> str:
        where = f"{self.file}:{self.line}: " if self.file and self.line else (f"{self.file}: " if self.file else "")
        text = f"{where}错误：{self.message}"
        if self.source_line:
            text += f"\n    {self.source_line.strip()}"
        return text


class MarkupError(ProblemsError):
    """The markup produced by a template is not well formed (a template bug or a user template slip)."""


class OutputError(DrafterError):
    """The output cannot be written: it exists, its folder is missing, permission, disk full."""


class UsageError(DrafterError):
    """The command line itself is wrong (exit code 2, as for any command-line misuse)."""

    exit_code = 2


class PlaceholdersLeft(DrafterError):
    """``render --final`` refuses a draft that still has placeholders (X, ××, 【…】)."""

    def __init__(self, report: str, count: int) -> None:
        super().__init__(report + "\n" + message(f"还有 {count} 处占位符没有填写，定稿（--final）未生成。",
                                                 hint="在简报中把 X、××、【…】换成实际内容，或去掉 --final 先生成初稿"))


class BankEditError(DrafterError):
    """An edit of a bank file cannot be done (entry missing, id taken, file unreadable …)."""


class ConcurrentEditError(BankEditError):
    """Someone else changed or is changing the same bank file; nothing was written."""


class AcceptError(ProblemsError):
    """An accept file cannot be read or is not in the accept format."""

    def __init__(self, problems: list[Problem]) -> None:
        file = problems[0].file if problems else "接受文件"
        super().__init__(problems, f"{file}：共 {len(problems)} 处问题，未做检查。")


class FormulationsError(ProblemsError):
    """A formulations file cannot be read or does not describe formulations."""

    def __init__(self, problems: list[Problem]) -> None:
        file = problems[0].file if problems else "提法文件"
        super().__init__(problems, f"{file}：共 {len(problems)} 处问题，未做检查。")


class PhraseError(DrafterError):
    """The bank has nothing to say for a slot (unknown slot, nothing valid for the brief, all used)."""


class SpeechReadError(DrafterError):
    """The speech file cannot be read."""


class DocxPackageError(DrafterError):
    """A .docx that is not a readable zip package, or one over the size limits."""

    def __init__(self, path: str, message: str, hint: str, *, over_limit: bool = True) -> None:
        self.path, self.message, self.hint, self.over_limit = path, message, hint, over_limit
        super().__init__(self.render())

    def render(self) -> str:
        return message(self.message, where=self.path, hint=self.hint)


class ReferenceDocError(DrafterError):
    """The unit's reference Word file (``--reference-doc``) cannot be used."""

    def __init__(self, path: str, message: str, hint: str = "") -> None:
        self.path, self.message, self.hint = path, message, hint
        super().__init__(self.render())

    def render(self) -> str:
        return message(self.message, where=self.path, hint=self.hint)


class PdfError(DrafterError):
    """The PDF could not be made (LibreOffice missing or failing)."""

    def __init__(self, message: str, hint: str = "") -> None:
        self.message, self.hint = message, hint
        super().__init__(self.render())

    def render(self) -> str:
        return message(self.message, hint=self.hint)


class NotASpeechError(DrafterError):
    """The file read has no speech in it (no numbered opinions): nothing is imported."""
