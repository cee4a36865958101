"""`cleaner run`: launch the cleaning job and write the run summary.

Standard Beam options pass straight through (``--runner``,
``--direct_num_workers``, ``--direct_running_mode``, Dataflow's options);
an option neither we nor Beam know is an error, not a silent no-op.  The
default runner is Beam's FnApiRunner in-memory: it runs offline (the plain
DirectRunner first tries to download the Prism binary) and was the fastest
local mode in benchmarks/bench_job.py on 2 cores.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
import time
from typing import Any

from cleaner import config as config_mod
from cleaner.compiled import describe
from cleaner.inputs import expand_local, is_remote
from cleaner.readers.detect import FORMATS
from cleaner.route import OUTPUTS, PAIRS
from cleaner.summary import build_summary, render

DEFAULT_RUNNER = "FnApiRunner"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--input", action="append", required=True, metavar="GLOB",
                   help="input files: a glob, a file or a folder (repeatable). Supported: .jsonl, .jsonl.gz, "
                        ".json, .parquet, .xml (Stack Exchange Posts.xml); other files are skipped with a note")
    p.add_argument("--output", required=True, metavar="DIR",
                   help="output folder: cleaned/, rejected/, deadletter/ (Parquet) and summary.json")
    p.add_argument("--format", default="auto", choices=["auto", *FORMATS],
                   help="input family; auto detects it per file from the name and first records (default)")
    p.add_argument("--config", metavar="FILE", help="YAML merged over the shipped defaults (cleaner/default_config.yaml)")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="override one config key, e.g. --set output.progress_interval_s=0")
    p.add_argument("--emit-pairs", action="store_true",
                   help="also write DIR/pairs/: (context, rejected = original response, chosen = cleaned response) "
                        "for every response turn the policy changed, for DPO / reward-model training")
    p.add_argument("--overwrite", action="store_true", help="replace results already in --output")
    p.add_argument("--quiet", action="store_true", help="no progress lines and no summary table")


def run(args: argparse.Namespace, beam_args: list[str]) -> int:
    # Beam logs optional-dependency warnings at import; the user cannot act on them.
    logging.getLogger().setLevel(logging.ERROR)
    try:
        cfg = config_mod.load(args.config, args.set)
    except config_mod.ConfigError as e:
        return _fail(str(e))
    if args.quiet:
        cfg["output"]["progress_interval_s"] = 0.0
    unknown = _unknown_beam_args(beam_args)
    if unknown:
        return _fail(f"unknown option(s) {' '.join(unknown)}; see `cleaner run --help` (Beam options are accepted too)")
    local = [x for x in args.input if not is_remote(x)]
    if local:
        files, skipped = expand_local(local)
        for s in skipped:
            print(f"note: skipping {s}: not a supported input file", file=sys.stderr)
        if not files and len(local) == len(args.input):
            return _fail(f"no input files match {' '.join(args.input)}")
    import apache_beam as beam
    from apache_beam.options.pipeline_options import (
        PipelineOptions,
        SetupOptions,
        StandardOptions,
        TestOptions,
    )
    from apache_beam.runners.runner import create_runner

    from pipelines.clean import build

    opts = PipelineOptions(beam_args)
    std = opts.view_as(StandardOptions)
    if not std.runner:
        std.runner = DEFAULT_RUNNER
    try:
        runner = create_runner(std.runner)
    except (ValueError, ImportError) as e:  # a misspelt name, or a runner whose extra is not installed
        return _fail(f"--runner {std.runner}: {e}")
    remote_runner = std.runner not in StandardOptions.LOCAL_RUNNERS
    dry_run = bool(opts.view_as(TestOptions).dry_run)
    if remote_runner and not dry_run:
        err = _check_worker_code(opts.view_as(SetupOptions), opts)
        if err:
            return _fail(err)
    if not dry_run:
        err = _prepare_output(args.output, args.overwrite)
        if err:
            return _fail(err)
    t0 = time.monotonic()
    p = beam.Pipeline(runner=runner, options=opts)
    build(p, args.input, args.output, args.format, cfg, reshuffle=remote_runner, emit_pairs=args.emit_pairs)
    result = p.run()
    if dry_run:
        print(f"dry run: the {std.runner} job graph was built and not submitted", file=sys.stderr)
        return 0
    result.wait_until_finish()
    elapsed = time.monotonic() - t0
    if cfg["output"]["progress_interval_s"] and sys.stderr.isatty():
        sys.stderr.write("\n")

    io, outputs = collect_counters(result)
    extra = {"runner": std.runner, "output": args.output}
    if not remote_runner:  # local workers run this install; remote ones run whatever they installed
        extra["build"] = describe()
    summary = build_summary(io, outputs, elapsed, extra)
    write_summary(args.output, summary)
    if not args.quiet:
        from rich.console import Console

        Console(stderr=False).print(render(summary))
    if not summary["conservation"]["ok"]:
        print("error: units in != cleaned + rejected + dead-letter; this is a bug, please report it", file=sys.stderr)
        return 3
    return 0


def _fail(msg: str) -> int:
    print(f"cleaner run: error: {msg}", file=sys.stderr)
    return 2


def _check_worker_code(setup: Any, opts: Any) -> str | None:
    """Remote workers must get the package (code, lexicons, models): refuse to launch a job that would fail there."""
    from apache_beam.options.pipeline_options import WorkerOptions

    image = getattr(opts.view_as(WorkerOptions), "sdk_container_image", None)
    if setup.extra_packages or setup.setup_file or setup.requirements_file or image:
        return None
    return (
        "remote workers need sft-cleaner installed: build the wheel with `pip wheel --no-deps -w dist .` and pass "
        "--extra_package dist/sft_cleaner-<version>-py3-none-any.whl, or pass --sdk_container_image with an image "
        "built from the repository's Dockerfile (see README, 'Running on Dataflow')"
    )


def _unknown_beam_args(beam_args: list[str]) -> list[str]:
    from apache_beam.options.pipeline_options import PipelineOptions

    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    for cls in PipelineOptions.__subclasses__():
        with contextlib.suppress(argparse.ArgumentError):  # options two classes both declare
            cls._add_argparse_args(parser)  # the same hook Beam uses
    _, rest = parser.parse_known_args(beam_args)
    return [a for a in rest if a.startswith("--")]


def _prepare_output(output: str, overwrite: bool) -> str | None:
    from apache_beam.io.filesystems import FileSystems

    existing = []
    for name in (*OUTPUTS, PAIRS):
        try:
            existing += [m.path for m in FileSystems.match([f"{output.rstrip('/')}/{name}/*"])[0].metadata_list]
        except Exception:
            continue
    if existing and not overwrite:
        return f"{output} already holds results ({len(existing)} files); pass --overwrite or choose a new --output"
    if existing:
        FileSystems.delete(existing)
    return None


def collect_counters(result: Any) -> tuple[dict[str, int], dict[str, int]]:
    from apache_beam.metrics.metric import MetricsFilter

    io: dict[str, int] = {}
    outputs: dict[str, int] = {}
    for c in result.metrics().query(MetricsFilter())["counters"]:
        ns = c.key.metric.namespace
        value = c.committed if c.committed is not None else c.attempted
        target = outputs if ns == "cleaner.outputs" else io if ns == "cleaner" else None
        if target is not None:
            target[c.key.metric.name] = target.get(c.key.metric.name, 0) + int(value or 0)
    return io, outputs


def write_summary(output: str, summary: dict[str, Any]) -> None:
    from apache_beam.io.filesystems import FileSystems

    with FileSystems.create(f"{output.rstrip('/')}/summary.json") as f:
        f.write(json.dumps(summary, indent=2, ensure_ascii=False).encode("utf-8"))
