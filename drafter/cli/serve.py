"""``drafter serve``: the writer's desk, a local web page for writers who do not use a terminal.

Only the command's declaration is here; the server stack (starlette, uvicorn, socket) is imported when
the command runs, so that ``drafter render`` and ``drafter --help`` never load it.
"""


import gc
import sys
import threading
from pathlib import Path
from typing import Optional

import typer

from drafter.errors import UsageError


def register(app) -> None:
    """Add ``serve`` to the typer application ``app``."""
    @app.command()
    def serve(
        folder: Path = typer.Argument(Path("."), metavar="[FOLDER]", help="放简报和讲话稿的文件夹（默认：当前文件夹）"),
        port: int = typer.Option(0, "--port", min=0, max=65535, metavar="N", help="端口；不写则自动找一个空闲端口"),
        no_browser: bool = typer.Option(False, "--no-browser", help="不自动打开浏览器"),
        host: Optional[str] = typer.Option(None, "--host", metavar="ADDRESS",
                                           help="监听的地址（默认 127.0.0.1，只有本机能打开）；写 0.0.0.0 则局域网里的电脑也能打开，请慎用"),
    ) -> None:
        """打开写作台：在浏览器里填写简报、即时预览、检查和下载讲话稿（按 Ctrl+C 停止）。"""
        run_server(folder, port=port, open_browser=not no_browser, host=host or "127.0.0.1")


def allowed_hosts(host: str, port: int) -> set[str]:
    """The ``Host`` headers the desk answers: the loopback names, and the address it was told to listen on."""
    names = {"127.0.0.1", "localhost", host}
    if host in ("0.0.0.0", "::"):
        import socket

        names.add(socket.gethostname())
        try:
            names.update(info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None))
        except OSError:
            pass
    return {f"[{n}]:{port}" if ":" in n else f"{n}:{port}" for n in names}


def run_server(folder: Path, *, port: int, open_browser: bool, host: str) -> None:
    folder = Path(folder)
    if not folder.is_dir():
        raise UsageError(f"{folder}: 错误：文件夹不存在\n    提示：写出放简报的文件夹，如 drafter serve 我的讲话稿")
    import socket

    import uvicorn

    from drafter.web.app import create_app

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        raise UsageError(f"错误：无法在 {host}:{port} 上启动（{err.strerror}）\n"
                         "    提示：换一个端口（--port），或不写 --port 让 drafter 自己找空闲端口") from None
    port = sock.getsockname()[1]
    app = create_app(folder, allowed_hosts(host, port))
    gc.freeze()  # the command turned the cyclic collector off (drafter.cli.run); a server that lasts
    gc.enable()  # collects again, over what it makes from now on only
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}/"
    print(f"drafter 写作台已启动：{url}\n文件夹：{folder.resolve()}\n按 Ctrl+C 停止。", flush=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"注意：正在监听 {host}，同一网络里的其他电脑也能打开写作台。", file=sys.stderr, flush=True)
    if open_browser:
        import webbrowser

        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    config = uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn has shut down gracefully and passes the signal on
        pass
    finally:
        sock.close()
    print("写作台已停止。", flush=True)
