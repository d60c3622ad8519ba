"""Layer rules that import-linter cannot see: screens run as scripts, not as imported modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

UI = Path(__file__).parents[1] / "workbench" / "ui"
SCREENS = sorted((UI / "screens").glob("*.py"))


@pytest.mark.parametrize("path", SCREENS, ids=[p.stem for p in SCREENS])
def test_screens_contain_no_sql(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            assert not any(n.startswith(("sqlalchemy", "workbench.store.models")) for n in names), names
        if isinstance(node, ast.Call):
            f = node.func
            bare = f.id if isinstance(f, ast.Name) else ""
            attr = f.attr if isinstance(f, ast.Attribute) else ""
            assert bare not in {"select", "text", "Session", "sessionmaker", "create_engine"}, (
                f"{path.name}:{node.lineno} calls {bare}(): screens go through workbench.store.service"
            )
            assert attr not in {"execute", "exec_driver_sql", "scalars", "scalar"}, (
                f"{path.name}:{node.lineno} runs SQL (.{attr}): screens go through workbench.store.service"
            )


def test_extract_command_loads_no_database_or_ui() -> None:
    code = (
        "import sys; from workbench.cli import app; from typer.testing import CliRunner;"
        "r = CliRunner().invoke(app, ['extract', '-'], input='Sales rose 12% in May.');"
        "assert r.exit_code == 0, r.output; print(sorted(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "'sqlalchemy'" not in out and "'streamlit'" not in out and "'alembic'" not in out
