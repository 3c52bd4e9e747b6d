"""Check funder templates without data: unknown variables, Word-split tags, syntax errors, missing sections."""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, is_dataclass
from pathlib import Path

import jinja2
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import nodes

from grantreports.common.i18n import tr
from grantreports.common.problems import Problem
from grantreports.figures.context import ReportContext
from grantreports.figures.formatting import Formatter
from grantreports.funders.profiles import Profile, load_profiles
from grantreports.inputs.model import Grant

ANY = object()  # a value the check cannot type (macro arguments, {% set %} results): anything goes
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_OPENING = re.compile(r"\{[{%#]")


@dataclass(frozen=True)
class Finding:
    file: str
    message: str
    where: str = ""  # line number or cover field
    tag: str = ""
    severity: str = "error"

    def as_problem(self) -> Problem:
        return Problem(
            "".join(f"{part}: " for part in (self.where, self.tag) if part) + self.message, file=self.file, severity=self.severity
        )

    def __str__(self) -> str:
        location = ", ".join(part for part in (self.file, self.where) if part)
        tag = f"{self.tag}: " if self.tag else ""
        severity = {"error": tr("ERROR"), "warning": tr("WARNING")}.get(self.severity, self.severity.upper())
        return f"{severity} {location}: {tag}{self.message}"


def check_templates(templates_dir: Path) -> tuple[list[Finding], int]:
    """Findings for every funder folder, and how many formats were checked."""
    profiles, problems = load_profiles(templates_dir)
    findings = [Finding(p.file, f"{p.column + ': ' if p.column else ''}{p.message}") for p in problems]
    for profile in profiles.values():
        findings += check_profile(profile)
    return findings, len(profiles) + len({p.file for p in problems})


def template_problems(profiles: dict[str, Profile]) -> list[tuple[str, Problem]]:
    """The findings of every format's templates as problems of the build, each with its format's name."""
    return [(key, finding.as_problem()) for key, profile in sorted(profiles.items()) for finding in check_profile(profile)]


def check_profile(profile: Profile) -> list[Finding]:
    environment = Formatter.for_profile(profile).environment(jinja2.FileSystemLoader(profile.folder))
    narrative = {s.key for s in profile.narrative}
    own = frozenset(c.key for c in profile.grant_columns)
    html_path, word_path = profile.folder / profile.html_template, profile.folder / profile.word_template
    findings = _section_names(profile, narrative)
    html = html_path.read_text(encoding="utf-8")
    findings += _check_source(
        environment,
        html_path.as_posix(),
        html,
        _Checker(narrative, grant_columns=own),
        lambda line: (tr("line {line}").format(line=line), ""),
        profile.sections,
    )
    try:
        template, parts = _word_parts(word_path)
    except Exception as error:  # noqa: BLE001  a file Word or python-docx cannot open: name it, do not crash
        return findings + [Finding(word_path.as_posix(), tr("cannot read the Word template: {error}").format(error=error))]
    tags = _word_tags(template, parts)
    findings += _split_tags(word_path.as_posix(), parts)
    findings += _check_source(
        environment,
        word_path.as_posix(),
        "\n".join(tags),
        _Checker(narrative, grant_columns=own),
        lambda line: ("", tags[line - 1]),
        profile.sections,
    )
    for field in profile.cover:
        findings += _check_source(
            environment,
            profile.profile_file.as_posix(),
            field.value,
            _Checker(narrative, exclude={"cover"}, grant_columns=own),
            lambda line, field=field: (tr("cover field '{label}'").format(label=field.label), field.value),
        )
    return findings


def _section_names(profile: Profile, narrative: set[str]) -> list[Finding]:
    findings = []
    for section in profile.sections:
        root, _, attribute = section.partition(".")
        checker = _Checker(narrative)
        checker.type_of(nodes.Getattr(nodes.Name(root, "load"), attribute, "load") if attribute else nodes.Name(root, "load"))
        findings += [
            Finding(profile.profile_file.as_posix(), tr("sections: {message}").format(message=message), tag=section)
            for message in checker.messages
        ]
    return findings


