"""drafter's benchmark against baselines measured in the same run.  Run: ``python bench/run.py``
(``--quick`` for fewer repeats).

What it measures (medians of several repeats; wall-clock):

- in process: ``make_draft`` + ``format_draft(…, "docx")`` of each bundled example and of a large
  brief (generated into a temp folder at run time from three examples, about 9,000 characters of
  speech), after one warm-up call; the first (cold) call is shown too; beside them the lower bound
  (a minimal .docx written with ``zipfile`` and joined XML strings) and plain python-docx;
- whole commands: ``python -m drafter render EX -o tmp --force`` (checks included) against the
  start-up floor ``python -c "import docx, jinja2, yaml"``; ``drafter --help`` against
  ``python -c "import typer"``; ``drafter types`` and ``drafter phrases list``;
- ``drafter render`` of the review example with the shipped bank and templates, and in copies of the tree
  without ``drafter/data/phrasebank.json`` or without ``templates.json``: what each saves a render; and the
  same render through ``drafter.cli.main`` called directly, with Python's cyclic garbage collector on as it
  comes (the command, ``drafter.cli.run``, turns it off): what that saves;
- batch: 200 copies of a brief rendered by ``drafter render DIR -o OUT --jobs 2``, against one
  ``drafter render`` of that brief, the two interleaved (3 batches; 1 with ``--quick``).
- the writer's desk (``drafter serve``, issue 15): the time from a changed field (one value posted
  to ``/preview/NAME``, as the page does after the writer stops typing) to the new preview's HTML,
  for each brief, against a cold ``drafter render`` of the same brief (goal ≤ 0.3×); and a PDF
  download from the warm LibreOffice the server keeps against the command line's
  ``drafter render -f pdf`` (goal ≤ 0.5×; only when LibreOffice is installed).
  ``--web`` runs this part alone (with the cold command measured for it).

Each group of measurements is interleaved (round-robin), so that a change in the machine's speed
during the run affects drafter and its baselines alike. The ratios printed last are the limits of
issue 12: ``drafter render`` ≤ 1.6× the floor, a 200-brief batch ≤ 8× one render, ``drafter --help``
≤ 1.3× ``import typer``.

Before measuring, drafter's modules are byte-compiled (``compileall``), as ``pip install`` does for
an installed package.
"""

from __future__ import annotations

import gc
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
ENV = dict(os.environ, PYTHONPATH=str(ROOT))


def median_time(fn, repeats: int) -> float:
    """Median seconds of ``fn()`` over ``repeats`` calls."""
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def interleaved(fns, repeats: int) -> list[float]:
    """Median seconds of each of ``fns``, called in turn ``repeats`` times (round-robin).

    Garbage is collected before each call, so that no call pays for the garbage of the one before.
    """
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeats):
        for fn, ts in zip(fns, times):
            gc.collect()
            t = time.perf_counter()
            fn()
            ts.append(time.perf_counter() - t)
    return [statistics.median(ts) for ts in times]


def run_cmd(args: list[str], cwd: Path, env: dict | None = None) -> None:
    proc = subprocess.run(args, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if proc.returncode not in (0,):
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(args)}\n{proc.stderr.decode()}")


# ------------------------------------------------------------------ the large brief


