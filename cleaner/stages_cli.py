"""`cleaner stages`: the registered stage names a config may use."""

from __future__ import annotations

import argparse

from cleaner import registry


def add_arguments(parser: argparse.ArgumentParser) -> None:
    return None


def run(args: argparse.Namespace) -> int:
    for name in registry.available():
        print(name)
    return 0
