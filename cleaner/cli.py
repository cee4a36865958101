"""The `cleaner` command: one entry point, a subcommand per tool.

Each subcommand lives in its own module and is imported only when used, so
`cleaner segment` never pays for importing Beam, and `cleaner --help` is fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# name -> (module, one-line help).  Modules expose add_arguments(parser) and run(args).
COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("pipelines.run", "run the cleaning job (Apache Beam) over input files"),
    "segment": ("cleaner.segment.cli", "show how a file's text splits into code and prose"),
    "train": ("cleaner.classify.train_cli", "train a classifier (fastText, logreg, or their mean) with the job's own preprocessing"),
    "eval": ("cleaner.classify.eval_cli", "measure the cleaner's decisions against labelled data"),
    "check": ("cleaner.guard_cli", "judge one reply before it is sent (the serving-time guard)"),
    "stages": ("cleaner.stages_cli", "list the registered scoring stages"),
    "inspect": ("cleaner.inspect.cli", "review a run: sampled diffs in the terminal or an HTML report"),
}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleaner",
        description="sft-cleaner: clean abusive and angry prose out of code SFT corpora, "
        "keeping every code span byte for byte.",
    )
    p.add_argument(
        "--version",
        action=_Version,
        help="show the version and the build (pure Python, or compiled with SFT_CLEANER_MYPYC=1), then exit",
    )
    return p


class _Version(argparse.Action):
    """argparse's version action, but the build is looked up only when asked (it imports the hot modules)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(f"{parser.prog} {_version()}")
        parser.exit()


def _version() -> str:
    from cleaner import __version__
    from cleaner.compiled import describe

    return f"{__version__} ({describe()})"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_, help_) in COMMANDS.items():
        sub.add_parser(name, help=help_, add_help=False)
    if not argv or argv[0] not in COMMANDS:
        parser.parse_args(argv or ["--help"])
        return 2
    name = argv[0]
    module_name, help_ = COMMANDS[name]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        if e.name and module_name.startswith(e.name):
            print(f"cleaner {name}: not available in this build ({module_name} is missing)", file=sys.stderr)
            return 2
        raise
    cmd = argparse.ArgumentParser(prog=f"cleaner {name}", description=help_)
    module.add_arguments(cmd)
    if name == "run":  # everything we do not know goes to Beam (validated there)
        args, rest = cmd.parse_known_args(argv[1:])
        return int(module.run(args, rest))
    args = cmd.parse_args(argv[1:])
    return int(module.run(args))


if __name__ == "__main__":
    sys.exit(main())