def write_large_brief(folder: Path) -> Path:
    """A long annual-meeting brief: the annual example with the achievements, problems and opinions of
    the other two examples added, about 9,000 characters of speech in 85 paragraphs.

    Varied text, as a real long speech has: copies of one example would make the repetition check
    report every copied sentence (about 200 warnings), which no draft a writer renders has.
    """
    import yaml

    data = {name: yaml.safe_load((ROOT / "examples" / f"{name}.yaml").read_text(encoding="utf-8"))
            for name in ("annual", "review", "quarterly")}
    large = data["annual"]
    large["opinions"]["noun"] = "意见"  # the other examples' headings do not all begin with 坚持
    large["options"]["minutes"] = 50
    for part in ("achievements", "problems", "opinions"):
        for other in ("review", "quarterly"):
            large[part]["items"] += data[other][part]["items"]
    path = folder / "large.yaml"

    class NoAliases(yaml.SafeDumper):  # briefs refuse & anchors and * aliases
        def ignore_aliases(self, data):
            return True

    path.write_text(yaml.dump(large, Dumper=NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# ------------------------------------------------------------------ baselines


def zipfile_docx(blocks) -> bytes:
    """The lower bound: a minimal valid .docx of the same paragraphs, fonts and sizes set directly."""
    from drafter.speech.blocks import Kind

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paras = []
    for b in blocks:
        font, size, jc = ("方正小标宋简体", 44, "center") if b.kind == Kind.TITLE else ("仿宋_GB2312", 32, "both")
        runs = "".join(
            f'<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{font}"/>'
            f'{"<w:b/>" if r.bold else ""}<w:sz w:val="{size}"/></w:rPr><w:t xml:space="preserve">{escape(r.text)}</w:t></w:r>'
            for r in b.runs)
        paras.append(f'<w:p><w:pPr><w:spacing w:line="580" w:lineRule="exact"/><w:ind w:firstLineChars="200"/>'
                     f'<w:jc w:val="{jc}"/></w:pPr>{runs}</w:p>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {w}><w:body>'
                + "".join(paras) +
                '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" '
                'w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>')
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
    return buf.getvalue()


def python_docx_plain(blocks) -> bytes:
    """Plain python-docx: the default template, each paragraph and run with direct fonts and size."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from drafter.speech.blocks import Kind

    document = docx.Document()
    for b in blocks:
        p = document.add_paragraph()
        title = b.kind == Kind.TITLE
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if title else WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.line_spacing = Pt(29)
        for r in b.runs:
            run = p.add_run(r.text)
            run.bold = r.bold
            run.font.size = Pt(22 if title else 16)
            run.font.name = "Times New Roman"
            run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"),
                                                                  "方正小标宋简体" if title else "仿宋_GB2312")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# ------------------------------------------------------------------ the run


def main() -> None:
    quick = "--quick" in sys.argv
    reps_in, reps_cmd, reps_batch, n_batch = (9, 5, 1, 200) if quick else (31, 11, 3, 200)
    tmp = Path(tempfile.mkdtemp(prefix="drafter-bench-"))
    try:
        if "--web" in sys.argv:
            briefs = sorted((ROOT / "examples").glob("*.yaml")) + [write_large_brief(tmp)]
            cold = {b.stem: median_time(lambda b=b: run_cmd(
                [PY, "-m", "drafter", "render", str(b), "-o", str(tmp / f"{b.stem}.docx"), "--force"], tmp), reps_cmd)
                for b in briefs}
            _web(tmp, briefs, cold, reps_cmd)
        else:
            _run(tmp, reps_in, reps_cmd, reps_batch, n_batch)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _run(tmp: Path, reps_in: int, reps_cmd: int, reps_batch: int, n_batch: int) -> None:
    import compileall

    compileall.compile_dir(str(ROOT / "drafter"), quiet=1)
    large = write_large_brief(tmp)
    briefs = sorted((ROOT / "examples").glob("*.yaml")) + [large]

    t = time.perf_counter()
    from drafter.main import format_draft, make_draft
    import_s = time.perf_counter() - t

    rows = []
    for brief in briefs:
        t = time.perf_counter()
        draft = make_draft(brief)
        format_draft(draft, "docx")
        cold = time.perf_counter() - t
        chars = sum(len(b.text) for b in draft.blocks)
        # interleaved: a drift of the machine's speed during the run moves drafter and its baselines alike
        inproc, draft_only, zbound = interleaved([
            lambda: format_draft(make_draft(brief), "docx"),
            lambda: make_draft(brief),
            lambda: zipfile_docx(draft.blocks),
        ], reps_in)
        pdocx = median_time(lambda: python_docx_plain(draft.blocks), max(3, reps_in // 3))
        rows.append([brief.stem, chars, cold, inproc, draft_only, zbound, pdocx])

    def command(brief: Path) -> list[str]:
        return [PY, "-m", "drafter", "render", str(brief), "-o", str(tmp / f"{brief.stem}.docx"), "--force"]

    # the same tree without the shipped bank, or without the shipped templates: what each saves a render
    def tree_without(name: str) -> dict:
        copy = tmp / f"without-{name}"
        for part in ("drafter", "templates", "phrasebank"):
            shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
        (copy / "drafter" / "data" / name).unlink()
        compileall.compile_dir(str(copy / "drafter"), quiet=1)
        return dict(ENV, PYTHONPATH=str(copy))

    review = ROOT / "examples" / "review.yaml"
    no_bank, no_templates = tree_without("phrasebank.json"), tree_without("templates.json")
    # and drafter.cli.main called directly, so that Python's cyclic collector runs as it comes (drafter.cli.run,
    # the command, turns it off and skips its pass at exit): what that saves a render
    collector_on = [PY, "-c", "import sys; from drafter.cli import main; main(sys.argv[1:])"] + command(review)[3:]
    with_shipped, without_bank, without_templates, with_collector = interleaved(
        [lambda: run_cmd(command(review), tmp), lambda: run_cmd(command(review), tmp, no_bank),
         lambda: run_cmd(command(review), tmp, no_templates), lambda: run_cmd(collector_on, tmp)], reps_cmd)

    quick = (["--help"], ["types"], ["phrases", "list"])
    timed = interleaved(
        [lambda: run_cmd([PY, "-c", "import docx, jinja2, yaml"], tmp), lambda: run_cmd([PY, "-c", "pass"], tmp),
         lambda: run_cmd([PY, "-c", "import typer"], tmp)]
        + [lambda b=b: run_cmd(command(b), tmp) for b in briefs]
        + [lambda a=a: run_cmd([PY, "-m", "drafter", *a], tmp) for a in quick], reps_cmd)
    floor, bare, typer_floor = timed[0], timed[1], timed[2]
    for row, cmd in zip(rows, timed[3:3 + len(briefs)]):
        row.append(cmd)
    starts = [(" ".join(a), s) for a, s in zip(quick, timed[3 + len(briefs):])]

    # batch: n small briefs (the quarterly example under n names) on 2 cores, against one render of it
    quarterly = ROOT / "examples" / "quarterly.yaml"
    src = quarterly.read_bytes()
    bdir = tmp / "batch"
    bdir.mkdir()
    for i in range(n_batch):
        (bdir / f"brief{i:04d}.yaml").write_bytes(src)
    # a few batches, each into a new folder, interleaved with one render of the same brief: one batch alone
    # is one sample of a machine whose speed drifts
    runs = iter(range(reps_batch))

    def batch() -> None:
        out = tmp / f"batch-out-{next(runs)}"
        run_cmd([PY, "-m", "drafter", "render", str(bdir), "-o", str(out), "--jobs", "2"], tmp)

    batch_s, one = interleaved([batch, lambda: run_cmd(command(quarterly), tmp)], reps_batch)
    written = len(list((tmp / "batch-out-0").glob("*.docx")))

    ms = lambda s: f"{s * 1000:8.1f}"  # noqa: E731
    print(f"drafter benchmark · Python {sys.version.split()[0]} · {os.cpu_count()} CPUs · "
          f"medians of {reps_in} (in process) / {reps_cmd} (commands) runs · ms")
    print(f"import of drafter.main (once): {import_s * 1000:.0f} ms")
    print()
    print(f"{'brief':<10}{'chars':>7}{'cold':>9}{'render':>9}{'draft':>9}{'zipfile':>9}{'py-docx':>9}"
          f"{'command':>9}{'r/zip':>8}{'cmd/floor':>11}")
    for name, chars, cold, inproc, draft_only, zbound, pdocx, cmd in rows:
        print(f"{name:<10}{chars:>7}{ms(cold):>9}{ms(inproc):>9}{ms(draft_only):>9}{ms(zbound):>9}{ms(pdocx):>9}"
              f"{ms(cmd):>9}{inproc / zbound:>7.1f}×{cmd / floor:>10.2f}×")
    print()
    print(f"start-up floor  python -c 'import docx, jinja2, yaml': {ms(floor)}")
    print(f"typer floor     python -c 'import typer':              {ms(typer_floor)}")
    print(f"bare            python -c pass:                        {ms(bare)}")
    print(f"render review   with the shipped bank and templates:   {ms(with_shipped)}"
          f"   without the bank: {ms(without_bank)} (saves {(without_bank - with_shipped) * 1000:.0f} ms)"
          f"   without the templates: {ms(without_templates)} (saves {(without_templates - with_shipped) * 1000:.0f} ms)")
    print(f"render review   with the cyclic collector on:          {ms(with_collector)}"
          f"   (turning it off saves {(with_collector - with_shipped) * 1000:.0f} ms)")
    for name, s in starts:
        print(f"drafter {name:<16}{ms(s)}   ({s / bare:.1f}× bare python)")
    print()
    print(f"batch: {written}/{n_batch} briefs, --jobs 2: {batch_s:.2f} s ({batch_s / n_batch * 1000:.1f} ms a brief; "
          f"median of {reps_batch}); one render of the same brief: {one * 1000:.0f} ms")
    print()
    worst_cmd = max(r[7] / floor for r in rows)
    batch_ratio = batch_s / one
    help_ratio = dict(starts)["--help"] / typer_floor
    print("limits of issue 12: render/floor ≤ 1.6×: " + ("met" if worst_cmd <= 1.6 else "missed")
          + f" (worst {worst_cmd:.2f}×) · batch of {n_batch}/one render ≤ 8×: " + ("met" if batch_ratio <= 8 else "missed")
          + f" ({batch_ratio:.1f}×) · --help/import typer ≤ 1.3×: " + ("met" if help_ratio <= 1.3 else "missed")
          + f" ({help_ratio:.2f}×)")
    print()
    _web(tmp, briefs, {row[0]: row[7] for row in rows}, reps_cmd)


# ------------------------------------------------------------------ the writer's desk


def _web(tmp: Path, briefs: list[Path], cold: dict[str, float], reps: int) -> None:
    """The desk's preview after a changed field, and its warm PDF, against the cold commands."""
    import socket
    import urllib.parse
    import urllib.request

    folder = tmp / "desk"
    folder.mkdir()
    for b in briefs:
        shutil.copyfile(b, folder / b.name)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([PY, "-m", "drafter", "serve", str(folder), "--port", str(port), "--no-browser"],
                              env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"

    def post(path: str, data: dict) -> bytes:
        body = urllib.parse.urlencode(data).encode()
        with urllib.request.urlopen(urllib.request.Request(base + path, data=body), timeout=600) as r:
            return r.read()

    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.1)
        print("writer's desk (drafter serve): a changed field → the new preview, against a cold drafter render")
        n = iter(range(10**6))
        worst = 0.0
        for b in briefs:
            path = "/preview/" + urllib.parse.quote(b.name)
            post(path, {"speaker.name": "张三"})  # the page's first preview, on opening the brief
            s = median_time(lambda: post(path, {"speaker.name": f"张{next(n)}"}), reps)
            worst = max(worst, s / cold[b.stem])
            print(f"  {b.stem:<10} preview {ms_(s)} ms   cold render {ms_(cold[b.stem])} ms   {s / cold[b.stem]:.2f}×")
        print("  target preview ≤ 0.3× cold render: " + ("met" if worst <= 0.3 else f"missed (worst {worst:.2f}×)"))
        from drafter.output.pdf import find_soffice

        if find_soffice() is None:
            print("  PDF: LibreOffice not installed, not measured")
            return
        b = briefs[0]
        pdf_path = "/download/" + urllib.parse.quote(b.name) + "?kind=pdf"
        t = time.perf_counter()
        urllib.request.urlopen(base + pdf_path, timeout=600).read()
        first = time.perf_counter() - t
        warm = []
        for _ in range(3):
            time.sleep(8)  # the writer reads the first PDF; the server's next LibreOffice starts meanwhile
            t = time.perf_counter()
            urllib.request.urlopen(base + pdf_path, timeout=600).read()
            warm.append(time.perf_counter() - t)
        cli = median_time(lambda: run_cmd([PY, "-m", "drafter", "render", str(b), "-f", "pdf", "-o",
                                           str(tmp / "cli.pdf"), "--force"], tmp), 3)
        w = statistics.median(warm)
        print(f"  PDF ({b.stem}): first from the desk {ms_(first)} ms, warm {ms_(w)} ms, "
              f"cold command line {ms_(cli)} ms: warm/cold {w / cli:.2f}× (target ≤ 0.5×: "
              + ("met)" if w / cli <= 0.5 else "missed)"))
    finally:
        server.terminate()
        server.wait(timeout=30)


def ms_(s: float) -> str:
    return f"{s * 1000:.0f}"


if __name__ == "__main__":
    main()
