"""Parsing untrusted JSON with one clear message per way it can go wrong.

``json.loads`` on bytes accepts a BOM and UTF-16 (IM-06); NaN and Infinity are
refused (IM-07); a deep nest raises RecursionError, not ValueError (IM-05);
a huge integer raises ValueError (IM-08); a key given twice is refused (IM-10).
Each becomes a BadImport naming the file.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

from pmdesk.errors import BadImport
from pmdesk.jsontext import DuplicateKey, loads_strict

JSONValue = Any


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not allowed in an export")


def parse_json(data: bytes, where: str) -> JSONValue:
    """Parse bytes from ``where``; BadImport with the file and reason on any failure."""
    if not data.strip():
        raise BadImport(f"{where} is empty")
    try:
        return loads_strict(data, parse_constant=_reject_constant)
    except DuplicateKey as exc:
        raise BadImport(f"{where}: {exc}; pmdesk does not guess which one is meant") from exc
    except RecursionError as exc:
        raise BadImport(f"{where} is nested too deeply to be an export") from exc
    except UnicodeDecodeError as exc:
        raise BadImport(
            f"{where} is not valid UTF-8 text (bad byte at offset {exc.start})"
        ) from exc
    except json.JSONDecodeError as exc:
        truncated = exc.pos >= len(data.rstrip()) - 1 or exc.msg.startswith("Unterminated")
        hint = " (the file looks cut short)" if truncated else ""
        raise BadImport(
            f"{where} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}{hint}"
        ) from exc
    except ValueError as exc:
        raise BadImport(f"{where} is not valid JSON: {str(exc)[:100]}") from exc


def expect_list(value: JSONValue, where: str) -> list[JSONValue]:
    if not isinstance(value, list):
        raise BadImport(f"{where} should hold a list, not {_kind(value)}")
    return value


def expect_dict(value: JSONValue, where: str) -> dict[str, JSONValue]:
    if not isinstance(value, dict):
        raise BadImport(f"{where} should hold an object, not {_kind(value)}")
    return value


def opt_str(obj: dict[str, JSONValue], key: str) -> str | None:
    """A string field, tolerating numbers (type drift between export versions)."""
    value = obj.get(key)
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _kind(value: JSONValue) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    return "a number" if not isinstance(value, bool) else "true/false"
