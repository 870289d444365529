"""The README's set-up and command list say what the code does."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from pmdesk.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text("utf-8")


def _section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def _code_blocks(text: str) -> list[str]:
    return re.findall(r"^```[a-z]*\n(.*?)^```$", text, flags=re.S | re.M)


def test_the_readme_opens_with_set_up_and_its_two_commands() -> None:
    first = README.split("\n## ", 2)[1]
    assert first.startswith("Set up on a fresh machine\n")
    assert _code_blocks(first) == ["python3 dev.py run\n", "python3 dev.py test\n"]


def test_ci_runs_the_readmes_test_command_unchanged() -> None:
    (test_command,) = [b.strip() for b in _code_blocks(_section("Set up on a fresh machine"))][1:]
    ci = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert test_command in ci, "a line of .ci/run is exactly the README's test command"


def test_the_command_list_names_every_pmdesk_command() -> None:
    (block,) = _code_blocks(_section("The command line"))
    listed = {line.split()[1] for line in block.splitlines() if line.startswith("pmdesk ")}
    listed.discard("[--library")  # the line for the bare GUI
    (commands,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert listed == set(commands.choices)
