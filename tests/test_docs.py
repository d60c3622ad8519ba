"""Every command has help text and is documented in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from workbench.cli import app

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
ROOT = typer.main.get_command(app)


def all_commands(group, prefix: tuple[str, ...] = ()):
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if hasattr(cmd, "commands"):  # a group (Typer vendors its own click)
            yield from all_commands(cmd, (*prefix, name))


COMMANDS = list(all_commands(ROOT))


@pytest.mark.parametrize(("path", "cmd"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_command_has_help_and_is_in_the_readme(path, cmd):
    assert (cmd.help or "").strip(), f"`workbench {' '.join(path)}` has no help text"
    assert f"workbench {' '.join(path)}" in README, f"`workbench {' '.join(path)}` is not in the README"
    r = CliRunner().invoke(app, [*path, "--help"])
    assert r.exit_code == 0


def test_readme_has_the_two_commands():
    assert "pip install -e . && workbench demo" in README
    assert 'pip install -e ".[test]" && pytest' in README
