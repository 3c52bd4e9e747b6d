"""`make bench`: what a user waits for, measured side by side in one run, each figure with its target.

Steps, in bench/work/ (or --work):
  1. inputs: N grants across the five funder formats, M activity rows in one shared workbook;
  2. parse: read and validate every input in a fresh process, and again after one row was edited;
  3. full build from nothing (`snakemake --cores C`), peak memory; the render floor from the build's
     own logs (the logged per-report render times ÷ cores);
  4. no-change rerun;
  5. batch build after editing one activity row of one grant (--edits times, median), and where its
     time goes: Snakemake's start, the input stage, the DAG, the render job (from its log), the end;
  6. per-job overhead: interpreter start and imports of a render job;
  7. our PDF and the office route on the same --sample reports of the build, per funder format;
  8. the long report (one grant, --long-activities activities): pages per second, repeated headers,
     no row split across pages;
  9. preview: from saving the workbook to the updated PDF, at N grants and at the example scale;
     then one `snakemake`, which must render nothing.
The machine's load is sampled through the run: a figure is what a user waits for only on a quiet
machine, and the results say whether it was. Figures go to stdout and to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH))

from floor import docx_name, office_route, render_times
from generate import edited_grant, generate
from long import measure_long_report, save
from preview import Preview, time_to_updated_pdf

PYTHON = sys.executable
SNAKEMAKE = [PYTHON, "-m", "snakemake", "-s", str(REPO / "Snakefile")]
QUIET_LOAD = 0.5  # 1-minute load average below which the machine counts as quiet at the start
LONG_HEADER = "Pasākums Datums Vieta"  # the activities table's header in the SIF format (the long report's grant)


# --- figures -------------------------------------------------------------------------------------


@dataclass
class Figure:
    what: str
    value: str
    target: str
    verdict: str  # "", "met", "missed by …"
    command: str


@dataclass
class Results:
    figures: list[Figure] = field(default_factory=list)

    def add(self, what: str, value: str, target: str = "", verdict: str = "", command: str = "") -> None:
        self.figures.append(Figure(what, value, target, verdict, command))
        shown = f"  (target {target}: {verdict})" if target else ""
        print(f"  {what}: {value}{shown}", flush=True)


def at_most(value: float, limit: float, unit: str = " s") -> str:
    return "met" if value <= limit else f"missed by {value - limit:.2f}{unit} ({value / limit:.2f} × the target)"


def at_least(value: float, limit: float, unit: str = "") -> str:
    return "met" if value >= limit else f"missed by {limit - value:.2f}{unit} ({value / limit:.2f} × the target)"


# --- load ----------------------------------------------------------------------------------------


class Load:
    """The 1-minute load average: before the run, and the highest seen during each step (sampled every second)."""

    def __init__(self):
        self.start = os.getloadavg()[0]
        self.steps: dict[str, float] = {}
        self._step = "start"
        self._stop = threading.Event()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while not self._stop.wait(1.0):
            self.note()

    def note(self) -> None:
        self.steps[self._step] = max(self.steps.get(self._step, 0.0), os.getloadavg()[0])

    def step(self, name: str) -> None:
        self.note()
        self._step = name
        self.note()

    def stop(self) -> None:
        self._stop.set()
        self.note()

    @property
    def quiet(self) -> bool:
        return self.start < QUIET_LOAD

    def statement(self, cores: int) -> str:
        state = "quiet" if self.quiet else f"**not quiet** (a quiet machine has a 1-minute load below {QUIET_LOAD})"
        steps = ", ".join(f"{name} {load:.2f}" for name, load in self.steps.items() if name != "start")
        return (
            f"Machine {state}: 1-minute load average {self.start:.2f} before the run; highest during it "
            f"{max(self.steps.values(), default=self.start):.2f}; the bench's own work loads about {cores} in the build steps and 1 in "
            f"the one-report-at-a-time steps, more is other work. Highest per step: {steps}"
        )


# --- running -------------------------------------------------------------------------------------


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    run = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - started
    if run.returncode != 0:
        sys.exit(f"bench: failed ({run.returncode}): {shlex.join(command)}\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
    return elapsed, run


def lines_timed(command: list[str], cwd: Path) -> tuple[float, list[tuple[float, str]]]:
    """Run `command`, each line of its output with the moment it arrived (seconds from the start); the whole time."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = [(time.perf_counter() - started, line.rstrip("\n")) for line in process.stdout]
    code = process.wait()
    elapsed = time.perf_counter() - started
    if code != 0:
        sys.exit(f"bench: failed ({code}): {shlex.join(command)}\n" + "\n".join(line for _, line in lines[-60:]))
    return elapsed, lines


