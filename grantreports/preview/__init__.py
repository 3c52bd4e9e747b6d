"""`python -m grantreports preview`: build once, then keep the reports up to date while the user edits.

The batch build (`snakemake`) runs first, so that preview starts from exactly what a build leaves. Then one
process stays warm (session.py: the inputs read, the renderer imported), watches the input files, the config
and the templates (watch.py), and after each save brings outputs/ up to date, the changed reports' PDFs first.
The overview page and the reports are served on 127.0.0.1 (server.py), and refresh themselves in the browser.

Preview is the folder's one writer while it runs: it does not start while another preview or a build runs there,
and from its start it holds the folder's lock (common/preview_lock.py), so that no build starts but its own first one.

Imports: every stage, and the modules above them (overview): it is a build, as the Snakefile is."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import traceback
import webbrowser
from decimal import Decimal
from pathlib import Path

from grantreports.checks.config import read_config, with_defaults
from grantreports.common.i18n import ntr, tr
from grantreports.common.preview_lock import Held, Holder, held_by, hold
from grantreports.common.project import OUTPUTS, SNAKEFILE
from grantreports.funders.profiles import profile_files
from grantreports.inputs.patterns import input_files
from grantreports.overview import interface_formatter
from grantreports.preview.server import LiveState, serve
from grantreports.preview.session import Session, Update
from grantreports.preview.watch import PATIENCE, Watcher

# Snakemake's lock files (<n>.input.lock, <n>.output.lock; snakemake/persistence/file.py): there from when a build has
# read the inputs until it ends, and after it when it was killed, until `snakemake --unlock` removes them.
SNAKEMAKE_LOCKS = Path(".snakemake") / "locks"


def run_preview(workdir: Path, config_file: str, port: int, open_browser: bool, cores: str) -> int:
    """Serve, build, then update after every change until stopped (Ctrl+C, or a TERM signal); exit code 0.

    Exit code 1 when another preview or a build holds the folder: at the start, before building; or after the first
    build (a build that was still reading the inputs when preview started), before preview writes anything itself.
    Preview holds the folder from its start: its own build, its child process, is the one build that runs then."""
    if holder := held_by(workdir):
        _say(_preview_running(holder), error=True)
        return 1
    if _build_running(workdir):
        _say(_build_running_text(), error=True)
        return 1
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stopped like Ctrl+C: every file write is atomic
    # Ctrl+C stops it even where it was started with interrupts ignored, which a program started in the background of
    # a shell (`nohup … &`) inherits, and Python then leaves so: preview is stopped by it, as its last line says.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    state = LiveState()
    (workdir / OUTPUTS).mkdir(exist_ok=True)
    server = serve(workdir / OUTPUTS, state, port)
    url = f"http://127.0.0.1:{server.server_port}/"
    try:
        with hold(workdir, url):
            _say(tr("building the reports first ({url} shows the progress)").format(url=url))
            if open_browser:
                webbrowser.open(url)
            _build(workdir, config_file, cores)
            if _build_running(workdir):  # one that was reading the inputs as preview started (Snakemake refused preview's build)
                _say(_build_running_text(), error=True)
                return 1
            _follow(workdir, config_file, state, url)
    except Held as held:  # another preview took the folder after the look above
        _say(_preview_running(held.holder), error=True)
        return 1
    except KeyboardInterrupt:
        _say(tr("stopped."))
        return 0
    finally:
        server.shutdown()


def _build(workdir: Path, config_file: str, cores: str) -> None:
    """The batch build, as `make report` runs it; its problems are shown on the page after it.

    Stopped during the build, preview waits for Snakemake to stop its jobs and unlock the folder: killed instead (as
    subprocess.run does a quarter of a second after Ctrl+C), it would leave its lock in .snakemake/locks/, and the next
    preview or build would not start until `snakemake --unlock`."""
    command = [sys.executable, "-m", "snakemake", "-s", str(SNAKEFILE), "--cores", cores]
    if config_file != "config/config.yaml":
        command += ["--configfile", config_file]
    with subprocess.Popen(command, cwd=workdir) as build:
        try:
            build.wait()
        except KeyboardInterrupt:
            build.send_signal(signal.SIGINT)  # as Ctrl+C stops it (which reached it already; a TERM signal reached only preview)
            build.wait()
            raise


def _follow(workdir: Path, config_file: str, state: LiveState, url: str) -> None:
    """The first update (from what the build left), then one after every change, until stopped."""
    watcher = Watcher(lambda: _watched(workdir, config_file))  # first: a save during the first update is a change
    session = Session(workdir, config_file)
    _show(state, _updated(session, state, lambda name: None))
    _say(f"{url} " + tr("— watching the inputs, the config and the templates; Ctrl+C stops."))
    while True:
        changed = watcher.next_change(lambda paths: _waiting(state, paths, workdir))
        names = ", ".join(sorted(_shown(path, workdir) for path in changed))
        message = tr("{files} changed; updating the reports…").format(files=names)
        state.show("busy", message)
        _say(message)
        _show(state, _updated(session, state, lambda name: _say(tr("{report}.pdf updated").format(report=name))))


def _build_running(workdir: Path) -> bool:
    return any((workdir / SNAKEMAKE_LOCKS).glob("*.lock"))


def _build_running_text() -> str:
    return tr(
        "a build (snakemake) is running in this folder: start preview once it has ended (if none is running, a killed build"
        " left its lock in .snakemake/locks/: remove it with snakemake --unlock, or ./build.sh --unlock in a project made by init)"
    )


def _preview_running(holder: Holder) -> str:
    return tr(
        "another preview is running in this folder (process {pid}, {url}): use that one, or stop it (Ctrl+C in its window)"
        " before starting preview again"
    ).format(pid=holder.pid, url=holder.url)


def _updated(session: Session, state: LiveState, on_pdf) -> Update | None:
    """One update; None when it failed on a fault (its traceback printed), so that preview goes on watching.

    A file that cannot be read (locked by the program saving it, or taken away while read) is tried again, every
    half second for PATIENCE seconds, before that is shown: a save in progress is not a problem of the inputs."""
    deadline = time.monotonic() + PATIENCE
    while True:
        try:
            return session.update(on_pdf)
        except OSError as error:
            if time.monotonic() < deadline:
                state.show("busy", tr("waiting until {files} is saved completely (or no longer locked)…").format(files=error.filename))
                time.sleep(0.5)
                continue
            state.show("problem", tr("could not read a file ({error}); save it again.").format(error=error), finished=True)
        except Exception as error:  # noqa: BLE001  a fault in grantreports must not end the preview; the next change tries again
            traceback.print_exc()
            message = tr("the update failed ({error}); this is a fault in grantreports, please report it.")
            state.show("problem", message.format(error=f"{type(error).__name__}: {error}"), finished=True)
        return None


ERRORS_SAID = 10  # input errors said in the terminal after an update


def _show(state: LiveState, update: Update | None) -> None:
    if update is None:
        return
    if update.config_problems:
        message = "\n".join([tr("the config has problems; nothing was updated:"), *update.config_problems])
        state.show("problem", message, finished=True)
        _say(message)
        return
    parts = []
    if update.rendered:
        parts.append(
            ntr("{count} report updated", "{count} reports updated", len(update.rendered)).format(count=len(update.rendered))
            + tr(" in {seconds} s").format(seconds=interface_formatter().number(Decimal(repr(update.seconds)), 1))
        )
    if update.removed:
        parts.append(ntr("{count} report removed", "{count} reports removed", len(update.removed)).format(count=len(update.removed)))
    if update.failed:
        parts.append(ntr("{count} report failed", "{count} reports failed", len(update.failed)).format(count=len(update.failed)))
    if update.errors:
        parts.append(ntr("{count} error in the inputs", "{count} errors in the inputs", update.errors).format(count=update.errors))
    message = "; ".join(parts or [tr("reports up to date")]) + "."  # after the first build, or a save that changed no figure
    state.show("problem" if update.failed or update.errors else "ready", f"{time.strftime('%H:%M:%S')} {message}", finished=True)
    _say(message)
    for line in update.error_lines[:ERRORS_SAID]:  # where each is, as the build's end says it; all of them on the page
        _say(line)
    if len(update.error_lines) > ERRORS_SAID:
        _say(
            tr("  … and {count} more (all of them on the page and in outputs/validation.txt)").format(
                count=len(update.error_lines) - ERRORS_SAID
            )
        )


def _waiting(state: LiveState, paths: list[Path], workdir: Path) -> None:
    names = ", ".join(_shown(path, workdir) for path in paths)
    state.show("busy", tr("waiting until {files} is saved completely (or no longer locked)…").format(files=names))


def _watched(workdir: Path, config_file: str) -> list[Path]:
    """The config, the input files its patterns match and every file of its templates folder."""
    config_path = workdir / config_file
    config = with_defaults(read_config(config_path)[0])
    paths = [config_path]
    patterns = config.get("inputs")
    if isinstance(patterns, list) and all(isinstance(p, str) for p in patterns):
        paths += [workdir / path for path in input_files(workdir, patterns, config_file)[0]]
    templates = config.get("templates")
    if isinstance(templates, str) and templates:
        folder = workdir / templates
        if profile_files(folder):
            paths += [path for path in folder.rglob("*") if path.is_file() and not path.name.startswith((".", "~$"))]
    return paths


def _shown(path: Path, workdir: Path) -> str:
    """A file as people know it: relative to the project folder, or in full when outside it (the tool's own templates)."""
    return path.relative_to(workdir).as_posix() if path.is_relative_to(workdir) else path.as_posix()


def _say(text: str, error: bool = False) -> None:
    """A line in the terminal, named for the command (the page's bar says the same without the name); why preview
    does not start goes to the error output."""
    print(f"grantreports preview: {text}", file=sys.stderr if error else sys.stdout, flush=True)
