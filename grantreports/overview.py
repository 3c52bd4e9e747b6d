"""The overview page of a build, outputs/index.html: every grant and each report due, with its status (built,
or not built and why), links to its files, its key figures, and the problems of the inputs by grant.

Written at the end of every build, failed ones too (rules/common.smk: finish_build), in the interface
language, as plain HTML with inline CSS: it opens from the file system, offline, with no script, and
prints. The same build gives the same bytes: the page names the build by its `as_of` date and its input
files (with their SHA-256), never by the clock. The figures of each grant are remembered in
results/overview.json by a digest of its data file and its funder's profile, so that a rebuild after
an edit to one grant computes that grant's figures only."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import jinja2

from grantreports.checks.extraction import Extraction, ReportTarget, data_file
from grantreports.checks.grant_checks import digest, load_checks
from grantreports.common.files import sha256_file, write_if_changed
from grantreports.common.i18n import language, ntr, tr
from grantreports.common.problems import EVERY_GRANT, Problem, blocked_grants, is_blocked
from grantreports.common.project import code_digest
from grantreports.common.slugs import SlugError, slugify
from grantreports.figures.context import ReportContext, build_context
from grantreports.figures.formatting import Formatter
from grantreports.funders.profiles import PROFILE_FILE, load_profile
from grantreports.inputs.model import GrantData
from grantreports.render.failures import Failure
from grantreports.render.report_files import ReportFiles

PAGE = "index.html"
TEMPLATE = Path(__file__).with_name("overview.html.j2")
LOCALES = {"lv": "lv_LV", "en": "en_GB"}
DATES = {"lv": "dd.MM.yyyy.", "en": "d MMM yyyy"}  # 01.03.2023. or 1 Mar 2023: the year in full, unlike the locales' short dates
# The files of a report a reader opens, in the order the page links them (the manifest is for auditors).
OPENED = ("pdf", "docx", "sources")


# What the page needs of each valid grant, remembered by the digest of its data file and profile.


@dataclass(frozen=True)
class Figures:
    """The key figures of one report, to the end of its period."""

    approved: Decimal  # the budget's total
    spent: Decimal  # spent to date
    used: Decimal | None  # spent ÷ approved
    participants: int  # participations to date, every target group
    reached: int  # indicators whose target is reached
    counted: int  # indicators with a target
    progress: Decimal | None  # mean progress of those, each counted up to its target


@dataclass(frozen=True)
class ReportSummary:
    slug: str
    kind: str
    number: int | None
    period_from: dt.date
    period_to: dt.date
    due_date: dt.date
    figures: Figures


@dataclass(frozen=True)
class GrantSummary:
    title: str
    grantee: str
    funder: str  # the funder's name, from its profile
    currency: str
    reports: list[ReportSummary]


def report_figures(context: ReportContext) -> Figures:
    total, targeted = context.budget_total, [i for i in context.indicators if i.progress is not None]
    progress = sum((min(i.progress, Decimal(1)) for i in targeted), Decimal(0)) / len(targeted) if targeted else None
    return Figures(
        approved=total.approved,
        spent=total.spent_to_date,
        used=_rounded(total.used),
        participants=context.target_groups_total.participants_to_date,
        reached=sum(1 for i in targeted if i.progress >= 1),
        counted=len(targeted),
        progress=_rounded(progress),
    )


def _rounded(fraction: Decimal | None) -> Decimal | None:
    return None if fraction is None else fraction.quantize(Decimal("0.0001"))


def grant_summary(data: GrantData, templates_dir: Path) -> GrantSummary:
    """Computed from the report context, the one every report prints its figures from."""
    profile = load_profile(templates_dir, data.grant.funder)
    reports = [
        ReportSummary(
            p.slug,
            p.kind,
            p.number,
            p.period_from,
            p.period_to,
            p.due_date,
            report_figures(build_context(data, p.slug, profile)),
        )
        for p in data.periods
    ]
    return GrantSummary(data.grant.title, data.grant.grantee, profile.funder, data.grant.currency, reports)


def _summary_json(summary: GrantSummary) -> dict:
    return json.loads(json.dumps(asdict(summary), default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)))


def _summary_from_json(data: dict) -> GrantSummary:
    day = dt.date.fromisoformat

    def figures(f: dict) -> Figures:
        decimal = {k: None if f[k] is None else Decimal(f[k]) for k in ("approved", "spent", "used", "progress")}
        return Figures(**decimal, participants=f["participants"], reached=f["reached"], counted=f["counted"])

    reports = [
        ReportSummary(
            r["slug"],
            r["kind"],
            r["number"],
            day(r["period_from"]),
            day(r["period_to"]),
            day(r["due_date"]),
            figures(r["figures"]),
        )
        for r in data["reports"]
    ]
    return GrantSummary(data["title"], data["grantee"], data["funder"], data["currency"], reports)


def grant_summaries(slugs: list[str], funders: dict[str, str], results_dir: Path, templates_dir: Path) -> dict[str, GrantSummary]:
    """The summary of each grant in `slugs` (their data files exist; `funders` names each one's format), taken from
    results/overview.json where its data file and profile are as when it was computed."""
    remembered_file = results_dir / "overview.json"
    try:
        stored = json.loads(remembered_file.read_text(encoding="utf-8"))
        remembered = stored["grants"] if stored["code"] == code_digest() else {}
    except (OSError, ValueError, KeyError, TypeError):
        remembered = {}
    summaries, kept = {}, {}
    profiles = {funder: sha256_file(templates_dir / funder / PROFILE_FILE) for funder in set(funders.values())}
    for slug in slugs:
        path = data_file(results_dir, slug)
        key = digest(sha256_file(path), profiles[funders[slug]])
        entry = remembered.get(slug)
        if not entry or entry.get("key") != key:
            entry = {
                "key": key,
                "summary": _summary_json(grant_summary(GrantData.from_json(path.read_text(encoding="utf-8")), templates_dir)),
            }
        summaries[slug], kept[slug] = _summary_from_json(entry["summary"]), entry
    content = {"code": code_digest(), "grants": kept}
    write_if_changed(remembered_file, (json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode())
    return summaries


# The page: what each row says, already in the interface language.


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Figure:
    value: str
    detail: str
    bar: int | None  # percent of the bar to fill (0-100), None for no bar


@dataclass(frozen=True)
class ReportRow:
    title: str
    period: str
    due: str
    status: str  # built, failed, blocked, skipped, missing: the row's colour
    status_label: str  # the status in a word or two
    status_text: str  # why, when it is not built
    status_link: Link | None
    files: list[Link]
    figures: list[Figure]


@dataclass(frozen=True)
class ProblemRow:
    severity: str
    severity_text: str
    file: str
    sheet: str
    row: str
    column: str
    value: str
    message: str


@dataclass(frozen=True)
class GrantSection:
    number: str
    anchor: str
    title: str
    details: str
    status: str  # built, partly, blocked, none
    status_text: str
    note: str  # when it has no report row: why
    reports: list[ReportRow]
    problems_anchor: str
    problems: list[ProblemRow]
    problems_text: str


@dataclass(frozen=True)
class Build:
    """What the page needs from the end of a build."""

    extraction: Extraction
    selected: frozenset[ReportTarget]  # the due reports this build makes (the config's grants key may leave some out)
    failures: list[Failure]
    as_of: dt.date
    config_file: str


def interface_formatter() -> Formatter:
    """Numbers and dates as the interface language writes them (the page, preview's messages)."""
    return Formatter(language(), LOCALES[language()], DATES[language()])


def report_title(slug: str, kind: str | None = None, number: int | None = None) -> str:
    if kind == "final" or slug == "final":
        return tr("Final report")
    if number is None and slug.startswith("interim-") and slug[len("interim-") :].isdigit():
        number = int(slug[len("interim-") :])
    return tr("Interim report {number}").format(number=number) if number is not None else slug


def file_links(outputs: Path, grant_slug: str, report_slug: str) -> list[Link]:
    """Links (relative to the page) to the report's files a reader opens, those that exist."""
    files = ReportFiles.beside(outputs / grant_slug / f"{report_slug}.pdf")
    texts = {"pdf": tr("PDF"), "docx": tr("Word"), "sources": tr("data extract")}
    return [
        Link(texts[name], quote(getattr(files, name).relative_to(outputs).as_posix())) for name in OPENED if getattr(files, name).is_file()
    ]


def figure_cells(figures: Figures, currency: str) -> list[Figure]:
    style = interface_formatter()
    budget = Figure(
        style.percent(figures.used),
        tr("{spent} of {approved}").format(spent=style.money(figures.spent, currency), approved=style.money(figures.approved, currency)),
        None if figures.used is None else round(min(figures.used, Decimal(1)) * 100),
    )
    participants = Figure(style.number(figures.participants), "", None)
    if figures.counted:
        indicators = Figure(
            ntr("{reached} of {count} reached", "{reached} of {count} reached", figures.reached).format(
                reached=figures.reached, count=figures.counted
            ),
            tr("mean progress {percent}").format(percent=style.percent(figures.progress)),
            round(figures.progress * 100),
        )
    else:
        indicators = Figure(tr("none with a target"), "", None)
    return [budget, participants, indicators]


def problem_rows(problems: list[Problem]) -> list[ProblemRow]:
    severities = {"error": tr("error"), "warning": tr("warning"), "note": tr("note")}
    return [
        ProblemRow(
            p.severity,
            severities.get(p.severity, p.severity),
            p.file,
            p.sheet,
            "" if p.row is None else str(p.row),
            p.shown_column,
            p.value,
            p.message,
        )
        for p in problems
    ]


def _anchors(numbers: list[str]) -> dict[str, str]:
    """An id for each grant, from its folder name where it has one: the same link for the same grant build after build."""
    anchors: dict[str, str] = {}
    for index, number in enumerate(numbers, 1):
        try:
            anchor = slugify(number)
        except SlugError:
            anchor = f"grant-{index}"
        anchors[number] = anchor if anchor not in anchors.values() else f"{anchor}-{index}"
    return anchors


def report_status(
    target: ReportTarget, build: Build, outputs: Path, failures: dict[str, Failure]
) -> tuple[str, str, Link | None, list[Link]]:
    """(status, why, a link for more, the report's files) of a report the grant's data makes."""
    files = file_links(outputs, target.grant_slug, target.report_slug)
    failure = failures.get(f"{target.grant_slug}/{target.report_slug}")
    if failure:
        text = tr("{reason}. This is a fault in grantreports or a template, not in your data: please report it with the log.")
        return "failed", text.format(reason=failure.reason), Link(tr("the log"), quote(f"../{failure.log}")), files
    if target not in build.selected:
        text = tr("The config's grants key leaves this grant out of this build.")
        if files:
            text += " " + tr("Its files are from an earlier build, from the same data.")
        return "skipped", text, None, files
    if len(files) == len(OPENED):
        return "built", "", None, files
    return "missing", tr("The build stopped before this report: see the end of the build's output."), None, files


def status_label(status: str) -> str:
    labels = {"built": tr("Built"), "failed": tr("Could not be made"), "skipped": tr("Left out")}
    return labels.get(status, tr("Not built"))


def grant_sections(build: Build, outputs: Path, results_dir: Path, templates_dir: Path) -> list[GrantSection]:
    extraction, as_of = build.extraction, build.as_of
    blocked = blocked_grants(extraction.problems)
    targets = {}
    for target in extraction.reports:
        targets.setdefault(target.grant_number, []).append(target)
    slugs = {number: reports[0].grant_slug for number, reports in targets.items()}
    summaries = grant_summaries(
        sorted(set(slugs.values())), {r.grant_slug: r.funder for r in extraction.reports}, results_dir, templates_dir
    )
    failures = {f.report: f for f in build.failures}
    checks = load_checks(results_dir)
    anchors = _anchors(extraction.grant_numbers)
    style = interface_formatter()
    sections = []
    for number in extraction.grant_numbers:
        anchor = anchors[number]
        problems = [p for p in extraction.problems if p.grant == number]
        summary = summaries.get(slugs.get(number, ""))
        if summary is not None:
            rows = _valid_grant_rows(targets[number], summary, build, outputs, failures)
            title, details = summary.title, f"{summary.grantee} · {summary.funder}"
        else:
            periods = sorted(checks[number].periods, key=lambda p: p[1]) if number in checks and is_blocked(number, blocked) else []
            rows = _blocked_grant_rows([(slug, day) for slug, day in periods if day <= as_of], number, blocked, anchor)
            title, details = "", ""
        status, status_text = _grant_status(rows, number, blocked)
        sections.append(
            GrantSection(
                number=number,
                anchor=f"grant-{anchor}",
                title=title,
                details=details,
                status=status,
                status_text=status_text,
                note="" if rows else _no_report_note(number, summary, checks, blocked, as_of, style),
                reports=rows,
                problems_anchor=f"problems-{anchor}",
                problems=problem_rows(problems),
                problems_text=_problem_count(problems),
            )
        )
    return sections


def _valid_grant_rows(
    targets: list[ReportTarget], summary: GrantSummary, build: Build, outputs: Path, failures: dict[str, Failure]
) -> list[ReportRow]:
    style, due = interface_formatter(), {t.report_slug: t for t in targets if t.period_to <= build.as_of}
    rows = []
    for report in summary.reports:
        if report.slug not in due:
            continue
        status, text, link, files = report_status(due[report.slug], build, outputs, failures)
        rows.append(
            ReportRow(
                title=report_title(report.slug, report.kind, report.number),
                period=f"{style.date(report.period_from)} – {style.date(report.period_to)}",
                due=style.date(report.due_date),
                status=status,
                status_label=status_label(status),
                status_text=text,
                status_link=link,
                files=files,
                figures=figure_cells(report.figures, summary.currency) if files else [],
            )
        )
    return rows


def _blocked_grant_rows(periods: list[tuple[str, dt.date]], number: str, blocked: set[str], anchor: str) -> list[ReportRow]:
    style = interface_formatter()
    if number in blocked:
        text, link = tr("The grant's rows have errors."), Link(tr("See its problems"), f"#problems-{anchor}")
    else:
        text, link = tr("An error in the inputs concerns every grant."), Link(tr("See the problems"), "#problems-all")
    return [
        ReportRow(
            report_title(slug), tr("until {date}").format(date=style.date(day)), "", "blocked", status_label("blocked"), text, link, [], []
        )
        for slug, day in periods
    ]


def _grant_status(rows: list[ReportRow], number: str, blocked: set[str]) -> tuple[str, str]:
    built = sum(1 for r in rows if r.status == "built")
    if number in blocked or EVERY_GRANT in blocked:
        return "blocked", tr("No report: the inputs have errors")
    if not rows:
        return "none", tr("No report due")
    text = ntr("{built} of {count} report built", "{built} of {count} reports built", len(rows)).format(built=built, count=len(rows))
    return ("built" if built == len(rows) else "partly"), text


def _no_report_note(number: str, summary: GrantSummary | None, checks: dict, blocked: set[str], as_of: dt.date, style: Formatter) -> str:
    if number in blocked:
        return tr("No report is made for this grant until the errors in its rows are fixed.")
    if EVERY_GRANT in blocked:
        return tr("No report is made for any grant until the errors that concern every grant are fixed.")
    ends = [r.period_to for r in summary.reports] if summary else [day for _, day in checks[number].periods] if number in checks else []
    if ends:
        return tr("No report is due by {as_of}: the first reporting period ends {date}.").format(
            as_of=style.date(as_of), date=style.date(min(ends))
        )
    return tr("The periods sheet has no reporting period for this grant.")


def _problem_count(problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    others = len(problems) - errors
    parts = [ntr("{count} error", "{count} errors", errors).format(count=errors)] if errors else []
    parts += [ntr("{count} warning or note", "{count} warnings or notes", others).format(count=others)] if others else []
    return ", ".join(parts)


def input_links(extraction: Extraction, workdir: Path) -> list[tuple[Link | None, str]]:
    """Each input file: a link to it from the page in outputs/ (while it is inside the working directory), and the
    start of its SHA-256."""
    found = []
    for name, sha in sorted(extraction.input_hashes.items()):
        inside = not Path(name).is_absolute() and (workdir / name).is_file()
        found.append((Link(name, quote(f"../{name}")) if inside else Link(name, ""), sha[:12]))
    return found


def overview_page(build: Build, outputs: Path, results_dir: Path, templates_dir: Path, workdir: Path) -> tuple[str, int]:
    """The page, and how many reports it shows as built."""
    sections = grant_sections(build, outputs, results_dir, templates_dir)
    rows = [row for section in sections for row in section.reports]
    built = sum(1 for row in rows if row.status == "built")
    general = [p for p in build.extraction.problems if p.grant in ("", EVERY_GRANT)]
    errors = sum(1 for p in build.extraction.problems if p.severity == "error")
    style = interface_formatter()
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE.parent), autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True
    )
    page = environment.get_template(TEMPLATE.name).render(
        lang=language(),
        text=page_texts(build.as_of, style),
        as_of=style.date_long(build.as_of),
        tiles=_tiles(built, rows, sections, errors, len(build.extraction.problems) - errors),
        sections=sections,
        general=problem_rows(general),
        general_text=_problem_count(general),
        every_grant=any(p.grant == EVERY_GRANT and p.severity == "error" for p in general),
        inputs=input_links(build.extraction, workdir),
        config_file=build.config_file,
        validation=[Link(name, name) for name in ("validation.html", "validation.xlsx", "validation.txt") if (outputs / name).is_file()],
    )
    return page, built


def _tiles(built: int, rows: list[ReportRow], sections: list[GrantSection], errors: int, others: int) -> list[tuple[str, str, str]]:
    """The figures at the top of the page: (number, what it counts, colour)."""
    not_built = len(rows) - built
    return [
        (str(built), ntr("report built", "reports built", built), "built"),
        (str(not_built), ntr("report not built", "reports not built", not_built), "blocked" if not_built else "neutral"),
        (str(len(sections)), ntr("grant", "grants", len(sections)), "neutral"),
        (str(errors), ntr("error in the inputs", "errors in the inputs", errors), "blocked" if errors else "neutral"),
        (str(others), ntr("warning or note", "warnings or notes", others), "partly" if others else "neutral"),
    ]


def page_texts(as_of: dt.date, style: Formatter) -> dict[str, str]:
    """Every fixed text of the page, in the interface language."""
    return {
        "title": tr("Grant reports: overview"),
        "subtitle": tr("Reports due by {date}").format(date=style.date_long(as_of)),
        "grants": tr("Grants and reports"),
        "report": tr("Report"),
        "due": tr("Due"),
        "status": tr("Status"),
        "budget_used": tr("Budget used"),
        "participants": tr("Participants to date"),
        "indicators": tr("Indicators reached"),
        "files": tr("Files"),
        "problems": tr("Problems in the inputs"),
        "problems_intro": tr(
            "A grant with an error gets no report until it is fixed. Fix the cell named in the inputs and run the build again"
            " (while preview runs, saving the file is enough)."
        ),
        "no_problems": tr("The inputs have no problems."),
        "general": tr("Problems that concern every grant, or no grant"),
        "every_grant": tr("While an error here stands, no grant gets a report: its rows could belong to any grant."),
        "grant_problems": tr("Problems of grant {number}"),
        "in_rows": tr("In this grant's rows: {counts}"),
        "no_grant_problems": tr("No problem in this grant's rows."),
        "severity": tr("Severity"),
        "file": tr("File"),
        "sheet": tr("Sheet"),
        "row": tr("Row"),
        "column": tr("Column"),
        "value": tr("Value"),
        "message": tr("What is wrong"),
        "build": tr("This build"),
        "as_of": tr("Reports due by (as_of)"),
        "inputs": tr("Input files (SHA-256)"),
        "config": tr("Config"),
        "validation": tr("The problems as a list, to sort and filter"),
        "no_grants": tr("The inputs name no grant."),
        "footer": tr("Written by grantreports at the end of the build, and by preview after every save; build again to update it."),
        "top": tr("Back to the top"),
    }


def write_overview(build: Build, outputs: Path, results_dir: Path, templates_dir: Path, workdir: Path = Path()) -> int:
    """outputs/index.html, rewritten only when it changes; how many reports it shows as built."""
    page, built = overview_page(build, outputs, results_dir, templates_dir, workdir)
    write_if_changed(outputs / PAGE, page.encode("utf-8"))
    return built


def finish_overview(build: Build, outputs: Path, results_dir: Path, templates_dir: Path) -> tuple[str, bool]:
    """Write the page; the build's closing line about it, and whether it was written. A fault in writing it (in
    grantreports, not in the data) is said in that line and fails the build, but never hides the build's problems."""
    try:
        return closing_line(write_overview(build, outputs, results_dir, templates_dir), outputs), True
    except Exception as error:  # noqa: BLE001  the build's list of problems must still come out
        text = tr(
            "grantreports: the overview page {page} could not be written ({reason}); this is a fault in grantreports, please report it."
        )
        return text.format(page=(outputs / PAGE).as_posix(), reason=f"{type(error).__name__}: {error}"), False


def closing_line(built: int, outputs: Path) -> str:
    """The build's last line: how many reports are in outputs/ and where the overview is."""
    return ntr(
        "grantreports: {count} report in {folder}/; overview: {page}",
        "grantreports: {count} reports in {folder}/; overview: {page}",
        built,
    ).format(count=built, folder=outputs.as_posix(), page=(outputs / PAGE).as_posix())