def write_config(workdir: Path, as_of: str = "2025-06-30") -> None:
    (workdir / "config").mkdir(parents=True, exist_ok=True)
    (workdir / "config" / "config.yaml").write_text(
        f'inputs: ["inputs/*.xlsx"]\nas_of: "{as_of}"\ntemplates: "{REPO / "templates"}"\ngrants: []\n', encoding="utf-8"
    )


def example_project(folder: Path) -> None:
    """The repository's example inputs and config, the templates named by absolute path (as tests/workflow do)."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(REPO / "inputs", folder / "inputs")
    (folder / "config").mkdir(parents=True)
    config = (REPO / "config" / "config.yaml").read_text(encoding="utf-8")
    (folder / "config" / "config.yaml").write_text(
        config.replace('templates: "templates"', f'templates: "{REPO / "templates"}"'), encoding="utf-8"
    )


def render_logs(workdir: Path, since: float = 0) -> dict[str, str]:
    """The render jobs' logs by batch, of the jobs run after `since` (a time.time()): a job that did not run keeps its old log."""
    logs = sorted((workdir / "logs" / "render").glob("*.log"))
    return {log.stem: log.read_text(encoding="utf-8") for log in logs if log.stat().st_mtime >= since}


def log_figures(logs, pattern: str) -> list[float]:
    return [float(m) for text in logs for m in re.findall(pattern, text)]


# Runs a command and prints the peak memory of the largest process it waited for (itself or a descendant).
_PEAK = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
    "print(f'largest process: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB'); sys.exit(code)"
)


def build(workdir: Path, cores: int, measure_memory: bool = False) -> tuple[float, str]:
    command = [*SNAKEMAKE, "--cores", str(cores)]
    elapsed, run = timed([PYTHON, "-c", _PEAK, *command] if measure_memory else command, workdir)
    return elapsed, run.stdout + run.stderr


def reports_due(workdir: Path) -> list[dict]:
    return json.loads((workdir / "results" / "extraction.json").read_text(encoding="utf-8"))["reports"]


def grant_slug(workdir: Path, grant_number: str) -> str:
    return next(r["grant_slug"] for r in reports_due(workdir) if r["grant_number"] == grant_number)


# --- steps ---------------------------------------------------------------------------------------


@dataclass
class Scale:
    work: Path
    grants: int
    activities: int
    cores: int

    @property
    def dir(self) -> Path:
        return self.work / "scale"

    @property
    def generator(self) -> str:
        return f"{PYTHON} bench/generate.py --grants {self.grants} --activities {self.activities} --out {self.dir}/inputs"

    @property
    def build_command(self) -> str:
        return f"cd {self.dir} && snakemake -s {REPO}/Snakefile --cores {self.cores}"


def step_inputs(scale: Scale, results: Results) -> None:
    shutil.rmtree(scale.dir, ignore_errors=True)
    scale.dir.mkdir(parents=True)
    started = time.perf_counter()
    generate(scale.dir / "inputs", scale.grants, scale.activities)
    write_config(scale.dir)
    sizes = {p.name: p.stat().st_size for p in (scale.dir / "inputs").iterdir()}
    results.add(
        "inputs written",
        f"{scale.grants:,} grants, {scale.activities:,} activity rows; "
        + ", ".join(f"{n} {s / 1e6:.1f} MB" for n, s in sorted(sizes.items()))
        + f" in {time.perf_counter() - started:.0f} s",
        command=scale.generator,
    )


