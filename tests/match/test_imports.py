"""workbench.match stays pure: importing it loads no database and no UI code."""

from __future__ import annotations

import subprocess
import sys


def test_match_imports_no_db_or_ui():
    code = "import sys, workbench.match; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = set(out.split())
    assert "workbench.match" in loaded
    for forbidden in ("sqlalchemy", "streamlit", "alembic", "workbench.store", "workbench.ui"):
        assert forbidden not in loaded
