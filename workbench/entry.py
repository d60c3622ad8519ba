"""The ``workbench`` console script.

A plain ``workbench extract ...`` runs ``workbench.cli_extract`` directly, without importing
typer (and the pydantic it builds parameters with): about 0.1 s less start-up for the one
command that scripts call in loops. Everything else, and ``extract --help``, goes to the typer
app in ``workbench.cli``.
"""

from __future__ import annotations

import sys

__all__ = ["main"]

_HELP = frozenset(("--help", "-h"))


def main() -> None:
    argv = sys.argv[1:]
    if argv[:1] == ["extract"] and _HELP.isdisjoint(argv[1:]):
        from workbench.cli_extract import main as extract_main

        try:
            code = extract_main(argv[1:])
        except KeyboardInterrupt:
            print("Interrupted.", file=sys.stderr)
            code = 130
        sys.exit(code)
    from workbench.cli import main as cli_main

    cli_main()
