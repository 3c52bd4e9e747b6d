"""requirements.txt (pip) and environment.yml (conda) must pin the same versions."""

import re

import yaml

from tests.fixtures import REPO


def test_conda_environment_and_pip_pins_agree():
    pip_pins = dict(
        line.split("==") for line in (REPO / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")
    )
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    conda_pins = dict(
        re.fullmatch(r"([\w.-]+)=([\w.]+)", entry).groups() for entry in environment["dependencies"] if not entry.startswith("python=")
    )
    assert {k.lower(): v for k, v in pip_pins.items()} == {k.lower(): v for k, v in conda_pins.items()}
