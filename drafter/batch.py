"""Rendering many briefs at once: ``drafter render A.yaml B.yaml 文件夹/ -o 输出/``.

:func:`expand_briefs` turns the command's arguments into brief files (a folder means every ``*.yaml``
directly inside it, sorted; a pattern the shell did not expand, such as ``"简报/*.yaml"``, is expanded
here). :func:`render_many` renders them on several processes (``jobs``, default ``os.cpu_count()``):
each worker process keeps its loaded phrase bank, compiled templates and .docx base parts between
briefs, so only the first brief of a worker pays for loading them. One bad brief does not stop the
others: its message (exactly as ``drafter render`` prints it for that brief) is kept in the result.

Each brief's output is ``OUTDIR/<brief name>.<format>`` (beside the brief when ``outdir`` is None);
the bytes are the same as a single ``drafter render`` of that brief would write, whatever ``jobs`` is.
"""

from __future__ import annotations

import gc
import glob
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from drafter.errors import DrafterError, UsageError, message
from drafter.main import FORMATS, default_output, render_brief

BRIEF_SUFFIXES = (".yaml", ".yml")
"""Files a folder argument contributes."""

_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Failure:
    """One brief that was not rendered: the brief as given and drafter's message for it (in Chinese)."""

    brief: Path
    message: str


@dataclass
class BatchResult:
    """What :func:`render_many` did.

    ``written``: (brief, output file) of every brief rendered, in the order the briefs were given;
    ``failures``: the briefs not rendered, in the order given; ``total``: the number of briefs;
    ``unmatched``: the folders and patterns that named no brief at all (not counted in ``total``);
    ``interrupted``: the writer pressed Ctrl-C, and the briefs not yet started were not rendered.
    """

    total: int
    written: list[tuple[Path, Path]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    unmatched: list[Failure] = field(default_factory=list)
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        """True when every brief was rendered and every folder or pattern named at least one."""
        return not self.failures and not self.unmatched and not self.interrupted

    def summary(self) -> str:
        """The closing report in Chinese: every problem's message, then the counts (the last line, as a
        compiler ends its output). An empty folder or a pattern matching nothing is not a brief, so it
        is reported beside the counts rather than counted as a failed brief."""
        lines = []
        for f in self.unmatched + self.failures:
            lines += [f.message, ""]
        if self.total == 0:
            lines.append("没有找到任何简报，没有生成讲话稿。")
            return "\n".join(lines)
        counts = f"共 {self.total} 份简报：生成 {len(self.written)} 份，失败 {len(self.failures)} 份"
        if self.unmatched:
            counts += f"；另有 {len(self.unmatched)} 个文件夹或通配符没有找到简报"
        lines.append(counts + "。")
        if self.interrupted:
            left = self.total - len(self.written) - len(self.failures)
            lines.append(f"已中断：已生成 {len(self.written)} 份，其余 {left} 份没有生成；已生成的文件都是完整的。")
        return "\n".join(lines)


def expand_briefs(args: Iterable[os.PathLike | str]) -> tuple[list[Path], list[Failure]]:
    """The brief files named by ``args``, in order, without duplicates, and the arguments that name none.

    A folder contributes its ``*.yaml``/``*.yml`` files (not subfolders), sorted by name; an argument
    with ``*``, ``?`` or ``[`` that is not an existing file is a glob pattern; anything else is a file
    (a missing one fails later with the usual "找不到这个文件" message).
    """
    out: list[Path] = []
    failures: list[Failure] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        key = os.path.normcase(os.path.abspath(p))
        if key not in seen:
            seen.add(key)
            out.append(p)

    for arg in args:
        p = Path(arg)
        text = os.fspath(arg)
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.suffix.lower() in BRIEF_SUFFIXES and f.is_file()
                           and not f.name.startswith("."))
            if not found:
                failures.append(Failure(p, message("文件夹里没有简报（.yaml 文件）", where=p, hint="检查文件夹路径")))
            for f in found:
                add(f)
        elif not p.exists() and _GLOB_CHARS & set(text):
            found = sorted(Path(f) for f in glob.glob(text) if Path(f).is_file())
            if not found:
                failures.append(Failure(p, message("没有与这个通配符匹配的文件", where=p, hint="检查路径和通配符，如 简报/*.yaml")))
            for f in found:
                add(f)
        else:
            add(p)
    return out, failures


def is_batch(args: Sequence[os.PathLike | str]) -> bool:
    """Whether ``drafter render`` arguments ask for batch mode: several, a folder, or a glob pattern."""
    if len(args) != 1:
        return True
    p = Path(args[0])
    return p.is_dir() or (not p.exists() and bool(_GLOB_CHARS & set(os.fspath(args[0]))))


def _render_one(brief: str, target: str | None, fmt: str, force: bool, options: dict) -> tuple[str | None, str | None]:
    """Worker: render one brief; (output path, None) or (None, drafter's message). Never raises."""
    try:
        outcome = render_brief(brief, output=target, fmt=fmt, force=force, **options)
    except DrafterError as err:
        return None, err.render()
    except Exception as err:  # a bug in drafter: reported per brief, the others go on
        return None, message(f"drafter 内部错误（{type(err).__name__}: {err}）", where=brief, hint="请把这份简报和这条信息报告给 drafter 的维护者")
    return os.fspath(outcome.path), None


