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

from grantreports.common import i18n
from grantreports.common.i18n import tr
from grantreports.common.project import PROJECT_DIR, SCHEMA_DIR, read_schema
from grantreports.funders.profiles import profile_files
from grantreports.inputs import cells

SCHEMA_FILE = SCHEMA_DIR / "config.schema.yaml"


@cache
def _schema() -> dict:
    return read_schema(SCHEMA_FILE)


def read_config(path: Path) -> tuple[dict, list[str]]:
    """The config file's keys, or the line saying where and why it cannot be read."""
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, [tr("{file}: no such file; expected the build's config (copy config/config.yaml of grantreports)").format(file=path)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = tr("{file}, line {line}, column {column}").format(file=path, line=mark.line + 1, column=mark.column + 1) if mark else path
        message = tr("{where}: cannot be read as YAML ({error}); expected 'key: value' lines, as in config/config.yaml")
        return {}, [message.format(where=where, error=error.problem)]
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        message = tr("{where}: cannot be read as YAML ({error}); expected 'key: value' lines, as in config/config.yaml")
        return {}, [message.format(where=path, error=error)]
    if not isinstance(loaded, dict):
        return {}, [tr("{file}: expected 'key: value' lines, as in config/config.yaml").format(file=path)]
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
            lines.append(
                tr("{file}: key '{key}': value {value}: {message}").format(file=config_file, key="as_of", value=f"'{as_of}'", message=error)
            )
    if not isinstance(config.get("templates"), str) or not config["templates"]:
        return lines
    return lines + templates_problems(config["templates"], config_file, workdir)


def templates_problems(value: str, config_file: str, workdir: Path) -> list[str]:
    """The `templates` key must name a folder (absolute, or relative to the project folder) holding at least one
    funder format, <format>/profile.yaml; else one line naming the value, the folder it resolves to and what is wrong."""
    templates = Path(value)
    folder = (templates if templates.is_absolute() else workdir / templates).resolve()
    if not folder.exists():
        problem = tr("no such folder ({folder})")
    elif not folder.is_dir():
        problem = tr("{folder} is a file, not a folder")
    elif not profile_files(folder):
        problem = tr("no funder formats there ({folder} has no <format>/profile.yaml)")
    else:
        return []
    return [
        tr("{file}: key 'templates': value '{value}': {problem}; expected the folder of funder formats, e.g. {example}").format(
            file=config_file, value=value, problem=problem.format(folder=folder), example=PROJECT_DIR / "templates"
        )
    ]


def _line(config_file: str, error: jsonschema.ValidationError, properties: dict) -> str:
    key = ".".join(str(part) for part in error.path)
    top = str(error.path[0]) if error.path else ""
    expected = _meaning(properties.get(top, {}))
    if error.validator == "additionalProperties":
        unknown = sorted(set(error.instance) - set(properties))
        hints = [
            tr("'{key}' (did you mean '{close}'?)").format(key=name, close=close[0])
            if (close := difflib.get_close_matches(name, properties, n=1))
            else f"'{name}'"
            for name in unknown
        ]
        return tr("{file}: unknown key {keys}; expected the keys {known}").format(
            file=config_file, keys=", ".join(hints), known=", ".join(properties)
        )
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return tr("{file}: key '{key}' is missing; expected {meaning}").format(
            file=config_file, key=missing, meaning=_meaning(properties[missing])
        )
    value = f"'{error.instance}'" if isinstance(error.instance, str) else json.dumps(error.instance, ensure_ascii=False, default=str)
    line = tr("{file}: key '{key}': value {value}: {message}").format(file=config_file, key=key, value=value, message=_expected(error))
    return line + (f" ({expected})" if expected else "")


def _meaning(spec: dict) -> str:
    """What a config key means, from the schema: its Latvian description (x-lv-description) in a Latvian interface
    when the schema has one, else its description."""
    if i18n.language() == "lv" and spec.get("x-lv-description"):
        return spec["x-lv-description"]
    return spec.get("description", "")


def _expected(error: jsonschema.ValidationError) -> str:
    """What a config value that the schema refuses should have been, in words."""
    if error.validator == "type":
        kinds = {"array": tr("expected a list"), "string": tr("expected text"), "integer": tr("expected a whole number")}
        kinds["object"] = tr("expected keys with values")
        return kinds.get(error.validator_value) or tr("expected {kind}").format(kind=error.validator_value)
    if error.validator == "minimum":
        return tr("expected at least {minimum}").format(minimum=error.validator_value)
    if error.validator == "minItems":
        return tr("expected at least one entry")
    if error.validator == "minLength":
        return tr("expected some text")
    if error.validator in ("pattern", "format"):
        return tr("expected a date written YYYY-MM-DD")
    if error.validator == "enum":
        return tr("expected one of: {values}").format(values=", ".join(map(str, error.validator_value)))
    return error.message


def unknown_grants(chosen: list[str], grant_numbers: list[str], config_file: str) -> list[str]:
    """A line for each grant the config's `grants` key names that the grants sheet does not have."""
    lines = []
    for number in chosen:
        if number not in grant_numbers:
            close = difflib.get_close_matches(number.strip(), grant_numbers, n=1)
            if close:
                message = tr(
                    "{file}: key 'grants': value '{value}': no grant with this number in the grants sheet (did you mean '{close}'?);"
                    " expected a grant's number"
                )
            else:
                message = tr(
                    "{file}: key 'grants': value '{value}': no grant with this number in the grants sheet; expected a grant's number"
                )
            lines.append(message.format(file=config_file, value=number, close=close[0] if close else ""))
    return lines