def _check_source(
    environment: jinja2.Environment, file: str, source: str, checker: _Checker, locate, sections: tuple[str, ...] = ()
) -> list[Finding]:
    """Findings of one template source; `locate(line)` gives (where, tag) for a line of `source`."""
    try:
        environment.from_string(source)  # compiling also catches unknown filters and tests
        tree = environment.parse(source)
    except jinja2.TemplateSyntaxError as error:
        where, tag = locate(error.lineno)
        if not tag and where:  # a line of an HTML template (a Word tag or cover field is its own tag)
            quoted = re.search(r"'([^']+)'", error.message or "")  # e.g. No filter named 'mony'.
            tag = _tag_on_line(source, error.lineno, quoted.group(1) if quoted else "")
        return [Finding(file, tr("syntax error: {error}").format(error=error.message), where, tag)]
    checker.visit(tree, dict(checker.top))
    findings = []
    for lineno, message, name in checker.located:
        where, tag = locate(lineno)
        if not tag and where:  # a line of an HTML template (a Word tag or cover field is its own tag)
            tag = _tag_on_line(source, lineno, name)
        findings.append(Finding(file, message, where, tag))
    return findings + [
        Finding(file, tr("the profile's sections list '{section}', but this template never shows it").format(section=section))
        for section in sections
        if section not in checker.used
    ]


def _tag_on_line(source: str, lineno: int, name: str) -> str:
    """The tag on that line that mentions `name` (else the line's first tag), to show the reader."""
    lines = source.splitlines()
    tags = TAG.findall(lines[lineno - 1]) if 0 < lineno <= len(lines) else []
    return next((t for t in tags if name in t), tags[0] if tags else "")


class _Checker:
    """Walks a parsed template, typing each variable against the report context's fields."""

    def __init__(self, narrative: set[str], exclude: frozenset[str] | set[str] = frozenset(), grant_columns: frozenset[str] = frozenset()):
        self.narrative = narrative
        self.grant_columns = grant_columns  # the format's own columns of the grants sheet: grant.<key>
        self.top = {name: kind for name, kind in typing.get_type_hints(ReportContext).items() if name not in exclude}
        self.messages: list[str] = []
        self.located: list[tuple[int, str, str]] = []
        self.used: set[str] = set()

    def report(self, node: nodes.Node, message: str, name: str) -> None:
        self.messages.append(message)
        self.located.append((node.lineno, message, name))

    def visit(self, node: nodes.Node, scope: dict) -> None:
        if isinstance(node, nodes.Expr):
            self.type_of(node, scope)
        elif isinstance(node, nodes.For):
            item = _element(self.type_of(node.iter, scope))
            inner = dict(scope, loop=ANY)
            for name in _targets(node.target):
                inner[name] = item if isinstance(node.target, nodes.Name) else ANY
            for child in node.body + ([node.test] if node.test else []):
                self.visit(child, inner)
            for child in node.else_:
                self.visit(child, scope)
        elif isinstance(node, (nodes.Assign, nodes.AssignBlock)):
            for child in node.iter_child_nodes(exclude=("target",)):
                self.visit(child, scope)
            scope.update({name: ANY for name in _targets(node.target)})
        elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
            inner = dict(scope, caller=ANY, varargs=ANY, kwargs=ANY)
            inner.update({arg.name: ANY for arg in getattr(node, "args", [])})
            for child in node.iter_child_nodes(exclude=("args", "defaults")):
                self.visit(child, inner)
            if isinstance(node, nodes.Macro):
                scope[node.name] = ANY
        elif isinstance(node, (nodes.Import, nodes.FromImport)):
            names = [node.target] if isinstance(node, nodes.Import) else [n if isinstance(n, str) else n[1] for n in node.names]
            scope.update({name: ANY for name in names})
        else:
            for child in node.iter_child_nodes():
                self.visit(child, scope)

    def type_of(self, node: nodes.Node, scope: dict | None = None, record: bool = True) -> object:
        scope = self.top if scope is None else scope
        if isinstance(node, nodes.Name):
            if node.name in scope:
                if record and node.name in self.top and scope[node.name] is self.top.get(node.name):
                    self.used.add(node.name)
                return scope[node.name]
            if record:
                message = tr("no variable '{name}' in the report; expected one of: {names}").format(
                    name=node.name, names=", ".join(sorted(self.top))
                )
                self.report(node, message, node.name)
            return ANY
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            attribute = node.attr if isinstance(node, nodes.Getattr) else (node.arg.value if isinstance(node.arg, nodes.Const) else None)
            if isinstance(node, nodes.Getitem) and not isinstance(node.arg, nodes.Const):
                self.type_of(node.arg, scope, record)
            owner = self.type_of(node.node, scope, record)
            if owner is ANY or attribute is None or not isinstance(attribute, str):
                return ANY
            if (
                record
                and isinstance(node.node, nodes.Name)
                and node.node.name in self.top
                and scope.get(node.node.name) is self.top[node.node.name]
            ):
                self.used.add(f"{node.node.name}.{attribute}")
            kind, known = self._attribute(owner, attribute)
            if kind is None:
                if record:
                    message = tr("'{name}' is not a field of {owner}; expected one of: {names}").format(
                        name=attribute, owner=_describe(node.node), names=", ".join(known)
                    )
                    self.report(node, message, attribute)
                return ANY
            return kind
        for child in node.iter_child_nodes():
            self.type_of(child, scope, record) if isinstance(child, nodes.Expr) else self.visit(child, scope)
        return ANY

    def _attribute(self, owner: object, attribute: str) -> tuple[object | None, list[str]]:
        owner = _unwrap(owner)
        if owner is Grant and attribute in self.grant_columns:
            return ANY, []
        if is_dataclass(owner):
            hints = typing.get_type_hints(owner)
            known = sorted(hints) + (sorted(self.grant_columns) if owner is Grant else [])
            return hints.get(attribute), known
        if typing.get_origin(owner) is dict:
            return (str | None if attribute in self.narrative else None), sorted(self.narrative)
        if typing.get_origin(owner) is list:
            return None, [tr("(a list: loop over it with {loop})").format(loop="{% for %}")]
        return (ANY if hasattr(owner, attribute) else None), []


