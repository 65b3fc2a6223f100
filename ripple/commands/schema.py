"""ripple schema: print the JSON Schema of scenario files."""

from __future__ import annotations

import argparse
import sys

NAME = "schema"
HELP = "print the JSON Schema of scenario files"


def add(parser: argparse.ArgumentParser) -> None:
    """No options."""


def run(args: argparse.Namespace) -> int:
    """Print the schema."""
    from ripple.scenario.schema import schema_text

    sys.stdout.write(schema_text())
    return 0
