"""The preview's server: outputs/ only, read-only, on 127.0.0.1; its pages follow the updates; the files on disk stay as built."""

import json
import urllib.error
import urllib.request

import pytest

from grantreports.common.i18n import ENVIRONMENT
from grantreports.preview.server import LiveState, serve


@pytest.fixture
def served(tmp_path):
    outputs = tmp_path / "outputs"
    (outputs / "grant").mkdir(parents=True)
    (outputs / "index.html").write_text("<html><body><a href='grant/final.pdf'>PDF</a></body></html>", encoding="utf-8")
    (outputs / "grant" / "final.pdf").write_bytes(b"%PDF-1.7 report")
    (outputs / "grant" / ".final.docx.part").write_bytes(b"half")
    (tmp_path / "secret.txt").write_text("inputs", encoding="utf-8")
    (outputs / "link.txt").symlink_to(tmp_path / "secret.txt")
    state = LiveState()
    server = serve(outputs, state, 0)
    yield outputs, state, f"http://127.0.0.1:{server.server_port}", server
    server.shutdown()
    server.server_close()


def get(url: str, method: str = "GET") -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_it_listens_on_the_loopback_address_only(served):
    _, _, _, server = served
    assert server.server_address[0] == "127.0.0.1"


def test_the_page_gets_the_live_script_on_the_way_out_and_the_file_stays_as_built(served):
    outputs, _, url, _ = served
    status, page = get(url + "/")
    assert status == 200 and b"/.preview/state" in page and page.startswith(b"<html><body><a href='grant/final.pdf'>PDF</a>")
    assert b"/.preview/state" not in (outputs / "index.html").read_bytes()
    assert get(url + "/grant/final.pdf") == (200, b"%PDF-1.7 report")
    status, view = get(url + "/.preview/pdf/grant/final.pdf")
    assert status == 200 and b'src="/grant/final.pdf?v=0"' in view and b"/.preview/state" in view


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/grant/../../secret.txt",
        "/link.txt",  # a link that leads out of outputs/
        "/grant/.final.docx.part",  # a file being written
        "/grant",  # no folder listings
        "/grant/",
        "/.preview/pdf/../secret.txt",
        "/.preview/pdf/index.html",  # the PDF view shows PDFs only
        "/missing.pdf",
    ],
)
def test_nothing_outside_outputs_nothing_hidden_no_listing(served, path):
    _, _, url, _ = served
    assert get(url + path)[0] == 404


def test_a_file_not_shown_is_explained_in_the_interface_language(served, monkeypatch):
    monkeypatch.setenv(ENVIRONMENT, "lv")
    _, _, url, _ = served
    with pytest.raises(urllib.error.HTTPError) as answer:  # the overview page links the input files: ../inputs/...
        urllib.request.urlopen(url + "/inputs/activities.xlsx", timeout=10)
    assert answer.value.code == 404
    page = answer.value.read().decode("utf-8")
    assert "Priekšskatījums rāda tikai mapes outputs/ failus, un 'inputs/activities.xlsx' nav viens no tiem" in page


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_it_is_read_only(served, method):
    outputs, _, url, _ = served
    assert get(url + "/grant/final.pdf", method)[0] == 405
    assert (outputs / "grant" / "final.pdf").read_bytes() == b"%PDF-1.7 report"


def test_the_state_moves_on_when_an_update_is_done(served):
    _, state, url, _ = served
    first = json.loads(get(url + "/.preview/state")[1])
    state.show("busy", "Priekšskatījums: atjaunina…")
    busy = json.loads(get(url + "/.preview/state")[1])
    assert (busy["version"], busy["status"], busy["message"]) == (first["version"], "busy", "Priekšskatījums: atjaunina…")
    state.show("ready", "2 atskaites atjauninātas.", finished=True)
    assert json.loads(get(url + "/.preview/state")[1])["version"] == first["version"] + 1