def _unwrap(kind: object) -> object:
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(kind) if a is not type(None)]
        return inner[0] if len(inner) == 1 else ANY
    return kind


def _element(kind: object) -> object:
    kind = _unwrap(kind)
    return typing.get_args(kind)[0] if typing.get_origin(kind) is list else ANY


def _targets(target: nodes.Node) -> list[str]:
    if isinstance(target, nodes.Name):
        return [target.name]
    return [name for item in getattr(target, "items", []) for name in _targets(item)]


def _describe(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return f"'{node.name}'"
    if isinstance(node, nodes.Getattr):
        return f"'{_describe(node.node).strip(chr(39))}.{node.attr}'"
    return tr("this value")


def _word_parts(path: Path) -> tuple[DocxTemplate, list]:
    """The body, headers and footers of a .docx: every part docxtpl renders."""
    template = DocxTemplate(path)
    template.init_docx()
    parts = [template.docx._element.body]
    for relation in template.docx._part.rels.values():
        if relation.reltype in (template.HEADER_URI, template.FOOTER_URI):
            parts.append(parse_xml(relation.target_part.blob))
    return template, parts


def _word_tags(template: DocxTemplate, parts: list) -> list[str]:
    """Every Jinja tag of the Word template as docxtpl sees it, after joining the runs Word split."""
    return [tag for part in parts for tag in TAG.findall(template.patch_xml(template.xml_to_string(part)))]


def _split_tags(file: str, parts: list) -> list[Finding]:
    """Tags Word keeps in several runs (docxtpl joins them, dropping formatting) or that leave their paragraph."""
    findings = []
    for part in parts:
        for paragraph in part.iter(qn("w:p")):
            pieces = [t.text or "" for t in paragraph.iter(qn("w:t"))]
            text = "".join(pieces)
            starts = [0]
            for piece in pieces:
                starts.append(starts[-1] + len(piece))
            for match in TAG.finditer(text):
                start, end, tag = match.start(), match.end(), match.group(0)
                first = next(i for i in range(len(pieces)) if starts[i + 1] > start)
                last = next(i for i in range(len(pieces)) if starts[i + 1] >= end)
                if last > first:
                    findings.append(
                        Finding(
                            file,
                            tr(
                                "Word split this tag into {count} pieces of text (runs); docxtpl joins them, but formatting inside"
                                " the tag is lost. Retype the tag in one go or clear its formatting"
                            ).format(count=last - first + 1),
                            tag=tag,
                            severity="warning",
                        )
                    )
            rest = TAG.sub("", text)
            if _OPENING.search(rest):
                opening = rest[_OPENING.search(rest).start() :][:60]
                findings.append(
                    Finding(
                        file,
                        tr(
                            "this tag is not closed in its paragraph; expected '}}}}' or '%}}' before"
                            " the paragraph ends (a tag cannot span paragraphs)"
                        ).format(),
                        tag=opening,
                    )
                )
    return findings
