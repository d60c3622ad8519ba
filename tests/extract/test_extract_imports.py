"""The extractor is pure: importing it loads no database and no UI (click's test_imports style)."""

from __future__ import annotations

import subprocess
import sys


def test_extract_imports_no_db_or_ui() -> None:
    code = "import sys, workbench.extract; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    modules = set(out.split())
    for banned in (
        "sqlalchemy",
        "streamlit",
        "alembic",
        "pandas",
        "workbench.store",
        "workbench.ui",
        "workbench.match",
    ):
        assert not any(m == banned or m.startswith(banned + ".") for m in modules), banned
