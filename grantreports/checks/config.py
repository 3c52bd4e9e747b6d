"""The workflow's config, checked before anything else: one line per problem naming the file, the key,
the value and what is expected (no schema dump, no Python frame)."""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from pathlib import Path

import jsonschema
import yaml

from grantreports.common.project import PROJECT_DIR, SCHEMA_DIR
from grantreports.funders.profiles import profile_files
from grantreports.inputs import cells

SCHEMA_FILE = SCHEMA_DIR / "config.schema.yaml"
_KINDS = {"array": "a list", "string": "text", "integer": "a whole number", "object": "keys with values"}


@cache
def _schema() -> dict:
    return yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))


def read_config(path: Path) -> tuple[dict, list[str]]:
    """The config file's keys, or the line saying where and why it cannot be read."""
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, [f"{path}: no such file; expected the build's config (copy config/config.yaml of grantreports)"]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        return {}, [f"{path}{where}: cannot be read as YAML ({error.problem}); expected 'key: value' lines, as in config/config.yaml"]
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        return {}, [f"{path}: cannot be read as YAML ({error}); expected 'key: value' lines, as in config/config.yaml"]
    if not isinstance(loaded, dict):
        return {}, [f"{path}: expected 'key: value' lines, as in config/config.yaml"]
    return loaded, []


def with_defaults(config: dict) -> dict:
    """The config with the schema's default for each key it leaves out."""
    schema = _schema()
    return {**{key: spec["default"] for key, spec in schema["properties"].items() if "default" in spec}, **config}


def config_problems(config: dict, config_file: str, workdir: Path) -> list[str]:
    """What is wrong with the config's keys and values, one line each; empty when nothing is."""
    schema = _schema()
    properties = schema["properties"]
    validator = jsonschema.Draft202012Validator(schema)
    lines = [_line(config_file, error, properties) for error in sorted(validator.iter_errors(config), key=lambda e: list(e.path))]
    as_of = config.get("as_of")
    if isinstance(as_of, str) and re.fullmatch(properties["as_of"]["pattern"], as_of):
        try:
            cells.to_date(as_of)
        except cells.CellError as error:
            lines.append(f"{config_file}: key 'as_of': value '{as_of}': {error}")
    if not isinstance(config.get("templates"), str) or not config["templates"]:
        return lines
    templates = Path(config["templates"])
    folder = (templates if templates.is_absolute() else workdir / templates).resolve()
    if not profile_files(folder):
        lines.append(
            f"{config_file}: key 'templates': value '{templates}': no funder formats there ({folder} has no <format>/profile.yaml);"
            f" expected the folder of funder formats, e.g. {PROJECT_DIR / 'templates'}"
        )
    return lines


def _line(config_file: str, error: jsonschema.ValidationError, properties: dict) -> str:
    key = ".".join(str(part) for part in error.path)
    top = str(error.path[0]) if error.path else ""
    expected = properties.get(top, {}).get("description", "")
    if error.validator == "additionalProperties":
        unknown = sorted(set(error.instance) - set(properties))
        hints = [
            f"'{name}'" + (f" (did you mean '{close[0]}'?)" if (close := difflib.get_close_matches(name, properties, n=1)) else "")
            for name in unknown
        ]
        return f"{config_file}: unknown key {', '.join(hints)}; expected the keys {', '.join(properties)}"
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return f"{config_file}: key '{missing}' is missing; expected {properties[missing]['description']}"
    value = f"'{error.instance}'" if isinstance(error.instance, str) else json.dumps(error.instance, ensure_ascii=False, default=str)
    what = {
        "type": f"expected {_KINDS.get(error.validator_value, error.validator_value)}",
        "minimum": f"expected at least {error.validator_value}",
        "minItems": "expected at least one entry",
        "minLength": "expected some text",
        "pattern": "expected a date written YYYY-MM-DD",
        "format": "expected a date written YYYY-MM-DD",
    }.get(error.validator, error.message)
    return f"{config_file}: key '{key}': value {value}: {what}" + (f" ({expected})" if expected else "")


def unknown_grants(chosen: list[str], grant_numbers: list[str], config_file: str) -> list[str]:
    """A line for each grant the config's `grants` key names that the grants sheet does not have."""
    lines = []
    for number in chosen:
        if number not in grant_numbers:
            close = difflib.get_close_matches(number.strip(), grant_numbers, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            lines.append(
                f"{config_file}: key 'grants': value '{number}': no grant with this number in the grants sheet{hint}; expected a grant's number"
            )
    return lines
