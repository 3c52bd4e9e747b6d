"""PDF report: the funder's Jinja2 HTML/CSS template laid out by WeasyPrint, fetching only bundled files."""

from __future__ import annotations

import mimetypes
from pathlib import Path

import jinja2
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class BundledFilesOnly(URLFetcher):
    """Serves files below the given folders and refuses everything else: no network, no other file."""

    def __init__(self, *folders: Path):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.folders = [folder.resolve() for folder in folders]

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if not url.startswith("file:"):
            raise ValueError(f"refused to fetch {url!r}: only bundled template files are served")
        path = Path(URLFetcherResponse(url).path).resolve()
        if not any(path.is_relative_to(folder) for folder in self.folders) or not path.is_file():
            raise ValueError(f"refused to fetch {url!r}: not a file of the template")
        mime, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime or "application/octet-stream"})


def render_pdf(template_folder: Path, template_name: str, shared_folder: Path, variables: dict, environment: jinja2.Environment) -> bytes:
    html = environment.overlay(loader=jinja2.FileSystemLoader(template_folder)).get_template(template_name).render(variables)
    document = HTML(
        string=html,
        base_url=template_folder.resolve().as_uri() + "/",
        url_fetcher=BundledFilesOnly(template_folder, shared_folder),
    )
    return document.write_pdf()