def step_parse(scale: Scale, results: Results) -> None:
    parse = [PYTHON, str(BENCH / "parse.py"), str(scale.dir)]
    _, run = timed(parse, REPO)
    parsed = json.loads(run.stdout)
    results.add(
        "parse every input (read, validate, write per-grant data), fresh process",
        f"{parsed['seconds']:.2f} s, {parsed['reports']:,} reports due, {parsed['rows']:,} rows; peak memory {parsed['peak_mb']:.0f} MB",
        "≤ 3 s",
        at_most(parsed["seconds"], 3),
        shlex.join(parse),
    )
    results.add("of which reading the activities workbook", f"{parsed['read_activities_seconds']:.2f} s", command=shlex.join(parse))
    with tempfile.TemporaryDirectory() as scratch:  # the inputs as they were, dates included, for the build below
        shutil.copytree(scale.dir / "inputs", Path(scratch) / "inputs")
        generate(scale.dir / "inputs", scale.grants, scale.activities, edit=1)
        _, run = timed(parse + ["--keep"], REPO)
        shutil.rmtree(scale.dir / "inputs")
        shutil.copytree(Path(scratch) / "inputs", scale.dir / "inputs")
    results.add(
        "parse again after editing one activity row of one grant (only activities.xlsx rewritten; the other grants' checks kept)",
        f"{json.loads(run.stdout)['seconds']:.2f} s",
        command=f"{scale.generator} --edit && {shlex.join(parse + ['--keep'])}",
    )


def step_full_build(scale: Scale, results: Results) -> None:
    shutil.rmtree(scale.dir / "results", ignore_errors=True)
    full_s, output = build(scale.dir, scale.cores, measure_memory=True)
    largest_rss = float(output.rsplit("largest process:", 1)[1].split()[0])
    logs = list(render_logs(scale.dir).values())
    rendered = log_figures(logs, r": rendered in ([\d.]+) s")
    results.add("full build", f"{full_s:.1f} s for {len(rendered):,} reports ({len(logs)} render jobs)", command=scale.build_command)
    job_rss = log_figures(logs, r"peak memory (\d+) MB")
    results.add(
        "peak memory of the largest render job",
        f"{max(job_rss):.0f} MB",
        "≤ 400 MB",
        at_most(max(job_rss), 400, " MB"),
        scale.build_command,
    )
    results.add(
        "peak memory of the largest process of the build (Snakemake, which parses the inputs, or a job)",
        f"{largest_rss:.0f} MB",
        command=scale.build_command,
    )
    startup = log_figures(logs, r"ready to render ([\d.]+) s")
    results.add(
        "render job start (interpreter, imports) before its first report",
        f"median {statistics.median(startup):.2f} s, {sum(startup):.1f} s over {len(startup)} jobs",
        command=scale.build_command,
    )
    floor = sum(rendered) / scale.cores
    results.add(
        "render floor: the build's logged per-report render times ÷ cores",
        f"{floor:.1f} s ({sum(rendered):.0f} s over {len(rendered):,} reports, {sum(rendered) / len(rendered):.2f} s per report; "
        "each time is the whole report: data, charts, Word, PDF, files)",
        command=f"{scale.build_command}; sum of ': rendered in X s' in logs/render/*.log",
    )
    results.add("full build ÷ render floor", f"{full_s / floor:.2f}", "≤ 1.5", at_most(full_s / floor, 1.5, ""), scale.build_command)


def step_no_change(scale: Scale, results: Results) -> None:
    seconds, output = build(scale.dir, scale.cores)
    nothing = "Nothing to be done" in output
    results.add(
        "rerun, nothing changed",
        f"{seconds:.2f} s{'' if nothing else ' (it ran jobs!)'}",
        "≤ 3 s",
        at_most(seconds, 3) if nothing else "missed: it ran jobs",
        scale.build_command,
    )


@dataclass
class EditRun:
    seconds: float
    parts: list[tuple[str, float]]  # (what, seconds), adding up to `seconds`
    rendered: list[str]
    restored: int
    batch: str
    outputs: int  # outputs of the batch's job: Snakemake checks and records each


