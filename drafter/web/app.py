"""The writer's desk: the Starlette application and the desk's own pages.

:func:`create_app` builds the application for one FOLDER: the desk (briefs and drafts in the
folder, new brief, import), the check page and the downloads are here; the brief editor is in
:mod:`drafter.web.editor`, the phrase bank in :mod:`drafter.web.bank`, what they share in
:mod:`drafter.web.desk`. Every page calls the same
library functions as the command line (:mod:`drafter.main`, :mod:`drafter.checks`,
:mod:`drafter.compose.phrase_edit`); this layer only turns requests into calls and errors into pages.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from drafter.checks.inputs import check_draft, check_path, parse_date_option
from drafter.errors import DrafterError
from drafter.genre.dates import format_date
from drafter.genre.meeting_types import TYPES
from drafter.importer import import_speech
from drafter.input.starters import starter_brief
from drafter.main import LayoutOptions, format_draft, make_draft
from drafter.output.files import write_atomic
from drafter.speech.reader import read_speech
from drafter.web import bank, editor
from drafter.web.desk import BRIEF_SUFFIXES, DOWNLOADS, IMPORT_SUFFIXES, SPEECH_SUFFIXES, WEB_DIR, Desk, desk_of
from drafter.web.preview import layout, stats
from drafter.web.safety import BodyLimit, OwnOriginOnly, Refused, folder_file, read_upload, safe_new_name

# ----------------------------------------------------------------------------- the desk


@dataclass
class Summary:
    name: str
    kind: str  # "brief" | "speech"
    date: str = ""
    type: str = ""
    errors: int = 0
    warnings: int = 0
    problem: str = ""


def _summary(desk: Desk, path: Path) -> Summary:
    st = path.stat()
    key = (path.name, st.st_mtime_ns, st.st_size)
    found = desk.summaries.get(key)
    if found is not None:
        return found

    brief = path.suffix.lower() in BRIEF_SUFFIXES
    s = Summary(path.name, "brief" if brief else "speech")
    try:
        if brief:
            draft = make_draft(path)
            findings, ctx = check_draft(draft)
            s.type = draft.plan.type.name
        else:
            findings, ctx = check_path(path)
        if ctx.meeting_date:
            s.date = format_date(ctx.meeting_date)
        s.errors = sum(f.severity == "error" for f in findings)
        s.warnings = sum(f.severity == "warning" for f in findings)
    except DrafterError as err:
        problems = getattr(err, "problems", None)
        s.problem = f"有 {len(problems)} 处问题，打开后逐项修改" if problems else err.render().splitlines()[0]
    desk.summaries[key] = s
    return s


def _listing(desk: Desk) -> tuple[list[Summary], list[Summary]]:
    briefs, speeches = [], []
    for path in sorted(desk.folder.iterdir(), key=lambda p: p.name):
        name = path.name
        if name.startswith(".") or path.is_symlink() or not path.is_file() or ".bak." in name:
            continue
        low = name.lower()
        if low.endswith(BRIEF_SUFFIXES) and name != "drafter.yaml":
            briefs.append(_summary(desk, path))
        elif low.endswith((".docx", ".txt")):
            speeches.append(_summary(desk, path))
    return briefs, speeches


async def home(request: Request) -> Response:
    desk = desk_of(request)
    briefs, speeches = _listing(desk)
    return desk.page("desk.html", briefs=briefs, speeches=speeches, types=list(TYPES.values()),
                     downloads=DOWNLOADS, quote=urllib.parse.quote)


def _unique(folder: Path, name: str) -> str:
    stem, suffix = os.path.splitext(name)
    n = 2
    while (folder / name).exists() or (folder / name).is_symlink():
        name = f"{stem}-{n}{suffix}"
        n += 1
    return name


def _to_editor(name: str) -> RedirectResponse:
    return RedirectResponse(f"/edit/{urllib.parse.quote(name)}", status_code=303)


async def new_brief(request: Request) -> Response:
    desk = desk_of(request)
    form = await request.form()
    text, mt = starter_brief(str(form.get("type", "")))
    wanted = str(form.get("name", "")).strip() or mt.name
    name = safe_new_name(wanted, ".yaml")
    if (desk.folder / name).exists():
        raise Refused(f"已经有一份叫「{name}」的简报", 409, "换一个名字，或回到首页打开它")
    write_atomic(folder_file(desk.folder, name, must_exist=False), text.encode("utf-8"))
    desk.notices[name] = f"已按「{mt.name}」生成起始简报，逐项修改即可；右侧是生成的讲话稿预览。"
    return _to_editor(name)


async def _uploaded_speech(request: Request, suffixes: tuple[str, ...]) -> tuple[str, str, bytes, dict]:
    """The speech uploaded as form field ``speech``: its file name (no folders), suffix and bytes,
    and the form's other fields."""
    form = await request.form()
    upload = form.get("speech")
    kinds = "、".join(suffixes)
    if upload is None or not getattr(upload, "filename", ""):
        raise Refused(f"请先选择一份讲话稿（{kinds}）", 400)
    filename = os.path.basename(upload.filename.replace("\\", "/"))
    suffix = os.path.splitext(filename)[1].lower()
    if suffix not in suffixes:
        raise Refused(f"「{filename}」不是这里能用的讲话稿文件（只接受 {kinds}）", 400)
    others = {k: str(v) for k, v in form.multi_items() if k != "speech"}
    return filename, suffix, await read_upload(upload), others


