"""For auditors: rebuild every report from the inputs in a scratch folder and compare with outputs/ and the manifests."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from grantreports.common.files import sha256_file
from grantreports.common.i18n import tr
from grantreports.common.project import SNAKEFILE
from grantreports.inputs.patterns import input_files

MANIFESTS = "outputs/*/*.manifest.json"


@dataclass(frozen=True)
class Verdict:
    report: str  # <grant>/<report>
    ok: bool
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        verdict = tr("OK") if self.ok else tr("DIFFERS")  # both at most 8 letters, in every language, so that the reports line up
        return f"{verdict:8} {self.report}" + (": " + "; ".join(self.reasons) if self.reasons else "")


def verify(workdir: Path, cores: int) -> tuple[list[Verdict], str]:
    """A verdict per report found in outputs/ or rebuilt, and the rebuild's log when it could not finish."""
    with tempfile.TemporaryDirectory(prefix="grantreports-verify-") as scratch:
        rebuild = Path(scratch)
        _copy_project(workdir, rebuild)
        run = subprocess.run(
            [sys.executable, "-m", "snakemake", "-s", str(SNAKEFILE), "-d", str(rebuild), "--cores", str(cores)],
            capture_output=True,
            text=True,
            check=False,
        )
        delivered = {_name(p): p for p in workdir.glob(MANIFESTS)}
        rebuilt = {_name(p): p for p in rebuild.glob(MANIFESTS)}
        verdicts = [
            verdict_for(name, workdir, rebuild, delivered.get(name), rebuilt.get(name))
            for name in sorted(delivered.keys() | rebuilt.keys())
        ]
    log = "" if run.returncode == 0 or rebuilt else run.stderr[-3000:]
    return verdicts, log


def _name(manifest: Path) -> str:
    return f"{manifest.parent.name}/{manifest.name.removesuffix('.manifest.json')}"


def _copy_project(workdir: Path, rebuild: Path) -> None:
    """The config, the input files it names and (when inside the project) the templates: nothing else."""
    config_file = workdir / "config" / "config.yaml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    (rebuild / "config").mkdir()
    shutil.copy2(config_file, rebuild / "config" / "config.yaml")
    files, _ = input_files(workdir, config["inputs"])
    for path in files:
        (rebuild / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(workdir / path, rebuild / path)
    templates = Path(config["templates"])
    if not templates.is_absolute():
        shutil.copytree(workdir / templates, rebuild / templates)


def verdict_for(name: str, workdir: Path, rebuild: Path, delivered: Path | None, rebuilt: Path | None) -> Verdict:
    if delivered is None:
        return Verdict(name, False, (tr("not in outputs/: the inputs now make this report, but it was never built or was removed"),))
    before = json.loads(delivered.read_text(encoding="utf-8"))
    edited = [path for path, digest in before["outputs"].items() if not (workdir / path).is_file() or sha256_file(workdir / path) != digest]
    reasons = [tr("output edited after the build: {file}").format(file=path) for path in edited]
    if rebuilt is None:
        return Verdict(
            name, False, tuple(reasons + [tr("the inputs no longer make this report (grant removed or invalid, or the period not due)")])
        )
    after = json.loads(rebuilt.read_text(encoding="utf-8"))
    differing = [
        path for path in after["outputs"] if not (workdir / path).is_file() or sha256_file(workdir / path) != sha256_file(rebuild / path)
    ]
    if before["grant_data"] != after["grant_data"]:
        changed = _changed(before["inputs"], after["inputs"])
        reasons.append(tr("input changed: {files}").format(files=", ".join(changed) or tr("this grant's rows")))
    reasons += [tr("template changed: {file}").format(file=path) for path in _changed(before["templates"], after["templates"])]
    reasons += [
        tr("tool version changed: {tool} {before} → {after}").format(
            tool=tool, before=_short(before["tools"].get(tool)), after=_short(after["tools"].get(tool))
        )
        for tool in _changed(before["tools"], after["tools"])
    ]
    if differing and not reasons:
        reasons.append(tr("rebuilt output differs and nothing recorded changed: {files}").format(files=", ".join(differing)))
    return Verdict(name, not differing and not edited, tuple(reasons))


def _short(value: str | None) -> str:
    """Versions as they are; code digests cut to 12 characters."""
    return "-" if value is None else value[:12]


def _changed(before: dict, after: dict) -> list[str]:
    return sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
