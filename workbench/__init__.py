"""claim-workbench: find, check and publish the numeric claims in articles."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "extract_claims"]


def __getattr__(name: str):  # lazy, so `import workbench` stays cheap
    if name == "extract_claims":
        from workbench.extract import extract_claims

        return extract_claims
    raise AttributeError(name)
