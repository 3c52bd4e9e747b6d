"""`make bench`: build synthetic inputs at scale and print measured figures, with the commands behind them.

Steps, in one run, in bench/work/ (or --work):
  1. inputs: N grants across the five funder formats, M activity rows in one shared workbook;
  2. parse: read and validate every input in a fresh process (what each build does once), and again
     after one activity row was edited (only that grant checked again);
  3. full build: `snakemake --cores C` from nothing; peak memory of every render job;
  4. no-change rerun, and a rerun after one activity row of one grant was edited;
  5. render floor: the same reports, docxtpl + WeasyPrint only, one process per core;
  6. per-job overhead: interpreter start and imports of a render job;
  7. the LibreOffice route on the same reports (the build's .docx, one soffice call);
  8. a long report: one grant with 2,000 activities, pages per second.
The figures go to stdout and to bench/RESULTS.md (with date, machine and commit).
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
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH))

from floor import render_times
from generate import generate

PYTHON = sys.executable
SNAKEMAKE = [PYTHON, "-m", "snakemake", "-s", str(REPO / "Snakefile")]


@dataclass
class Figure:
    what: str
    value: str
    target: str
    met: bool | None
    command: str


@dataclass
class Results:
    figures: list[Figure] = field(default_factory=list)

    def add(self, what: str, value: str, target: str = "", met: bool | None = None, command: str = "") -> None:
        figure = Figure(what, value, target, met, command)
        self.figures.append(figure)
        verdict = "" if met is None else ("  [met]" if met else "  [NOT met]")
        print(f"  {what}: {value}{f'  (target {target})' if target else ''}{verdict}", flush=True)


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    run = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - started
    if run.returncode != 0:
        sys.exit(f"bench: failed ({run.returncode}): {shlex.join(command)}\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
    return elapsed, run


def write_config(workdir: Path, as_of: str = "2025-06-30") -> None:
    (workdir / "config").mkdir(parents=True, exist_ok=True)
    (workdir / "config" / "config.yaml").write_text(
        f'inputs: ["inputs/*.xlsx"]\nas_of: "{as_of}"\ntemplates: "{REPO / "templates"}"\ngrants: []\n', encoding="utf-8"
    )


def batch_logs(workdir: Path, since: float = 0) -> list[str]:
    """The render jobs' logs, of the jobs run after `since` (a time.time()): a job that did not run keeps its old log."""
    logs = sorted((workdir / "logs" / "render").glob("*.log"))
    return [log.read_text(encoding="utf-8") for log in logs if log.stat().st_mtime >= since]


def log_figures(logs: list[str], pattern: str) -> list[float]:
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


