"""The loader is pure: importing it pulls in neither the database nor the UI."""

from __future__ import annotations

import json
import subprocess
import sys


def test_documents_imports_no_db_or_ui() -> None:
    code = "import json, sys, workbench.documents, workbench.samples; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    modules = set(json.loads(out))
    for forbidden in ("sqlalchemy", "streamlit", "alembic", "workbench.store", "workbench.ui"):
        assert not {m for m in modules if m == forbidden or m.startswith(forbidden + ".")}, forbidden