def _worker_start() -> None:
    """Worker start-up. Ctrl-C is the parent's to handle; a worker finishes the brief it is writing
    (a fraction of a second) and takes no new one, so no output is left half-made."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()  # the command turned the cyclic collector off (drafter.cli.run); a worker that drafts many
    gc.enable()  # briefs collects again, over what it makes from now on only


def render_many(briefs: Sequence[os.PathLike | str], outdir: os.PathLike | str | None, *, fmt: str = "docx",
                force: bool = False, jobs: int | None = None, variant: int | None = None,
                bank_dirs: Sequence[os.PathLike | str] = (), template_dir: os.PathLike | str | None = None,
                layout=None, final: bool = False, review: bool = False,
                progress: Callable[[int, int], None] | None = None) -> BatchResult:
    """Render every brief of ``briefs`` (files, folders, glob patterns; see :func:`expand_briefs`).

    ``outdir``: the folder the outputs go to (created if missing), each named after its brief; None =
    beside each brief. ``jobs``: worker processes (default ``os.cpu_count()``; 1 = in this process).
    ``progress(done, total)`` is called after each brief. The other options are those of
    :func:`drafter.main.render_brief`. Raises :class:`UsageError` only for a bad ``outdir``/``jobs``/
    ``fmt``; every per-brief problem is a :class:`Failure` in the result. Existing outputs are
    refused unless ``force`` (then kept as ``.bak``, as for one brief).
    """
    if fmt not in FORMATS:
        raise UsageError(message(f"不支持的输出格式「{fmt}」。可选：{'、'.join(FORMATS)}"))
    if jobs is not None and jobs < 1:
        raise UsageError(message(f"--jobs 应为正整数（现在是 {jobs}）"))
    if outdir is not None and os.fspath(outdir) == "-":
        raise UsageError(message("一次生成多份讲话稿时不能输出到屏幕（-o -）", hint="用 -o 写出一个文件夹，如 -o 讲话稿/"))
    files, unmatched = expand_briefs(briefs)
    failures: list[Failure] = []
    out_path = Path(outdir) if outdir is not None else None
    if out_path is not None:
        if out_path.exists() and not out_path.is_dir():
            raise UsageError(message("一次生成多份讲话稿时，-o 应是文件夹，这是一个文件", where=out_path, hint="写出文件夹，如 -o 讲话稿/（不存在会自动建立）"))
        try:
            out_path.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise UsageError(message(f"无法建立输出文件夹（{err.strerror}）", where=out_path, hint="换一个位置")) from None

    # one output per brief; two briefs with the same name would write the same file
    tasks: list[tuple[int, Path, str | None]] = []
    claimed: dict[str, Path] = {}
    for i, brief in enumerate(files):
        name = f"{brief.stem}.review.docx" if review else default_output(brief, fmt).name
        target = (out_path / name) if out_path is not None else brief.with_name(name)
        key = os.path.normcase(os.path.abspath(target))
        if key in claimed:
            failures.append(Failure(brief, message(f"输出文件 {target} 与简报 {claimed[key]} 的输出重名，没有生成", where=brief, hint="给其中一份简报改个文件名，或分两次生成到不同文件夹")))
            continue
        claimed[key] = brief
        tasks.append((i, brief, os.fspath(target)))

    options = dict(variant=variant, bank_dirs=[os.fspath(d) for d in bank_dirs],
                   template_dir=os.fspath(template_dir) if template_dir is not None else None,
                   final=final, review=review, **({"layout": layout} if layout is not None else {}))
    total = len(tasks) + len(failures)
    result = BatchResult(total=total, unmatched=unmatched)
    done_ok: list[tuple[int, Path, Path]] = []
    run_failures: list[tuple[int, Failure]] = []
    done = len(failures)
    if progress:
        progress(done, total)

    def record(i: int, brief: Path, got: tuple[str | None, str | None]) -> None:
        nonlocal done
        path, message = got
        if path is not None:
            done_ok.append((i, brief, Path(path)))
        else:
            run_failures.append((i, Failure(brief, message or "")))
        done += 1
        if progress:
            progress(done, total)

    workers = min(jobs or os.cpu_count() or 1, max(1, len(tasks)))
    try:
        if workers == 1:
            for i, brief, target in tasks:
                record(i, brief, _render_one(os.fspath(brief), target, fmt, force, options))
        else:
            _render_in_pool(tasks, workers, fmt, force, options, record)
    except KeyboardInterrupt:
        result.interrupted = True

    result.written = [(b, p) for _, b, p in sorted(done_ok, key=lambda t: t[0])]
    result.failures = failures + [f for _, f in sorted(run_failures, key=lambda t: t[0])]
    return result


def _render_in_pool(tasks, workers: int, fmt: str, force: bool, options: dict, record) -> None:
    """Render ``tasks`` on ``workers`` processes, calling ``record`` as each is done. On Ctrl-C the
    briefs not started are cancelled, the ones being written are finished and recorded, then
    KeyboardInterrupt is raised again."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start)
    futures = {pool.submit(_render_one, os.fspath(brief), target, fmt, force, options): (i, brief)
               for i, brief, target in tasks}
    pending = set(futures)

    def take(fut) -> None:
        pending.discard(fut)
        i, brief = futures[fut]
        try:
            got = fut.result()
        except Exception as err:  # a worker died (out of memory, killed)
            got = (None, message(f"生成进程意外退出（{type(err).__name__}）", where=brief, hint="单独生成这份简报再试"))
        record(i, brief, got)

    try:
        for fut in as_completed(futures):
            take(fut)
    except KeyboardInterrupt:
        pool.shutdown(wait=True, cancel_futures=True)
        for fut in list(pending):
            if fut.done() and not fut.cancelled():
                take(fut)
        raise
    pool.shutdown(wait=True)


def progress_bar():
    """(bar, callback) when stderr is a terminal, else None: ``bar`` is a rich progress bar on stderr
    to use as a context manager, ``callback(done, total)`` the ``progress`` argument of :func:`render_many`."""
    if not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("生成讲话稿"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True)
    task = bar.add_task("render", total=None)

    def update(done: int, _total: int) -> None:
        bar.update(task, completed=done, total=_total)

    return bar, update