def measure(work: Path, grants: int, activities: int, cores: int, lo_reports: int, long_activities: int) -> Results:
    results = Results()
    workdir = work / "scale"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    generator = f"{PYTHON} bench/generate.py --grants {grants} --activities {activities} --out {workdir}/inputs"
    print(f"1. inputs: {generator}", flush=True)
    started = time.perf_counter()
    generate(workdir / "inputs", grants, activities)
    write_config(workdir)
    sizes = {p.name: p.stat().st_size for p in (workdir / "inputs").iterdir()}
    results.add(
        "inputs written",
        f"{grants:,} grants, {activities:,} activity rows; "
        + ", ".join(f"{n} {s / 1e6:.1f} MB" for n, s in sorted(sizes.items()))
        + f" in {time.perf_counter() - started:.0f} s",
        command=generator,
    )

    print("2. parse", flush=True)
    parse = [PYTHON, str(BENCH / "parse.py"), str(workdir)]
    _, run = timed(parse, REPO)
    parsed = json.loads(run.stdout)
    results.add(
        "parse every input (read, validate, write per-grant data), fresh process",
        f"{parsed['seconds']:.2f} s, {parsed['reports']:,} reports due, {parsed['rows']:,} rows; peak memory {parsed['peak_mb']:.0f} MB",
        "≤ 3 s",
        parsed["seconds"] <= 3,
        shlex.join(parse),
    )
    results.add("of which reading the activities workbook", f"{parsed['read_activities_seconds']:.2f} s", command=shlex.join(parse))
    with tempfile.TemporaryDirectory() as scratch:  # the inputs as they were, dates included, for the build below
        shutil.copytree(workdir / "inputs", Path(scratch) / "inputs")
        generate(workdir / "inputs", grants, activities, edit=True)
        _, run = timed(parse + ["--keep"], REPO)
        shutil.rmtree(workdir / "inputs")
        shutil.copytree(Path(scratch) / "inputs", workdir / "inputs")
    reparsed = json.loads(run.stdout)
    results.add(
        "parse again after editing one activity row of one grant (the other grants' checks kept)",
        f"{reparsed['seconds']:.2f} s",
        command=f"{generator} --edit && {shlex.join(parse + ['--keep'])}",
    )

    print(f"3. full build on {cores} cores", flush=True)
    shutil.rmtree(workdir / "results", ignore_errors=True)
    command = f"cd {workdir} && snakemake -s {REPO}/Snakefile --cores {cores}"
    full_s, output = build(workdir, cores, measure_memory=True)
    largest_rss = float(output.rsplit("largest process:", 1)[1].split()[0])
    logs = batch_logs(workdir)
    rendered = sum(text.count(": rendered in ") for text in logs)
    results.add("full build", f"{full_s:.1f} s for {rendered:,} reports ({len(logs)} render jobs)", command=command)
    job_rss = log_figures(logs, r"peak memory (\d+) MB")
    results.add("peak memory of the largest render job", f"{max(job_rss):.0f} MB", "≤ 400 MB", max(job_rss) <= 400, command)
    results.add(
        "peak memory of the largest process of the build (Snakemake, which parses the inputs, or a job)",
        f"{largest_rss:.0f} MB",
        command=command,
    )
    startup = log_figures(logs, r"ready to render ([\d.]+) s")
    results.add(
        "render job start (interpreter, imports) before its first report",
        f"median {statistics.median(startup):.2f} s, {sum(startup):.1f} s over {len(startup)} jobs",
        command=command,
    )

    print("4. reruns", flush=True)
    nothing_s, output = build(workdir, cores)
    results.add("rerun, nothing changed", f"{nothing_s:.2f} s", "≤ 3 s", nothing_s <= 3 and "Nothing to be done" in output, command)
    generate(workdir / "inputs", grants, activities, edit=True)
    edit_started = time.time()
    edit_s, _ = build(workdir, cores)
    logs_after = batch_logs(workdir, since=edit_started)
    again = [m for text in logs_after for m in re.findall(r"grantreports: (\S+): rendered in", text)]
    restored = sum(text.count("unchanged, restored") for text in logs_after)
    results.add(
        "rerun after editing one activity row of one grant",
        f"{edit_s:.2f} s ({len(again)} report rendered: {', '.join(again)}; {restored} restored unchanged by its batch job)",
        "≤ 5 s",
        edit_s <= 5,
        f"{generator} --edit && {command}",
    )

    print(f"5. render floor ({rendered:,} reports, {cores} processes)", flush=True)
    due = json.loads((workdir / "results" / "extraction.json").read_text(encoding="utf-8"))["reports"]
    names = sorted(f"{r['grant_slug']}/{r['report_slug']}" for r in due)
    started = time.perf_counter()
    times = render_times(workdir, REPO / "templates", names, cores)
    floor_wall = time.perf_counter() - started
    word_sum, pdf_sum = sum(t.word_s for t in times), sum(t.pdf_s for t in times)
    floor = (word_sum + pdf_sum) / cores
    pages = sum(t.pages for t in times)
    floor_cmd = f"{PYTHON} bench/run.py, step 5: bench/floor.py render_times() over the build's {len(names):,} reports in {cores} processes"
    results.add(
        "render floor: (docxtpl + WeasyPrint time) / cores",
        f"{floor:.1f} s (docxtpl {word_sum:.0f} s + WeasyPrint {pdf_sum:.0f} s, "
        f"{pages:,} PDF pages; this step took {floor_wall:.0f} s with charts and data)",
        command=floor_cmd,
    )
    results.add("full build ÷ render floor", f"{full_s / floor:.2f}", "≤ 1.5", full_s / floor <= 1.5, command)

    print("6. per-job overhead", flush=True)
    for label, code in (("interpreter start", "pass"), ("render job imports", "import grantreports.render.report")):
        samples = [timed([PYTHON, "-c", code], REPO)[0] for _ in range(5)]
        results.add(f"{label} (fresh process, best of 5)", f"{min(samples):.2f} s", command=f"{PYTHON} -c '{code}'")

    print(f"7. LibreOffice route on {lo_reports} of the same reports", flush=True)
    sample = names[:: max(1, len(names) // lo_reports)][:lo_reports]
    soffice = shutil.which("soffice")
    ours = {t.report: t for t in times}
    if soffice is None:
        results.add("LibreOffice route", "not measured: soffice not installed (scripts/install-tools.sh installs it)")
    else:
        with tempfile.TemporaryDirectory() as scratch:
            scratch = Path(scratch)
            for name in sample:
                shutil.copyfile(workdir / "outputs" / f"{name}.docx", scratch / f"{name.replace('/', '__')}.docx")
            command = [
                soffice,
                f"-env:UserInstallation=file://{scratch}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(scratch / "pdf"),
                *sorted(str(p) for p in scratch.glob("*.docx")),
            ]
            timed(command[:3] + ["--terminate_after_init"], scratch)  # the first start creates the profile: not counted
            lo_s, _ = timed(command, scratch)
            lo_pages = sum(len(__import__("pypdf").PdfReader(p).pages) for p in (scratch / "pdf").glob("*.pdf"))
        lo_word = sum(ours[n].word_s for n in sample)
        lo_per_report = (lo_word + lo_s) / len(sample)
        our_pdf = sum(ours[n].pdf_s for n in sample) / len(sample)
        our_pages = sum(ours[n].pages for n in sample)
        results.add(
            "LibreOffice route per report (docxtpl + one soffice call for all)",
            f"{lo_per_report:.3f} s ({lo_pages / lo_s:.1f} pages/s in soffice)",
            command=f"soffice --headless --convert-to pdf <{len(sample)} .docx of the build>",
        )
        results.add(
            "our PDF per report (WeasyPrint), same reports",
            f"{our_pdf:.3f} s ({our_pages / sum(ours[n].pdf_s for n in sample):.1f} pages/s); ratio {our_pdf / lo_per_report:.2f}",
            "≤ 1.0 × LibreOffice route",
            our_pdf <= lo_per_report,
            floor_cmd,
        )

    print(f"8. long report: one grant with {long_activities:,} activities", flush=True)
    longdir = work / "long"
    shutil.rmtree(longdir, ignore_errors=True)
    generate(longdir / "inputs", 1, long_activities)
    write_config(longdir)
    timed([PYTHON, str(BENCH / "parse.py"), str(longdir)], REPO)
    (long_name,) = [
        f"{r['grant_slug']}/{r['report_slug']}" for r in json.loads((longdir / "results" / "extraction.json").read_text())["reports"]
    ]
    (long_time,) = render_times(longdir, REPO / "templates", [long_name], 1)
    header_pages, all_pages = _pages_with_repeated_header(longdir, long_name)
    results.add(
        "long report, PDF pages per second (WeasyPrint)",
        f"{long_time.pages / long_time.pdf_s:.1f} pages/s ({long_time.pages} pages in "
        f"{long_time.pdf_s:.1f} s; activities table header on {header_pages} of {all_pages} pages)",
        "≥ 15 pages/s",
        long_time.pages / long_time.pdf_s >= 15,
        f"{PYTHON} bench/generate.py --grants 1 --activities {long_activities} ...; bench/floor.py",
    )
    return results


def _pages_with_repeated_header(workdir: Path, name: str) -> int:
    """Render the long report through the workflow's own command and count pages whose text starts a table with the header."""
    command = [
        PYTHON,
        "-m",
        "grantreports",
        "render",
        name,
        "--templates",
        str(REPO / "templates"),
        "--results",
        "results",
        "--outputs",
        "outputs",
    ]
    timed(command, workdir, env={**os.environ, "PYTHONPATH": str(REPO)})
    import pdfplumber

    with pdfplumber.open(workdir / "outputs" / f"{name}.pdf") as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    header = "Pasākums Datums Vieta"  # the activities table's header in the SIF format
    return sum(header in text for text in texts), len(texts)


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


def write_results(results: Results, arguments: str, path: Path) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` ({arguments}) on {dt.date.today().isoformat()}.",
        "",
        f"- Machine: {machine()}",
        f"- Commit: {commit()}",
        "",
        "| figure | measured | target | met |",
        "|---|---|---|---|",
    ]
    for f in results.figures:
        met = "" if f.met is None else ("yes" if f.met else "**no**")
        lines.append(f"| {f.what} | {f.value} | {f.target} | {met} |")
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
    parser.add_argument("--libreoffice-reports", type=int, default=100, help="reports of the build converted by LibreOffice")
    parser.add_argument("--long-activities", type=int, default=2000)
    parser.add_argument("--work", type=Path, default=BENCH / "work")
    parser.add_argument("--results", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args()
    results = measure(args.work, args.grants, args.activities, args.cores, args.libreoffice_reports, args.long_activities)
    arguments = f"--grants {args.grants} --activities {args.activities} --cores {args.cores}"
    write_results(results, arguments, args.results)
    print(f"\nWritten to {args.results}")


if __name__ == "__main__":
    main()
