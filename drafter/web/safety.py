"""What keeps the writer's desk safe on a shared computer and in a browser that visits other sites.

- :class:`OwnOriginOnly` (ASGI middleware) answers 403 to a request whose ``Host`` is not the
  server's own address (a DNS-rebinding page reaching 127.0.0.1 under its own name) or whose
  ``Origin`` is another site's (a page elsewhere posting a form here), and to a cross-site fetch.
- :func:`folder_file` turns a name from a request into a file directly inside FOLDER: no folders,
  no ``..``, no hidden files, no symbolic links (so nothing outside FOLDER is read or written).
- :func:`read_upload` reads an uploaded file up to a size limit.
- :class:`Refused` is the Chinese answer the routes turn into an error page.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

UPLOAD_LIMIT = 10 * 1024 * 1024
"""The largest upload (a speech .docx, a form) accepted, in bytes."""


# Internal (not a drafter.errors class): the desk answers it as an HTTP status and page, never the CLI.
class Refused(Exception):
    """A request the desk will not carry out; ``status`` is its HTTP status, the text is for the writer."""

    def __init__(self, message: str, status: int = 400, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.status, self.hint = message, status, hint


class OwnOriginOnly:
    """ASGI middleware: only requests addressed to ``hosts`` (``host:port`` forms) and, when they say
    where they come from, coming from one of them."""

    def __init__(self, app, hosts: set[str]) -> None:
        self.app = app
        self.hosts = {h.lower() for h in hosts}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        reason = self.refusal(headers)
        if reason is not None:
            await _answer(send, 403, reason)
            return
        await self.app(scope, receive, send)

    def refusal(self, headers: dict[str, str]) -> str | None:
        """Why a request with these headers is refused (Chinese), or None."""
        host = headers.get("host", "").strip().lower()
        if host not in self.hosts:
            return "拒绝访问：请求的地址不是本机的写作台（可能是别的网站冒用了本机地址）。请直接打开 drafter serve 显示的地址。"
        origin = headers.get("origin")
        if origin is not None and origin.strip().lower() not in {f"http://{h}" for h in self.hosts}:
            return "拒绝访问：这个请求来自别的网站，写作台只接受自己页面上的操作。"
        if headers.get("sec-fetch-site", "").lower() == "cross-site":
            return "拒绝访问：这个请求来自别的网站，写作台只接受自己页面上的操作。"
        return None


_BAD_NAME = re.compile(r'[\x00-\x1f/\\:*?"<>|]')


def folder_file(folder: Path, name: str, *, suffixes: tuple[str, ...] = (), must_exist: bool = True) -> Path:
    """The file called ``name`` directly inside ``folder``, or :class:`Refused`.

    Refused: a name with a folder in it, ``..``, a hidden name, a symbolic link (even to a file
    inside), anything but a regular file when it exists, a suffix not in ``suffixes`` (when given),
    and a missing file when ``must_exist``.
    """
    if not name or name != name.strip() or _BAD_NAME.search(name) or name.startswith(".") or ".." in name:
        raise Refused(f"文件名「{name}」不能用：只能是写作台文件夹里的文件，不能带路径或“..”", 403)
    if suffixes and not name.lower().endswith(suffixes):
        raise Refused(f"「{name}」不是这里能打开的文件（只接受 {'、'.join(suffixes)}）", 403)
    path = folder / name
    if path.is_symlink():
        raise Refused(f"「{name}」是一个快捷方式（符号链接），写作台不打开它", 403,
                      "把真正的文件复制到这个文件夹里再打开")
    real = Path(os.path.realpath(path))
    if real.parent != Path(os.path.realpath(folder)):
        raise Refused(f"「{name}」不在写作台的文件夹里", 403)
    if path.exists() and not path.is_file():
        raise Refused(f"「{name}」不是一个普通文件", 403)
    if must_exist and not path.exists():
        raise Refused(f"找不到「{name}」：它可能已被移走或改名", 404, "回到写作台首页刷新列表")
    return path


def safe_new_name(text: str, suffix: str) -> str:
    """A file name for a new brief from what the writer typed («2026年述职评议会» → «2026年述职评议会.yaml»)."""
    stem = _BAD_NAME.sub("", text).strip().strip(".").replace("..", "")
    if stem.lower().endswith(suffix):
        stem = stem[: -len(suffix)]
    if not stem:
        raise Refused("请给简报起一个名字（不能只有符号）", 400)
    if len(stem) > 80:
        raise Refused("名字太长了，请控制在 80 个字以内", 400)
    return stem + suffix


async def read_upload(upload, limit: int = UPLOAD_LIMIT) -> bytes:
    """The bytes of an uploaded file (Starlette UploadFile), or :class:`Refused` when over ``limit``."""
    data = bytearray()
    while True:
        chunk = await upload.read(64 * 1024)
        if not chunk:
            break
        data.extend(chunk)
        if len(data) > limit:
            raise Refused(f"上传的文件太大（超过 {limit // (1024 * 1024)} MB），没有接收", 413,
                          "讲话稿通常只有几十 KB；请检查是否选错了文件")
    return bytes(data)


class BodyLimit:
    """ASGI middleware: a request body over ``limit`` is refused (413) before any of it is read.

    The limit is checked against Content-Length, which the HTTP server holds the body to; a body
    without one (chunked: browsers never send forms that way) is refused too (411)."""

    def __init__(self, app, limit: int = UPLOAD_LIMIT) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            headers = dict(scope["headers"])
            declared = headers.get(b"content-length")
            if declared is None and headers.get(b"transfer-encoding"):
                await _answer(send, 411, "请求没有注明大小，没有接收。")
                return
            if declared is not None and (not declared.isdigit() or int(declared) > self.limit + 64 * 1024):
                await _answer(send, 413, f"上传的文件太大（超过 {self.limit // (1024 * 1024)} MB），没有接收。"
                                         "讲话稿通常只有几十 KB，请检查是否选错了文件。")
                return
        await self.app(scope, receive, send)


async def _answer(send, status: int, text: str) -> None:
    body = f"<!doctype html><meta charset=utf-8><title>没有接收</title><p>{text}</p>".encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
