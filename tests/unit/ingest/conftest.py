"""Fixtures for the importer tests: the labelled incident export and the real samples."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[2] / "data" / "ingest"
REALDATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "realdata"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_incident_channel", DATA / "make_incident_channel.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def incident_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("incident") / "export"
    labels = _generator().build_export(folder)
    return folder, labels


@pytest.fixture(scope="session")
def realdata() -> Path:
    if not REALDATA.is_dir():
        pytest.skip("shared/realdata is not beside the repository")
    return REALDATA.resolve()


@pytest.fixture
def make_export(tmp_path: Path) -> Callable[..., Path]:
    """A small Slack export folder from message lists per day file."""

    def make(
        days: dict[str, list[dict[str, Any]]],
        users: list[dict[str, Any]] | None = None,
        channel: str = "incident",
    ) -> Path:
        root = tmp_path / "export"
        (root / channel).mkdir(parents=True)
        people = (
            users
            if users is not None
            else [
                {
                    "id": "U1",
                    "name": "ana",
                    "real_name": "Ana Silva",
                    "profile": {"real_name": "Ana Silva"},
                },
                {
                    "id": "U2",
                    "name": "ben",
                    "profile": {"display_name": "ben", "real_name": "Ben Okafor"},
                },
            ]
        )
        (root / "users.json").write_text(json.dumps(people))
        (root / "channels.json").write_text(json.dumps([{"id": "C1", "name": channel}]))
        for day, messages in days.items():
            (root / channel / f"{day}.json").write_text(json.dumps(messages))
        return root

    return make