class _Uploaded:
    """An uploaded speech as a file in a private temporary folder; a DrafterError raised while it is
    read names the writer's file, not the temporary one."""

    def __init__(self, filename: str, suffix: str, data: bytes) -> None:
        self.filename, self.suffix, self.data = filename, suffix, data

    def __enter__(self) -> Path:
        self._tmp = tempfile.TemporaryDirectory(prefix="drafter-web-")
        self.path = Path(self._tmp.name) / f"speech{self.suffix}"
        self.path.write_bytes(self.data)
        return self.path

    def __exit__(self, kind, err, tb) -> None:
        self._tmp.cleanup()
        if isinstance(err, DrafterError):
            raise DrafterError(err.render().replace(str(self.path), self.filename)) from None


async def import_speech_page(request: Request) -> Response:
    desk = desk_of(request)
    filename, suffix, data, others = await _uploaded_speech(request, IMPORT_SUFFIXES)

    date = parse_date_option(others.get("date") or None)
    with _Uploaded(filename, suffix, data) as src:
        imported = await run_in_threadpool(import_speech, src, date=date, type_id=others.get("type") or None)
    name = _unique(desk.folder, safe_new_name(os.path.splitext(filename)[0], ".yaml"))
    write_atomic(folder_file(desk.folder, name, must_exist=False), imported.yaml_text.encode("utf-8"))
    note = f"已从「{filename}」导入为简报「{name}」。{imported.type_reason}"
    if imported.markers:
        note += f" 有 {len(imported.markers)} 处与日期有关的内容标了【核实】，请逐一核对。"
    desk.notices[name] = note
    return _to_editor(name)


# ----------------------------------------------------------------------------- check


async def check_page(request: Request) -> Response:
    desk = desk_of(request)
    if request.method == "GET":
        name = request.query_params.get("name")
        if not name:
            return desk.page("check.html")
        path = folder_file(desk.folder, name, suffixes=SPEECH_SUFFIXES)
        return _checked(desk, path, name)
    filename, suffix, data, _ = await _uploaded_speech(request, SPEECH_SUFFIXES)
    with _Uploaded(filename, suffix, data) as src:
        return _checked(desk, src, filename)


def _checked(desk: Desk, path: Path, shown_name: str) -> Response:
    findings, ctx = check_path(path)
    blocks = read_speech(path)
    return desk.page("check.html", checked=shown_name, pages=layout(blocks, findings), findings=findings,
                     stats=stats(blocks, ctx))


# ----------------------------------------------------------------------------- downloads


async def download(request: Request) -> Response:
    """A brief's draft as a file: from the saved brief (GET) or from the editor's form (POST)."""
    desk = desk_of(request)
    name = request.path_params["name"]
    kind = request.query_params.get("kind", "docx")
    if kind not in DOWNLOADS:
        raise Refused(f"不能下载「{kind}」", 400)
    path = folder_file(desk.folder, name, suffixes=BRIEF_SUFFIXES)
    text = None
    if request.method == "POST":
        text = editor.form_text(path, await request.form())

    def build() -> bytes:
        draft = make_draft(path, text=text)
        findings = check_draft(draft)[0] if kind == "review" else None
        data = format_draft(draft, "docx", layout=LayoutOptions(reading=kind == "reading"), findings=findings)
        return desk.pdf(data) if kind == "pdf" else data

    data = await run_in_threadpool(build)  # a PDF takes a second or more: the page stays responsive
    filename = DOWNLOADS[kind][1].format(stem=path.stem)
    media = "application/pdf" if kind == "pdf" else \
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    disposition = f"attachment; filename*=UTF-8''{urllib.parse.quote(filename)}"
    return Response(data, media_type=media, headers={"Content-Disposition": disposition})


# ----------------------------------------------------------------------------- errors


async def refused(request: Request, exc: Refused) -> Response:
    return _error_page(request, exc.message, exc.hint, exc.status)


async def drafter_error(request: Request, exc: DrafterError) -> Response:
    return _error_page(request, exc.render(), "", 400)


def _error_page(request: Request, message: str, hint: str, status: int) -> Response:
    desk = desk_of(request)
    if request.headers.get("hx-request"):
        return desk.page("_error.html", status=status, message=message, hint=hint)
    return desk.page("error.html", status=status, message=message, hint=hint)


def create_app(folder: str | os.PathLike, hosts: set[str]) -> Starlette:
    """The desk's application for FOLDER, answering only requests addressed to ``hosts`` (``host:port``)."""
    desk = Desk(Path(folder).resolve())

    async def lifespan(app):
        yield
        if desk.office is not None:
            desk.office.close()

    routes = [
        Route("/", home),
        Route("/new", new_brief, methods=["POST"]),
        Route("/import", import_speech_page, methods=["POST"]),
        Route("/check", check_page, methods=["GET", "POST"]),
        Route("/download/{name:path}", download, methods=["GET", "POST"]),
        *editor.routes(),
        *bank.routes(),
        Mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=_lifespan_of(lifespan),
                    middleware=[Middleware(OwnOriginOnly, hosts=hosts), Middleware(BodyLimit)],
                    exception_handlers={Refused: refused, DrafterError: drafter_error})
    app.state.desk = desk
    return app


def _lifespan_of(fn):
    return contextlib.asynccontextmanager(fn)