def breakdown(lines: list[tuple[float, str]], total: float, logs: dict[str, str]) -> tuple[list[tuple[str, float]], str]:
    """Where a build's time went, from the moments its output lines arrived and from its render job's log.

    Snakemake prints its profile line once started, its banner once the Snakefile (and so the input stage,
    rules/common.smk) is read, then `rule …:` when a job starts and `Finished jobid …` when it is done."""

    def first(pattern: str, after: float = -1.0) -> float:
        return next((t for t, line in lines if t > after and re.search(pattern, line)), total)

    started = first(r"^Using workflow specific profile|^Assuming unrestricted|^SNAKEMAKE$")
    parsed = first(r"^Assuming unrestricted|^SNAKEMAKE$", started)
    job_starts = [(t, m.group(1)) for t, line in lines if (m := re.match(r"^(?:local)?rule (\w+):", line))]
    job_ends = {m.group(1): t for t, line in lines if (m := re.match(r"^Finished jobid: \d+ \(Rule: (\w+)\)", line))}
    first_job = min((t for t, _ in job_starts), default=total)
    last_end = max(job_ends.values(), default=first_job)
    parts = [
        ("Snakemake start (interpreter, imports, command line, profile)", started),
        ("input stage: the Snakefile read, with rules/common.smk reading and validating the inputs", parsed - started),
        ("DAG: jobs, output times, scheduling", first_job - parsed),
    ]
    batch = ""
    render_jobs = [(t, name) for t, name in job_starts if name.startswith("render_")]
    if render_jobs:
        begun, rule = render_jobs[0]
        batch = rule.removeprefix("render_").replace("_", "-")
        log = logs.get(batch, "")
        window = job_ends.get(rule, last_end) - begun
        ready = sum(log_figures([log], r"ready to render ([\d.]+) s"))
        rendered = sum(log_figures([log], r": rendered in ([\d.]+) s"))
        restored = sum(log_figures([log], r": unchanged, restored in ([\d.]+) s"))
        parts += [
            ("render job: process start, imports (its log: ready to render)", ready),
            ("render job: the edited report rendered (its log)", rendered),
            ("render job: the batch's other reports restored (its log)", restored),
            (
                "render job: the rest (shell, writing the done file; Snakemake checking and recording its outputs)",
                window - ready - rendered - restored,
            ),
        ]
        other = (last_end - first_job) - window
        if other > 0.005:
            parts.append(("other jobs after the render job (validation summary)", other))
    else:
        parts.append(("jobs", last_end - first_job))
    parts.append(("end: onsuccess (overview page, summary), Snakemake exit", total - last_end))
    return parts, batch


def edit_once(scale: Scale, value: int) -> EditRun:
    generate(scale.dir / "inputs", scale.grants, scale.activities, edit=value)
    since = time.time()
    seconds, lines = lines_timed([*SNAKEMAKE, "--cores", str(scale.cores)], scale.dir)
    logs = render_logs(scale.dir, since)
    parts, batch = breakdown(lines, seconds, logs)
    texts = list(logs.values())
    rendered = [m for text in texts for m in re.findall(r"grantreports: (\S+): rendered in", text)]
    restored = sum(text.count("unchanged, restored") for text in texts)
    outputs = len((scale.dir / "results" / "batches" / f"{batch}.txt").read_text().split()) * 4 + 1 if batch else 0
    return EditRun(seconds, parts, rendered, restored, batch, outputs)


def step_batch_edit(scale: Scale, results: Results, repeats: int) -> None:
    runs = []
    for value in range(1, repeats + 1):
        run = edit_once(scale, value)
        print(f"    edit {value}: {run.seconds:.2f} s", flush=True)
        runs.append(run)
    median = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]
    command = f"{scale.generator} --edit N && {scale.build_command}"
    results.add(
        f"batch build after editing one activity row of one grant (median of {repeats}: "
        + ", ".join(f"{r.seconds:.2f}" for r in runs)
        + " s)",
        f"{median.seconds:.2f} s ({len(median.rendered)} report rendered: {', '.join(median.rendered)}; "
        f"{median.restored} restored unchanged by its batch job, which has {median.outputs} outputs)",
        "≤ 6 s",
        at_most(median.seconds, 6),
        command,
    )
    for what, seconds in median.parts:
        results.add(
            f"– {what}",
            f"{seconds:.2f} s ({seconds / median.seconds:.0%})",
            command="moments of snakemake's output lines; logs/render/<batch>.log",
        )


def step_job_overhead(results: Results) -> None:
    for label, code in (("interpreter start", "pass"), ("render job imports", "import grantreports.render.report")):
        samples = [timed([PYTHON, "-c", code], REPO)[0] for _ in range(5)]
        results.add(f"{label} (fresh process, best of 5)", f"{min(samples):.2f} s", command=f"{PYTHON} -c '{code}'")


