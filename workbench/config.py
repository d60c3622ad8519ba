"""One settings object for the CLI and the app.

Precedence, lowest first: built-in defaults, ``workbench.toml`` in the working
folder, ``WORKBENCH_*`` environment variables, Streamlit secrets (the app passes
them in), then CLI flags (the CLI passes them in)::

    # workbench.toml
    database_url = "postgresql+psycopg://fact@db.example/claims"
    org_name = "Example Fact Check"
    org_url = "https://factcheck.example"
    max_file_mb = 20
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_DATABASE_URL", "Settings", "VERDICTS", "VerdictLabel"]

DEFAULT_DATABASE_URL = "sqlite:///claims.db"


@dataclass(frozen=True, slots=True)
class VerdictLabel:
    key: str
    label: str
    description: str
    rating: int | None  # ClaimReview ratingValue (1..5, higher is truer); None: text rating only


VERDICTS: tuple[VerdictLabel, ...] = (
    VerdictLabel(
        "accurate", "Accurate", "The figure matches a reliable source and is used in the right sense.", 5
    ),
    VerdictLabel(
        "needs_context",
        "Needs context",
        "The figure is right, but leaves out context a reader needs (base, period, who was measured).",
        4,
    ),
    VerdictLabel(
        "misleading",
        "Misleading",
        "The figure exists but is used to suggest something the source does not support.",
        2,
    ),
    VerdictLabel(
        "inaccurate", "Inaccurate", "The source gives a different figure, or the arithmetic is wrong.", 1
    ),
    VerdictLabel("unsupported", "Unsupported", "No source for the figure could be found.", None),
    VerdictLabel(
        "unverifiable",
        "Unverifiable",
        "The claim cannot be checked (a forecast, private data, no method).",
        None,
    ),
)


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    org_name: str = "claim-workbench"
    org_url: str = "https://example.org/fact-checks"
    max_file_mb: float = 20.0
    lock_minutes: int = 5  # soft lock on an open claim expires after this much inactivity
    login_hours: float = 12.0  # a team-mode login survives reloads this long

    @classmethod
    def load(
        cls,
        overrides: Mapping[str, Any] | None = None,
        *,
        secrets: Mapping[str, Any] | None = None,
        environ: Mapping[str, str] | None = None,
        config_file: Path | None = None,
    ) -> Settings:
        env = os.environ if environ is None else environ
        s = cls()
        path = config_file or Path(env.get("WORKBENCH_CONFIG", "workbench.toml"))
        if path.is_file():
            with path.open("rb") as fh:
                s = s._merge(tomllib.load(fh))
        s = s._merge(
            {
                f.name: env[f"WORKBENCH_{f.name.upper()}"]
                for f in fields(cls)
                if f"WORKBENCH_{f.name.upper()}" in env
            }
        )
        if secrets:
            s = s._merge(secrets)
        if overrides:
            s = s._merge({k: v for k, v in overrides.items() if v is not None})
        return s

    @classmethod
    def from_env(cls) -> Settings:
        return cls.load()

    def _merge(self, values: Mapping[str, Any]) -> Settings:
        known = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}
        for key, raw in values.items():
            if key not in known:
                continue
            current = getattr(self, key)
            changes[key] = type(current)(raw) if not isinstance(raw, type(current)) else raw
        return replace(self, **changes)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)
