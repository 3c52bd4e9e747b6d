"""The preview's web server: outputs/ read-only, on 127.0.0.1 only, and the state of the preview.

It serves the files under outputs/ and nothing else: GET and HEAD only, no folder listings, no hidden
files (a `.part` file being written), no path that leads outside outputs/ (`..`, links). Into each HTML
page it sends it adds a small script, never written to the file on disk, that shows the preview's state
in a bar and reloads the page when an update is done; `/.preview/pdf/<grant>/<report>.pdf` shows a PDF
in a page that does the same, so that a report open beside the spreadsheet follows its edits."""

from __future__ import annotations

import html
import json
import mimetypes
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from grantreports.common.i18n import language, tr

HOST = "127.0.0.1"
STATE_PATH = "/.preview/state"
PDF_VIEW = "/.preview/pdf/"

# Asks for the state every half second; reloads when its version moves on; rewrites the links to PDFs so that
# they open in the view that follows the report's updates.
LIVE_SCRIPT = """<script>
(function () {
  var version = null, bar = document.createElement("div");
  bar.style.cssText = "position:fixed;bottom:0;left:0;right:0;padding:6px 12px;font:13px sans-serif;z-index:9999;white-space:pre-wrap";
  document.addEventListener("DOMContentLoaded", function () {
    document.body.appendChild(bar);
    document.querySelectorAll("a[href$='.pdf']").forEach(function (a) {
      var target = new URL(a.getAttribute("href"), location.href).pathname;
      if (!target.startsWith("/.preview/")) { a.href = "/.preview/pdf" + target; }
    });
  });
  function look() {
    fetch("/.preview/state", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (version !== null && s.version !== version) { location.reload(); return; }
      version = s.version;
      bar.textContent = s.message;
      bar.style.background = {busy: "#fff4c2", problem: "#fde2e1", ready: "#e3f1e6"}[s.status] || "#eee";
    }).catch(function () {
      bar.textContent = %(stopped)s; bar.style.background = "#eee";
    }).finally(function () { setTimeout(look, 500); });
  }
  look();
})();
</script>"""

PDF_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>%(title)s</title>
<style>html, body { margin: 0; height: 100%%; } iframe { border: 0; width: 100%%; height: calc(100%% - 30px); }</style>
</head><body><iframe src="%(src)s?v=%(version)s" title="%(title)s"></iframe></body></html>"""


@dataclass(frozen=True)
class State:
    version: int  # moves on with each finished update: the pages reload
    status: str  # busy, ready or problem
    message: str  # one or a few lines, in the interface language


class LiveState:
    """What the preview is doing, shared between its loop and the server's threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state = State(0, "busy", tr("building the reports…"))

    def get(self) -> State:
        with self._lock:
            return self._state

    def show(self, status: str, message: str, finished: bool = False) -> None:
        """Show `message`; `finished`: an update is done and the pages reload."""
        with self._lock:
            self._state = State(self._state.version + finished, status, message)


def serve(outputs: Path, state: LiveState, port: int) -> ThreadingHTTPServer:
    """Start serving on 127.0.0.1:`port` (0: any free port) in a background thread; the server (its port: server_port)."""
    root = outputs.resolve()

    class Handler(_Handler):
        pass

    Handler.root, Handler.state = root, state
    server = ThreadingHTTPServer((HOST, port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="preview-server", daemon=True).start()
    return server


class _Handler(BaseHTTPRequestHandler):
    root: Path
    state: LiveState
    server_version = "grantreports-preview"

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _refuse(self) -> None:
        self.send_error(HTTPStatus.METHOD_NOT_ALLOWED, "read-only")

    do_POST = do_PUT = do_DELETE = do_PATCH = _refuse

    def log_message(self, format: str, *args) -> None:
        pass

    def _answer(self, body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        state = self.state.get()
        if path == STATE_PATH:
            content = json.dumps({"version": state.version, "status": state.status, "message": state.message}, ensure_ascii=False)
            return self._send(content.encode(), "application/json; charset=utf-8", body)
        if path.startswith(PDF_VIEW):
            target = self._file(path[len(PDF_VIEW) - 1 :])
            if target is None or target.suffix != ".pdf":
                return self._not_found(path, body)
            src = "/" + target.relative_to(self.root).as_posix()
            page = PDF_PAGE % {"title": html.escape(target.name), "src": html.escape(src), "version": state.version}
            return self._send(self._live(page.encode()), "text/html; charset=utf-8", body)
        target = self._file(path if path != "/" else "/index.html")
        if target is None and path in ("/", "/index.html"):  # the first build has not written the page yet
            page = "<!DOCTYPE html><html><head><meta charset='utf-8'><title>grantreports</title></head><body></body></html>"
            return self._send(self._live(page.encode()), "text/html; charset=utf-8", body)
        if target is None:
            return self._not_found(path, body)
        try:
            content = target.read_bytes()
        except OSError:
            return self._not_found(path, body)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind == "text/html":
            content, kind = self._live(content), "text/html; charset=utf-8"
        self._send(content, kind, body)

    def _not_found(self, path: str, body: bool) -> None:
        """A page saying, in the interface language, why `path` is not shown: the overview links the input files,
        which a build's page opens from the folder but preview does not serve."""
        text = tr(
            "Preview shows only the files in outputs/, and '{path}' is not one of them. Open files outside it"
            " (the input files, for example) from the project folder."
        ).format(path=path.lstrip("/"))
        page = f"<!DOCTYPE html><html lang='{language()}'><head><meta charset='utf-8'><title>grantreports</title></head>"
        page += f"<body><p>{html.escape(text, quote=False)}</p></body></html>"
        self._send(page.encode(), "text/html; charset=utf-8", body, HTTPStatus.NOT_FOUND)

    def _file(self, path: str) -> Path | None:
        """The file under outputs/ that `path` names, or None: nothing hidden, nothing outside, no folders."""
        parts = [part for part in path.split("/") if part]
        if not parts or any(part.startswith(".") or "\\" in part for part in parts):
            return None
        target = self.root.joinpath(*parts).resolve()
        return target if target.is_relative_to(self.root) and target.is_file() else None

    def _live(self, page: bytes) -> bytes:
        stopped = json.dumps(tr("Preview has stopped: start it again to follow the edits."), ensure_ascii=False)
        script = (LIVE_SCRIPT % {"stopped": stopped}).encode()
        end = page.rfind(b"</body>")
        return page[:end] + script + page[end:] if end >= 0 else page + script

    def _send(self, content: bytes, kind: str, body: bool, status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(content)