def spread_sample(workdir: Path, size: int) -> list[tuple[str, str]]:
    """`size` reports of the build, (funder, '<grant>/<report>'), spread evenly over each funder format's reports."""
    by_funder: dict[str, list[str]] = {}
    for r in sorted(reports_due(workdir), key=lambda r: (r["grant_slug"], r["report_slug"])):
        by_funder.setdefault(r["funder"], []).append(f"{r['grant_slug']}/{r['report_slug']}")
    funders = sorted(by_funder)
    chosen = []
    for index, funder in enumerate(funders):
        names = by_funder[funder]
        count = min(len(names), size // len(funders) + (index < size % len(funders)))
        chosen += [(funder, names[i * len(names) // count]) for i in range(count)]
    return chosen


def step_office_route(scale: Scale, results: Results, sample_size: int) -> None:
    soffice = shutil.which("soffice")
    sample = spread_sample(scale.dir, sample_size)
    names = [name for _, name in sample]
    command = f"bench/floor.py render_times() on {len(names)} reports, one process, in turn; then soffice --headless --convert-to pdf <their .docx>"
    if soffice is None:
        results.add("our PDF ÷ the office route", "not measured: soffice not installed (scripts/install-tools.sh installs it)")
        return
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        ours = render_times(scale.dir, REPO / "templates", names, scratch / "docx")
        office = office_route(soffice, [scratch / "docx" / docx_name(n) for n in names], scratch)
    our_pdf = sum(t.pdf_s for t in ours) / len(ours)
    word = sum(t.word_s for t in ours) / len(ours)
    office_per_report = word + office.seconds / len(ours)
    pages = sum(t.pages for t in ours)
    results.add(
        f"our PDF per report (the whole tagged PreparedReport.pdf call, attachments included), {len(ours)} reports",
        f"{our_pdf:.3f} s ({pages / sum(t.pdf_s for t in ours):.1f} pages/s, {pages:,} pages)",
        command=command,
    )
    results.add(
        "office route per report: docxtpl + one soffice call for all ÷ count (its first start not counted)",
        f"{office_per_report:.3f} s (docxtpl {word:.3f} s + soffice {office.seconds / len(ours):.3f} s; {office.pages / office.seconds:.1f} pages/s in soffice)",
        command=command,
    )
    results.add(
        "our PDF ÷ the office route, same reports, same run",
        f"{our_pdf / office_per_report:.2f}",
        "≤ 1.0",
        at_most(our_pdf / office_per_report, 1.0, ""),
        command,
    )
    for funder in sorted({t.funder for t in ours}):
        mine = [t for t in ours if t.funder == funder]
        theirs = statistics.mean(t.word_s + office.per_file[docx_name(t.report)] for t in mine)
        pdf = statistics.mean(t.pdf_s for t in mine)
        results.add(
            f"– {funder} ({len(mine)} reports, {statistics.mean(t.pages for t in mine):.0f} pages each)",
            f"ours {pdf:.3f} s, office {theirs:.3f} s: {pdf / theirs:.2f}",
            "≤ 1.0",
            at_most(pdf / theirs, 1.0, ""),
            command + " (soffice per file: the gaps between its PDFs' write times)",
        )


def step_long_report(work: Path, results: Results, activities: int, repeat: int) -> None:
    longdir = work / "long"
    shutil.rmtree(longdir, ignore_errors=True)
    generate(longdir / "inputs", 1, activities)
    write_config(longdir)
    timed([PYTHON, str(BENCH / "parse.py"), str(longdir)], REPO)
    (name,) = [f"{r['grant_slug']}/{r['report_slug']}" for r in reports_due(longdir)]
    long = measure_long_report(longdir, REPO / "templates", name, repeat, LONG_HEADER)
    save(long.pdf, longdir / "outputs" / f"{name}.pdf")
    command = f"{PYTHON} bench/generate.py --grants 1 --activities {activities} ...; bench/long.py (median of {repeat})"
    rate = long.pages / long.seconds
    results.add(
        "long report, PDF pages per second (the whole tagged pdf call)",
        f"{rate:.1f} pages/s ({long.pages} pages in {long.seconds:.1f} s)",
        "≥ 12 pages/s",
        at_least(rate, 12, " pages/s"),
        command,
    )
    multi = [t for t in long.tables if t.pages > 1]
    results.add(
        "long report, header repeated on every page a table continues on (structure tree)",
        "; ".join(f"{t.name}: {t.header_pages} of {t.pages} pages" for t in multi)
        + f"; the activities header in the text of {long.text_header_pages} pages (pdfplumber)",
        "every page",
        "met" if all(t.header_pages == t.pages for t in multi) else "missed",
        command,
    )
    split = sum(t.pdf_rows - t.html_rows for t in long.tables)
    results.add(
        "long report, table rows split across pages (row parts tagged in the PDF − rows in the HTML, every table)",
        f"{split} ({'; '.join(f'{t.name}: {t.html_rows} rows, {t.pdf_rows} tagged' for t in multi)})",
        "0",
        "met" if split == 0 else f"missed by {split} rows",
        command,
    )


def edited_workbook_example(project: Path, value: int) -> tuple[bytes, str]:
    """The example activities workbook with the participants of its middle row raised by `value`; that row's grant number."""
    import io

    import openpyxl

    workbook = openpyxl.load_workbook(project / "inputs" / "activities.xlsx")
    sheet = workbook["activities"]
    header = [cell.value for cell in sheet[1]]
    row = sheet[(sheet.max_row + 1) // 2 + 1]
    cell = row[header.index("participants")]
    cell.value = int(cell.value or 0) + value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), row[header.index("grant_number")].value


def preview_latency(
    label: str,
    project: Path,
    edits: list[tuple[bytes, str]],
    workbook: Path,
    cores: int,
    results: Results,
    target: float,
    ready_timeout: float,
) -> None:
    """Start the preview in `project`, save each edit, time it to the updated PDF; stop; a build after must render nothing."""
    command = f"cd {project} && python -m grantreports preview --no-browser --port 0; save the workbook (temporary file + os.replace); poll outputs/<grant>/*.pdf"
    if not (REPO / "grantreports" / "preview").is_dir():
        results.add(f"preview, {label}", "not measured: `grantreports preview` is not in this checkout", f"≤ {target:g} s", "not measured")
        return
    preview = Preview(project, REPO)
    started = time.perf_counter()
    address = preview.wait_ready(ready_timeout)
    if address is None:
        ended = preview.stop()
        tail = " | ".join(line.strip() for line in preview.output[-5:])
        results.add(f"preview, {label}", f"not measured: it did not print its address ({ended}): {tail}", f"≤ {target:g} s", "not measured")
        return
    print(f"    preview ready at {address} after {time.perf_counter() - started:.1f} s", flush=True)
    seconds = []
    try:
        for content, grant_number in edits:
            pdfs = sorted((project / "outputs" / grant_slug(project, grant_number)).glob("*.pdf"))
            preview.quiet_for(1.0)
            edit = time_to_updated_pdf(workbook, content, pdfs, timeout=120)
            print(f"    edit: {'no update in 120 s' if edit.seconds is None else f'{edit.seconds:.2f} s ({edit.pdf})'}", flush=True)
            seconds.append(edit.seconds)
            preview.quiet_for(1.5)
    finally:
        ended = preview.stop()
    measured = [s for s in seconds if s is not None]
    if len(measured) < len(seconds):
        value, verdict = f"{len(seconds) - len(measured)} of {len(seconds)} edits gave no updated PDF within 120 s", "missed"
    else:
        value, verdict = (
            f"median {statistics.median(measured):.2f} s (" + ", ".join(f"{s:.2f}" for s in measured) + " s)",
            at_most(statistics.median(measured), target),
        )
    results.add(f"preview, {label}: saving the workbook to the updated PDF on disk", value, f"≤ {target:g} s", verdict, command)
    since = time.time()
    _, output = build(project, cores)
    rendered = [m for text in render_logs(project, since).values() for m in re.findall(r"grantreports: (\S+): rendered in", text)]
    nothing = "Nothing to be done" in output
    results.add(
        f"preview, {label}: `snakemake` after stopping it ({ended})",
        "nothing to do" if nothing else f"ran jobs; {len(rendered)} report(s) rendered{': ' + ', '.join(rendered[:5]) if rendered else ''}",
        "renders nothing",
        "met" if not rendered else f"missed: {len(rendered)} rendered",
        f"cd {project} && snakemake -s {REPO}/Snakefile --cores {cores}",
    )


def step_preview(scale: Scale, results: Results, edits: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:  # each edit's workbook made beforehand, not timed
        contents = []
        for value in range(edits):
            generate(Path(scratch), scale.grants, scale.activities, edit=100 + value)
            contents.append(((Path(scratch) / "activities.xlsx").read_bytes(), edited_grant(scale.grants, scale.activities)))
    preview_latency(f"{scale.grants:,} grants", scale.dir, contents, scale.dir / "inputs" / "activities.xlsx", scale.cores, results, 4, 900)
    example = scale.work / "example"
    example_project(example)
    contents = [edited_workbook_example(example, value) for value in range(1, edits + 1)]
    preview_latency("example scale", example, contents, example / "inputs" / "activities.xlsx", scale.cores, results, 2, 900)


def measure(args: argparse.Namespace, load: Load) -> Results:
    results = Results()
    scale = Scale(args.work, args.grants, args.activities, args.cores)
    steps = [
        ("inputs", lambda: step_inputs(scale, results)),
        ("parse", lambda: step_parse(scale, results)),
        (f"full build on {scale.cores} cores", lambda: step_full_build(scale, results)),
        ("no-change rerun", lambda: step_no_change(scale, results)),
        ("one-row edit, batch build", lambda: step_batch_edit(scale, results, args.edits)),
        ("per-job overhead", lambda: step_job_overhead(results)),
        (f"our PDF and the office route, {args.sample} reports", lambda: step_office_route(scale, results, args.sample)),
        (
            f"long report, {args.long_activities:,} activities",
            lambda: step_long_report(args.work, results, args.long_activities, args.repeat),
        ),
        ("preview", lambda: step_preview(scale, results, args.edits)),
    ]
    for number, (name, step) in enumerate(steps, 1):
        if args.only and number not in args.only:
            continue
        load.step(name)
        print(f"{number}. {name} (1-minute load {os.getloadavg()[0]:.2f})", flush=True)
        step()
    load.stop()
    return results


# --- results file --------------------------------------------------------------------------------


def machine() -> str:
    memory = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "?"
    )
    return f"{os.cpu_count()} cores ({cpu}), {int(memory.split()[1]) / 1024 / 1024:.0f} GiB memory, {platform.platform()}, Python {platform.python_version()}"


def commit() -> str:
    run = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False)
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return (run.stdout.strip() or "unknown") + (" (with uncommitted changes)" if dirty else "")


def write_results(results: Results, arguments: str, load: Load, cores: int, path: Path) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` ({arguments}) on {dt.date.today().isoformat()}.",
        "",
        f"- {load.statement(cores)}.",
        f"- Machine: {machine()}",
        f"- Commit: {commit()}",
        "",
        "| figure | measured | target | verdict |",
        "|---|---|---|---|",
    ]
    for f in results.figures:
        verdict = f"**{f.verdict}**" if f.verdict.startswith(("missed", "not")) else f.verdict
        lines.append(f"| {f.what} | {f.value} | {f.target} | {verdict} |")
    lines += ["", "## Commands", ""] + [f"- {f.what}: `{f.command}`" for f in results.figures if f.command]
    path.write_text("\n".join(lines) + "\n" + _other_sections(path), encoding="utf-8")


OWN_SECTIONS = ("# Benchmark results", "## Commands")


def _other_sections(path: Path) -> str:
    """The sections other benchmarks wrote to the file (bench/tagging.py): kept when this one rewrites its own."""
    if not path.is_file():
        return ""
    sections = path.read_text(encoding="utf-8").split("\n## ")
    kept = [s for s in sections[1:] if not any(f"## {s}".startswith(own) for own in OWN_SECTIONS)]
    return "".join(f"\n## {s.rstrip()}\n" for s in kept)


def main() -> None:
    parser = argparse.ArgumentParser(description="grantreports benchmark")
    parser.add_argument("--grants", type=int, default=1000)
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--edits", type=int, default=3, help="one-row edits timed, for the batch build and for the preview (median)")
    parser.add_argument(
        "--sample", type=int, default=50, help="reports of the build for our PDF and the office route, spread over the formats"
    )
    parser.add_argument("--long-activities", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3, help="renders of the long report (median)")
    parser.add_argument("--only", type=int, nargs="*", help="run only these steps (by number; a later step needs the earlier ones' work)")
    parser.add_argument("--work", type=Path, default=BENCH / "work")
    parser.add_argument("--results", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args()
    load = Load()
    if not load.quiet:
        print(
            f"bench: WARNING: the machine is not quiet (1-minute load {load.start:.2f}, quiet is below {QUIET_LOAD}): "
            "the figures are not what a user waits for on an idle machine",
            file=sys.stderr,
            flush=True,
        )
    results = measure(args, load)
    arguments = f"--grants {args.grants} --activities {args.activities} --cores {args.cores} --sample {args.sample} --edits {args.edits}"
    write_results(results, arguments, load, args.cores, args.results)
    print(f"\n{load.statement(args.cores)}")
    print(f"Written to {args.results}")


if __name__ == "__main__":
    main()
