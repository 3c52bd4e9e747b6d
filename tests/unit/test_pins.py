"""Dependencies: requirements.txt (direct pins), environment.yml (conda) and requirements.lock (everything, with hashes) agree,
and the environment the tests run in holds exactly what the lock says."""

import re
import sys
from importlib.metadata import distributions
from pathlib import Path

import pytest
import yaml

from tests.fixtures import REPO

# What `python -m venv` puts in every environment before anything is installed: the installer, not a dependency.
VENV_SEEDS = {"pip", "setuptools"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def direct_pins(path: Path) -> dict[str, str]:
    lines = [line for line in path.read_text().splitlines() if line and not line.startswith("#")]
    return {canonical(name): version for name, version in (line.split("==") for line in lines)}


def locked(path: Path) -> dict[str, set[str]]:
    """Package -> the versions the lock names for it (one, or one per Python or platform marker); every entry must have hashes."""
    entries: dict[str, set[str]] = {}
    for entry in re.split(r"\n(?=[A-Za-z0-9])", path.read_text()):
        if entry.startswith("#"):
            continue
        name, version = re.match(r"([A-Za-z0-9_.-]+)==([^\s;\\]+)", entry).groups()
        assert "--hash=sha256:" in entry, f"{path.name}: {name} has no hash"
        entries.setdefault(canonical(name), set()).add(version)
    return entries


def test_conda_environment_and_pip_pins_agree():
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    conda_pins = dict(
        re.fullmatch(r"([\w.-]+)=([\w.]+)", entry).groups() for entry in environment["dependencies"] if not entry.startswith("python=")
    )
    assert direct_pins(REPO / "requirements.txt") == {canonical(k): v for k, v in conda_pins.items()}


def test_the_locks_hold_every_direct_pin_at_its_version():
    lock = locked(REPO / "requirements.lock")
    for name, version in direct_pins(REPO / "requirements.txt").items():
        assert lock.get(name) == {version}, name
    slurm = locked(REPO / "requirements-slurm.lock")
    for name, version in direct_pins(REPO / "requirements-slurm.txt").items():
        assert slurm.get(name) == {version}, name
    shared = lock.keys() & slurm.keys()
    assert len(shared) > 90 and all(lock[name] == slurm[name] for name in shared), "the SLURM lock moved a package of the main lock"


def test_the_lock_covers_everything_installed():
    if (Path(sys.prefix) / "conda-meta").is_dir():
        return  # a conda environment is made from environment.yml, not from the lock
    lock = locked(REPO / "requirements.lock") | locked(REPO / "requirements-slurm.lock")
    installed = {canonical(d.metadata["Name"]): d.version for d in distributions()}
    outside = {name: version for name, version in installed.items() if name not in VENV_SEEDS and version not in lock.get(name, ())}
    assert outside == {}
    assert len(installed) > 90


def test_the_lock_parser_sees_a_missing_hash_and_an_unlocked_package(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text(
        "# header\nsix==1.16.0 \\\n    --hash=sha256:ab\n    # via x\nnumpy==2.4.6 ; python_full_version < '3.14' \\\n    --hash=sha256:cd\n"
    )
    assert locked(lock) == {"six": {"1.16.0"}, "numpy": {"2.4.6"}}
    lock.write_text("six==1.16.0\n")
    with pytest.raises(AssertionError, match="six has no hash"):
        locked(lock)
